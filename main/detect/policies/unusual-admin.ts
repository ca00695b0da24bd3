// Unusual administrative activities: a burst of admin actions by one user (within an hour,
// max(5, 3 × their usual hourly peak)), or an admin action by someone with none in the 30 days
// before (once they are past learning: a new hire's first week teaches, it does not alert).
import { BURST_WINDOW_MS, userLearning } from '../baseline';
import type { AnomalyPolicy } from '../types';
import { DAY_MS, threshold } from '../types';
import { burstEvidence, checkBurst } from './burst';
import { draft, who } from './common';

export const unusualAdmin: AnomalyPolicy = {
  id: 'unusual-admin',
  name: 'Unusual administrative activities',
  description:
    'Admin actions by one user within an hour reach max(5, 3 × their usual hourly peak), or an admin ' +
    'action by a user with none in the 30 days before.',
  severity: 'Medium',
  mitre: 'Privilege escalation',
  thresholds: {
    minActions: { Low: 5, Medium: 5, High: 5 },
    multiplier: { Low: 4, Medium: 3, High: 2 },
    quietDays: { Low: 30, Medium: 30, High: 30 },
  },
  evaluate(a, ctx) {
    if (!a.admin || a.impersonated) return null;
    const u = ctx.user;
    const b = checkBurst(this, a, ctx, {
      times: u.admin,
      windowMs: BURST_WINDOW_MS,
      peak: u.adminPeak,
      open: u.adminBurst,
      floorName: 'minActions',
    });
    const quietMs = threshold(this, ctx.settings, 'quietDays') * DAY_MS;
    const firstEver =
      !b.continuing && !userLearning(u, ctx.org, a.at) && (u.lastAdminAt === null || a.at - u.lastAdminAt > quietMs);
    // While the user is learning, bursts teach their usual peak rather than alert.
    const burst = b.reached && !userLearning(u, ctx.org, a.at);
    if (!b.continuing && !burst && !firstEver) return null;
    const kind = b.continuing ? null : firstEver && !burst ? 'first' : 'burst';
    return draft(this, a, ctx, {
      key: b.continuing?.key ?? `${kind}:${a.at}`,
      title:
        kind === 'first' || b.continuing?.key.startsWith('first:')
          ? `Admin activity by ${who(ctx)}, who had none in ${quietMs / DAY_MS} days`
          : `Unusual burst of administrative activity by ${who(ctx)}`,
      description: `${who(ctx)}: ${a.type} (${a.summary ?? a.event}); ${b.count} admin actions within the hour.`,
      evidence: {
        ...burstEvidence(b, 60),
        firstInQuietDays: firstEver,
        lastAdminActionBefore: u.lastAdminAt,
        quietDays: quietMs / DAY_MS,
      },
    });
  },
};
