import { Card, Table } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { FutureFeature } from '../components/FutureFeature';
import { PageHeader } from '../components/PageHeader';
import { useGuardQuery } from '../components/useGuardQuery';
import { formatNumber } from '../format';
import { guard } from '../guard';

export function PostureScreen() {
  const query = useGuardQuery(() => guard.posture.list(), []);
  return (
    <>
      <PageHeader
        title="Posture"
        description="How well the organisation is configured, with recommendations and the accounts they affect."
      />
      <FutureFeature
        query={query}
        what="posture recommendations"
        emptyIcon={<IconChecklist size={26} />}
        emptyTitle="No posture recommendations yet"
        emptyText="Posture checks (accounts without single sign-on, unclaimed accounts, people who left but are still active…) arrive in a later version. They will be computed from the users already synced."
      >
        {(recs) => (
          <Card p={0}>
            <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Recommendation</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th ta="right">Affected users</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {recs.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.title}</Table.Td>
                    <Table.Td>{r.status}</Table.Td>
                    <Table.Td ta="right">{formatNumber(r.affectedUsers)}</Table.Td>
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
