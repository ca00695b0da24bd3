import { Badge, Card, Table, Text } from '@mantine/core';
import { IconGavel } from '@tabler/icons-react';
import { FutureFeature } from '../components/FutureFeature';
import { PageHeader } from '../components/PageHeader';
import { useGuardQuery } from '../components/useGuardQuery';
import { formatDateTime, humanize } from '../format';
import { guard } from '../guard';

const statusColor = { pending: 'gray', sent: 'blue', succeeded: 'teal', failed: 'red' } as const;

export function GovernanceScreen() {
  const query = useGuardQuery(() => guard.governance.log(), []);
  return (
    <>
      <PageHeader
        title="Governance"
        description="Actions taken on accounts — suspend, sign out everywhere, notify — with who asked, why, and the result."
      />
      <FutureFeature
        query={query}
        what="the governance log"
        emptyIcon={<IconGavel size={26} />}
        emptyTitle="No governance actions yet"
        emptyText="One-click actions (suspend a user, sign them out of every session, message them) arrive in a later version. Each will be logged here with its reason and outcome."
      >
        {(entries) => (
          <Card p={0}>
            <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Requested</Table.Th>
                  <Table.Th>Action</Table.Th>
                  <Table.Th>User</Table.Th>
                  <Table.Th>Reason</Table.Th>
                  <Table.Th>Result</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((g) => (
                  <Table.Tr key={g.id}>
                    <Table.Td>{formatDateTime(g.requestedAt)}</Table.Td>
                    <Table.Td>{humanize(g.action)}</Table.Td>
                    <Table.Td>{g.target}</Table.Td>
                    <Table.Td>{g.reason}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={statusColor[g.status]}>
                        {g.status}
                      </Badge>
                      {g.error && (
                        <Text size="xs" c="red">
                          {g.error}
                        </Text>
                      )}
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
