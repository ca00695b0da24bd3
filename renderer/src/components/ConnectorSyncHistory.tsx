// The last syncs (connector.syncHistory): when each ran, how long it took, what it added, and
// what stopped it — so "is it working?" has an answer beyond the last run.
import { Badge, Table, Text, Tooltip } from '@mantine/core';
import type { SyncHistoryEntry } from '../../../preload/contract';
import { formatDuration, formatNumber } from '../format';
import { guard } from '../guard';
import { useConnector } from '../stores/connector';
import { LocalTime } from './LocalTime';
import { ErrorAlert, LoadingRows } from './States';
import { useGuardQuery } from './useGuardQuery';

const outcomeLabel: Record<SyncHistoryEntry['outcome'], [string, string]> = {
  ok: ['Finished', 'teal'],
  cancelled: ['Cancelled', 'yellow'],
  failed: ['Failed', 'red'],
};

export function ConnectorSyncHistory({ limit = 10 }: { limit?: number }) {
  // A sync ends with a status change (lastSyncAt, state, progress phase): that is when the list grows.
  const phase = useConnector((s) => s.status?.progress.phase ?? null);
  const lastSyncAt = useConnector((s) => s.status?.lastSyncAt ?? null);
  const state = useConnector((s) => s.status?.state ?? null);
  const history = useGuardQuery(() => guard.connector.syncHistory({ limit }), [limit, phase, lastSyncAt, state]);
  if (history.error)
    return <ErrorAlert title="Could not read the sync history" error={history.error} onRetry={history.reload} />;
  if (!history.data) return <LoadingRows rows={3} />;
  if (history.data.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No sync has finished yet. The first one starts as soon as you connect.
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing={6} data-testid="sync-history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Started</Table.Th>
            <Table.Th>Took</Table.Th>
            <Table.Th ta="right">Users</Table.Th>
            <Table.Th ta="right">Activities added</Table.Th>
            <Table.Th>Result</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {history.data.map((h) => {
            const [label, color] = outcomeLabel[h.outcome];
            return (
              <Table.Tr key={`${h.startedAt}-${h.finishedAt}`}>
                <Table.Td>
                  <LocalTime ms={h.startedAt} size="sm" />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDuration((h.finishedAt - h.startedAt) / 1000)}</Text>
                </Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatNumber(h.users)}
                </Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatNumber(h.added)}
                  {h.quarantined > 0 && (
                    <Text span size="xs" c="orange">
                      {' '}
                      ({formatNumber(h.quarantined)} set aside)
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {h.error ? (
                    <Tooltip label={h.error.message} multiline w={360}>
                      <Badge variant="light" color={color} tabIndex={0} aria-label={`${label}: ${h.error.message}`}>
                        {label}: {h.error.code.replace(/_/g, ' ')}
                      </Badge>
                    </Tooltip>
                  ) : (
                    <Badge variant="light" color={color}>
                      {label}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
