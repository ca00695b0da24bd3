// The Workplace permissions the console needs: granted, missing (with what stops working), or not
// checked yet — the last sync is what finds out, so the list says when it last looked.
import { Badge, Table, Text } from '@mantine/core';
import type { ConnectorPermissions as Permissions } from '../../../preload/contract';
import { guard } from '../guard';
import { useConnector } from '../stores/connector';
import { LocalTime } from './LocalTime';
import { ErrorAlert, LoadingRows } from './States';
import { useGuardQuery } from './useGuardQuery';

const stateLabel: Record<Permissions['items'][number]['state'], [string, string]> = {
  granted: ['Granted', 'teal'],
  missing: ['Missing', 'red'],
  unchecked: ['Not checked yet', 'gray'],
};

export function ConnectorPermissions() {
  const lastSyncAt = useConnector((s) => s.status?.lastSyncAt ?? null);
  const disabled = useConnector((s) => s.status?.disabledFeatures.length ?? 0);
  const state = useConnector((s) => s.status?.state ?? null);
  const q = useGuardQuery(() => guard.connector.permissions(), [lastSyncAt, disabled, state]);
  if (q.error) return <ErrorAlert title="Could not read the permissions" error={q.error} onRetry={q.reload} />;
  if (!q.data) return <LoadingRows rows={4} />;
  return (
    <>
      <Text size="sm" c="dimmed" mb="sm">
        {q.data.checkedAt === null ? (
          'Checked by the first sync after connecting.'
        ) : (
          <>
            As found by the sync of <LocalTime ms={q.data.checkedAt} span inherit />.
          </>
        )}
      </Text>
      <Table verticalSpacing={6} data-testid="permissions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Permission</Table.Th>
            <Table.Th>What it is for</Table.Th>
            <Table.Th>State</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {q.data.items.map((p) => {
            const [label, color] = stateLabel[p.state];
            return (
              <Table.Tr key={p.permission} data-permission-state={p.state}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {p.permission}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{p.feature}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={color}>
                    {label}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </>
  );
}
