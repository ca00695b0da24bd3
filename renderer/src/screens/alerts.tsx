import { Badge, Card, Table, Text } from '@mantine/core';
import { IconBellOff } from '@tabler/icons-react';
import { FutureFeature } from '../components/FutureFeature';
import { PageHeader } from '../components/PageHeader';
import { SeverityBadge } from '../components/SeverityBadge';
import { useGuardQuery } from '../components/useGuardQuery';
import { formatDateTime } from '../format';
import { guard } from '../guard';

export function AlertsScreen() {
  const query = useGuardQuery(() => guard.alerts.list({}), []);
  return (
    <>
      <PageHeader title="Alerts" description="Suspicious activity found by the detection policies, newest first." />
      <FutureFeature
        query={query}
        what="alerts"
        emptyIcon={<IconBellOff size={26} />}
        emptyTitle="No alerts yet"
        emptyText="Detection policies arrive in a later version; synced activity is kept so they can be replayed over it when they do."
      >
        {(alerts) => (
          <Card p={0}>
            <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Severity</Table.Th>
                  <Table.Th>Alert</Table.Th>
                  <Table.Th>Users</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Raised</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {alerts.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <SeverityBadge severity={a.severity} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {a.title}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {a.policy}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{a.users.join(', ') || '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="outline" color={a.status === 'Resolved' ? 'gray' : 'indigo'}>
                        {a.status}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(a.created)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        )}
      </FutureFeature>
    </>
  );
}
