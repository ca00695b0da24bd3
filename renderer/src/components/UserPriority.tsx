// Why this person is (or is not) a priority: the score and each open alert's share of it.
import { Badge, Group, Stack, Text } from '@mantine/core';
import type { UserSummary } from '../../../preload/contract';
import { severityColor } from '../theme';

export function UserPriority({ priority }: { priority: UserSummary['priority'] }) {
  if (priority.alerts.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Priority 0: no open alert has named this user in the last week.
      </Text>
    );
  }
  return (
    <Stack gap={4} data-testid="user-priority">
      <Text size="sm">
        Priority <b>{priority.score}</b>: each open alert adds its severity’s weight, fading to nothing a week after it
        last fired.
      </Text>
      {priority.alerts.slice(0, 6).map((a) => (
        <Group key={a.id} gap="xs" wrap="nowrap">
          <Badge size="sm" variant="light" color={severityColor[a.severity]} miw={112}>
            {a.severity}
          </Badge>
          <Text size="xs" c="dimmed" truncate style={{ flex: 1 }}>
            {a.policy} · fired {a.ageDays} days ago
          </Text>
          <Text size="xs" fw={600}>
            +{a.contribution}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
