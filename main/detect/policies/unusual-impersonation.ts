// Unusual impersonated activities: a burst of actions one actor performs as other users (within
// an hour, max(5, 3 × their usual hourly peak)), or a first-ever impersonation once the actor is
// past learning. An integration that always acts on behalf of users has a high usual peak.
import { BURST_WINDOW_MS, userLearning } from '../baseline';
import type { AnomalyPolicy } from '../types';
import { burstEvidence, checkBurst } from './burst';
import { draft, who } from './common';

export const unusualImpersonation: AnomalyPolicy = {
  id: 'unusual-impersonation',
  name: 'Unusual impersonated activities',
  description:
    'Impersonated actions by one actor within an hour reach max(5, 3 × their usual hourly peak), or the ' +
    'actor impersonates someone for the first time.',
  severity: 'Medium',
  mitre: 'Collection',
  thresholds: {
    minActions: { Low: 5, Medium: 5, High: 5 },
    multiplier: { Low: 4, Medium: 3, High: 2 },
  },
  evaluate(a, ctx) {
    if (!a.impersonated) return null;
    const u = ctx.user;
    const b = checkBurst(this, a, ctx, {
      times: u.imp,
      windowMs: BURST_WINDOW_MS,
      peak: u.impPeak,
      open: u.impBurst,
      floorName: 'minActions',
    });
    const firstEver = !b.continuing && !userLearning(u, ctx.org, a.at) && u.lastImpAt === null;
    // While the user is learning, bursts teach their usual peak rather than alert.
    const burst = b.reached && !userLearning(u, ctx.org, a.at);
    if (!b.continuing && !burst && !firstEver) return null;
    const kind = b.continuing ? null : firstEver && !burst ? 'first' : 'burst';
    return draft(this, a, ctx, {
      key: b.continuing?.key ?? `${kind}:${a.at}`,
      title:
        kind === 'first' || b.continuing?.key.startsWith('first:')
          ? `First impersonated activity by ${who(ctx)}`
          : `Unusual burst of impersonated activity by ${who(ctx)}`,
      description:
        `${who(ctx)} ${a.type} on behalf of ${a.target ?? 'another user'}; ` +
        `${b.count} impersonated actions within the hour.`,
      activityIds: [a.id],
      evidence: { ...burstEvidence(b, 60), firstEver, impersonatedUser: a.target },
    });
  },
};
