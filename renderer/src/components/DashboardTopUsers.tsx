// The people to look at first: highest investigation priority (open alerts' severity weights,
// fading over a week after the alert last fired). A click opens the person's page.
import { Badge, Button, Card, Group, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { formatNumber } from '../format';
import { guard } from '../guard';
import { useNavigation } from '../stores/navigation';
import { useOpenAlerts } from '../stores/open-alerts';
import { ErrorAlert, LoadingRows } from './States';
import { useGuardQuery } from './useGuardQuery';
import rowClasses from './DashboardRow.module.css';

const TOP = 5;

export function DashboardTopUsers({ onOpen }: { onOpen: (id: string) => void }) {
  const version = useOpenAlerts((s) => s.version);
  const go = useNavigation((s) => s.go);
  const top = useGuardQuery(() => guard.users.list({ openAlerts: true, sort: 'priority', limit: TOP }), [version]);
  return (
    <Card h="100%" data-testid="dashboard-top-users">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4">
          Top users by investigation priority
        </Title>
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => go('users', { openAlerts: 'true', sort: 'priority' })}
        >
          All {top.data ? formatNumber(top.data.total) : ''} with open alerts
        </Button>
      </Group>
      {top.error ? (
        <ErrorAlert title="Could not rank users" error={top.error} onRetry={top.reload} />
      ) : !top.data ? (
        <LoadingRows rows={TOP} height={28} />
      ) : top.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nobody has an open alert.
        </Text>
      ) : (
        <Stack gap={4}>
          {top.data.items.map((u) => (
            <UnstyledButton
              key={u.id}
              onClick={() => onOpen(u.id)}
              data-user-id={u.id}
              className={rowClasses.row}
              style={{ borderRadius: 6, padding: '6px 8px' }}
            >
              <Group justify="space-between" wrap="nowrap">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600} truncate>
                    {u.name}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {u.email ?? u.id}
                  </Text>
                </Stack>
                <Group gap="xs" wrap="nowrap">
                  <Badge variant="light" color="orange" title="Open alerts naming this user">
                    {u.openAlerts} open
                  </Badge>
                  <Badge
                    variant={u.priority > 0 ? 'filled' : 'light'}
                    color={u.priority > 0 ? 'red' : 'gray'}
                    title={
                      u.priority > 0
                        ? 'Investigation priority: open alerts’ weights, fading over a week'
                        : 'Priority 0: its open alerts last fired over a week ago'
                    }
                  >
                    priority {u.priority}
                  </Badge>
                </Group>
              </Group>
            </UnstyledButton>
          ))}
        </Stack>
      )}
    </Card>
  );
}
