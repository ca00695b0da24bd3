// Open alerts by severity, each row a link to the Alerts queue filtered on that severity.
import { Badge, Button, Card, Group, Stack, Text, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { formatNumber } from '../format';
import { useNavigation } from '../stores/navigation';
import { useOpenAlerts } from '../stores/open-alerts';
import { severityColor, type Severity } from '../theme';
import { LoadingRows } from './States';
import rowClasses from './DashboardRow.module.css';

const SEVERITIES: Severity[] = ['High', 'Medium', 'Low', 'Informational'];

export function DashboardAlerts() {
  const counts = useOpenAlerts((s) => s.counts);
  const go = useNavigation((s) => s.go);
  return (
    <Card h="100%" data-testid="dashboard-alerts">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4">
          Open alerts by severity
        </Title>
        <Button variant="subtle" size="compact-sm" onClick={() => go('alerts', { status: 'open' })}>
          Alerts queue
        </Button>
      </Group>
      {!counts ? (
        <LoadingRows rows={4} height={28} />
      ) : counts.openTotal === 0 ? (
        <Text size="sm" c="dimmed">
          No open alerts: nothing waits for a decision. Resolved alerts stay in the queue’s history.
        </Text>
      ) : (
        <Stack gap={6}>
          {SEVERITIES.map((s) => (
            <UnstyledButton
              key={s}
              onClick={() => go('alerts', { status: 'open', severity: s })}
              data-severity={s}
              style={{ borderRadius: 6, padding: '6px 8px' }}
              className={rowClasses.row}
            >
              <Group justify="space-between" wrap="nowrap">
                <Group gap="sm" wrap="nowrap">
                  <Badge color={severityColor[s]} variant={s === 'High' ? 'filled' : 'light'} miw={124}>
                    {s}
                  </Badge>
                  <Text size="sm" fw={650} style={{ fontVariantNumeric: 'tabular-nums' }} data-count>
                    {formatNumber(counts.open[s])}
                  </Text>
                  <VisuallyHidden>open, show them in the Alerts queue</VisuallyHidden>
                </Group>
                <IconChevronRight size={16} aria-hidden />
              </Group>
            </UnstyledButton>
          ))}
          <Text size="xs" c="dimmed" mt={4}>
            {formatNumber(counts.openTotal)} open (New or In progress), all time ·{' '}
            {formatNumber(counts.byStatus.Resolved)} resolved
          </Text>
        </Stack>
      )}
    </Card>
  );
}
