// One person's latest activity (as actor), a short timeline; the full one is a click away.
import { Badge, Group, Stack, Text } from '@mantine/core';
import { formatDateTime, formatPlace, humanize } from '../format';
import { guard } from '../guard';
import { activityTypeColor } from './activity-style';
import { ErrorAlert, LoadingRows } from './States';
import { useGuardQuery } from './useGuardQuery';

const SHOWN = 12;

export function UserRecentActivity({ user }: { user: string }) {
  const q = useGuardQuery(() => guard.activities.list({ filter: { user }, limit: SHOWN }), [user]);
  if (q.error) return <ErrorAlert title="Could not load this user’s activity" error={q.error} onRetry={q.reload} />;
  if (!q.data) return <LoadingRows rows={4} height={22} />;
  if (q.data.items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No activity stored for this user.
      </Text>
    );
  }
  return (
    <Stack gap={4} data-testid="user-timeline">
      {q.data.items.map((a) => (
        <Group key={a.id} gap="xs" wrap="nowrap">
          <Text size="xs" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(a.at)}
          </Text>
          <Badge size="sm" variant="light" color={activityTypeColor(a.type, a.event)} tt="none" maw={150}>
            {humanize(a.type)}
          </Badge>
          <Text size="xs" c="dimmed" truncate style={{ flex: 1 }}>
            {formatPlace(a.country, a.city)}
            {a.ip ? ` · ${a.ip}` : ''}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
