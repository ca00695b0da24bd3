// How fresh the IP intelligence is: each threat and anonymity list with its last refresh and
// whether it is stale (detections matching a stale list say so in their evidence).
import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { IntelListStatus } from '../../../preload/contract';
import { formatDateTime, formatNumber, formatRelative } from '../format';
import { guard } from '../guard';
import { ErrorAlert, LoadingRows } from './States';
import { useGuardQuery } from './useGuardQuery';

function freshness(l: IntelListStatus): { text: string; color: string; title?: string } {
  if (l.source === 'missing') return { text: 'Never fetched', color: 'red' };
  if (l.source === 'fixture') return { text: 'Bundled sample', color: 'gray' };
  if (l.stale) return { text: 'Stale', color: 'orange', title: 'Older than 7 days' };
  return { text: 'Fresh', color: 'teal' };
}

export function DashboardIntel({ version }: { version: number }) {
  const q = useGuardQuery(() => guard.intel.lists(), [version]);
  return (
    <Card h="100%" data-testid="dashboard-intel">
      <Title order={2} size="h4" mb="md">
        IP intelligence lists
      </Title>
      {q.error ? (
        <ErrorAlert title="Could not read the lists’ state" error={q.error} onRetry={q.reload} />
      ) : !q.data ? (
        <LoadingRows rows={4} height={24} />
      ) : (
        <Stack gap="xs">
          {!q.data.online && (
            <Text size="xs" c="dimmed">
              Online refresh is off (Settings): the lists are only as fresh as their last download.
            </Text>
          )}
          {q.data.lists.map((l) => {
            const f = freshness(l);
            return (
              <Group key={l.id} justify="space-between" wrap="nowrap" data-list={l.id}>
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500} truncate>
                    {l.name}
                  </Text>
                  <Text size="xs" c="dimmed" title={l.updatedAt ? formatDateTime(l.updatedAt) : undefined}>
                    {l.updatedAt ? `Refreshed ${formatRelative(l.updatedAt)}` : 'No online refresh yet'} ·{' '}
                    {formatNumber(l.entries)} entries
                    {l.lastError ? ` · last attempt failed: ${l.lastError.slice(0, 160)}` : ''}
                  </Text>
                </Stack>
                <Badge variant="light" color={f.color} title={f.title}>
                  {f.text}
                </Badge>
              </Group>
            );
          })}
        </Stack>
      )}
    </Card>
  );
}
