import { IconChecklist } from '@tabler/icons-react';
import type { OpOutput } from '../../../preload/contract';
import { FeatureListScreen, type FeatureList } from '../components/FeatureListScreen';
import { formatNumber } from '../format';
import { guard } from '../guard';

type PostureRecommendation = OpOutput<'posture', 'list'>[number];

export const postureList: FeatureList<PostureRecommendation> = {
  title: 'Posture',
  description: 'How well the organisation is configured, with recommendations and the accounts they affect.',
  what: 'posture recommendations',
  load: () => guard.posture.list(),
  columns: [
    { header: 'Recommendation', cell: (r) => r.title },
    { header: 'Status', cell: (r) => r.status },
    { header: 'Affected users', cell: (r) => formatNumber(r.affectedUsers), align: 'right' },
  ],
  empty: {
    icon: <IconChecklist size={26} />,
    title: 'No posture recommendations yet',
    text:
      'Posture checks (accounts without single sign-on, unclaimed accounts, people who left but are still ' +
      'active…) arrive in a later version. They will be computed from the users already synced.',
  },
};

export function PostureScreen() {
  return <FeatureListScreen list={postureList} />;
}
