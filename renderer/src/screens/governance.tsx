import { Badge, Text } from '@mantine/core';
import { IconGavel } from '@tabler/icons-react';
import type { OpOutput } from '../../../preload/contract';
import { FeatureListScreen, type FeatureList } from '../components/FeatureListScreen';
import { formatDateTime, humanize } from '../format';
import { guard } from '../guard';

const statusColor = { pending: 'gray', sent: 'blue', succeeded: 'teal', failed: 'red' } as const;

type GovernanceEntry = OpOutput<'governance', 'log'>[number];

export const governanceList: FeatureList<GovernanceEntry> = {
  title: 'Governance',
  description:
    'Actions taken on accounts — suspend, sign out everywhere, notify — with who asked, why, and the result.',
  what: 'the governance log',
  load: () => guard.governance.log(),
  columns: [
    { header: 'Requested', cell: (g) => formatDateTime(g.requestedAt) },
    { header: 'Action', cell: (g) => humanize(g.action) },
    { header: 'User', cell: (g) => g.target },
    { header: 'Reason', cell: (g) => g.reason },
    {
      header: 'Result',
      cell: (g) => (
        <>
          <Badge variant="light" color={statusColor[g.status]}>
            {g.status}
          </Badge>
          {g.error && (
            <Text size="xs" c="red">
              {g.error}
            </Text>
          )}
        </>
      ),
    },
  ],
  empty: {
    icon: <IconGavel size={26} />,
    title: 'No governance actions yet',
    text:
      'One-click actions (suspend a user, sign them out of every session, message them) arrive in a later ' +
      'version. Each will be logged here with its reason and outcome.',
  },
};

export function GovernanceScreen() {
  return <FeatureListScreen list={governanceList} />;
}
