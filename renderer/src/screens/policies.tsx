import { Badge, Card, Table } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { FutureFeature } from '../components/FutureFeature';
import { PageHeader } from '../components/PageHeader';
import { SeverityBadge } from '../components/SeverityBadge';
import { useGuardQuery } from '../components/useGuardQuery';
import { humanize } from '../format';
import { guard } from '../guard';

export function PoliciesScreen() {
  const query = useGuardQuery(() => guard.policies.list(), []);
  return (
    <>
      <PageHeader
        title="Policies"
        description="The anomaly and activity policies that turn synced activity into alerts."
      />
      <FutureFeature
        query={query}
        what="policies"
        emptyIcon={<IconShieldCheck size={26} />}
        emptyTitle="No detection policies yet"
        emptyText="Anomaly policies (impossible travel, activity from an unusual country, a burst of failed logins…) and activity policies arrive in a later version. They will be listed here with their severity, each one you can switch on or off."
      >
        {(policies) => (
          <Card p={0}>
            <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Policy</Table.Th>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th>Severity</Table.Th>
                  <Table.Th>State</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {policies.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{p.name}</Table.Td>
                    <Table.Td>{humanize(p.kind)}</Table.Td>
                    <Table.Td>
                      <SeverityBadge severity={p.severity} />
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="dot" color={p.enabled ? 'teal' : 'gray'}>
                        {p.enabled ? 'On' : 'Off'}
                      </Badge>
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
