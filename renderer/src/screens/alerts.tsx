import { Badge, Text } from '@mantine/core';
import { IconBellOff } from '@tabler/icons-react';
import type { OpOutput } from '../../../preload/contract';
import { FeatureListScreen, type FeatureList } from '../components/FeatureListScreen';
import { SeverityBadge } from '../components/SeverityBadge';
import { formatDateTime } from '../format';
import { guard } from '../guard';

type Alert = OpOutput<'alerts', 'list'>[number];

export const alertsList: FeatureList<Alert> = {
  title: 'Alerts',
  description: 'Suspicious activity found by the detection policies, newest first.',
  what: 'alerts',
  load: () => guard.alerts.list({}),
  columns: [
    { header: 'Severity', cell: (a) => <SeverityBadge severity={a.severity} /> },
    {
      header: 'Alert',
      cell: (a) => (
        <>
          <Text size="sm" fw={500}>
            {a.title}
          </Text>
          <Text size="xs" c="dimmed">
            {a.policy}
          </Text>
        </>
      ),
    },
    { header: 'Users', cell: (a) => <Text size="sm">{a.users.join(', ') || '—'}</Text> },
    {
      header: 'Status',
      cell: (a) => (
        <Badge variant="outline" color={a.status === 'Resolved' ? 'gray' : 'indigo'}>
          {a.status}
        </Badge>
      ),
    },
    { header: 'Raised', cell: (a) => <Text size="sm">{formatDateTime(a.created)}</Text> },
  ],
  empty: {
    icon: <IconBellOff size={26} />,
    title: 'No alerts yet',
    text:
      'Detection policies arrive in a later version; synced activity is kept so they can be replayed ' +
      'over it when they do.',
  },
};

export function AlertsScreen() {
  return <FeatureListScreen list={alertsList} />;
}
