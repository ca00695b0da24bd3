import { Badge } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import type { OpOutput } from '../../../preload/contract';
import { FeatureListScreen, type FeatureList } from '../components/FeatureListScreen';
import { SeverityBadge } from '../components/SeverityBadge';
import { humanize } from '../format';
import { guard } from '../guard';

type Policy = OpOutput<'policies', 'list'>[number];

export const policiesList: FeatureList<Policy> = {
  title: 'Policies',
  description: 'The anomaly and activity policies that turn synced activity into alerts.',
  what: 'policies',
  load: () => guard.policies.list(),
  columns: [
    { header: 'Policy', cell: (p) => p.name },
    { header: 'Kind', cell: (p) => humanize(p.kind) },
    { header: 'Severity', cell: (p) => <SeverityBadge severity={p.severity} /> },
    {
      header: 'State',
      cell: (p) => (
        <Badge variant="dot" color={p.enabled ? 'teal' : 'gray'}>
          {p.enabled ? 'On' : 'Off'}
        </Badge>
      ),
    },
  ],
  empty: {
    icon: <IconShieldCheck size={26} />,
    title: 'No detection policies yet',
    text:
      'Anomaly policies (impossible travel, activity from an unusual country, a burst of failed logins…) and ' +
      'activity policies arrive in a later version. They will be listed here with their severity, each one ' +
      'you can switch on or off.',
  },
};

export function PoliciesScreen() {
  return <FeatureListScreen list={policiesList} />;
}
