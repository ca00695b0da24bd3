// The alerts naming one person, newest first, each a link to the Alerts queue on that person.
import { Badge, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { formatRelative } from '../format';
import { guard } from '../guard';
import { useNavigation } from '../stores/navigation';
import { severityColor } from '../theme';
import { ErrorAlert, LoadingRows } from './States';
import { useGuardQuery } from './useGuardQuery';
import rowClasses from './DashboardRow.module.css';

const SHOWN = 8;

export function UserAlerts({ user }: { user: string }) {
  const go = useNavigation((s) => s.go);
  const q = useGuardQuery(() => guard.alerts.list({ user, limit: SHOWN }), [user]);
  if (q.error) return <ErrorAlert title="Could not load this user’s alerts" error={q.error} onRetry={q.reload} />;
  if (!q.data) return <LoadingRows rows={2} height={24} />;
  if (q.data.items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No alert has named this user.
      </Text>
    );
  }
  return (
    <Stack gap={2} data-testid="user-alerts">
      {q.data.items.map((a) => (
        <UnstyledButton
          key={a.id}
          onClick={() => go('alerts', { user, status: 'all' })}
          className={rowClasses.row}
          style={{ borderRadius: 6, padding: '4px 6px' }}
        >
          <Group gap="xs" wrap="nowrap">
            <Badge size="sm" variant="light" color={severityColor[a.severity]} miw={112}>
              {a.severity}
            </Badge>
            <Text size="sm" truncate style={{ flex: 1 }} title={a.title}>
              {a.title}
            </Text>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {a.status} · {formatRelative(a.lastSeen)}
            </Text>
          </Group>
        </UnstyledButton>
      ))}
      {q.data.nextCursor && (
        <Text size="xs" c="dimmed">
          More in the Alerts queue.
        </Text>
      )}
    </Stack>
  );
}
