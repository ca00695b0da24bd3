// Multiple failed login attempts: a user's failed sign-ins within 5 minutes reach
// max(10, 3 × their highest 5-minute count so far). One alert per burst; a success from one of
// the burst's addresses within the hour raises it to High (the guessing worked).
import { isFailedLogin, isSuccessfulInteractive } from '../activity-kinds';
import { FAIL_WINDOW_MS } from '../baseline';
import type { AnomalyPolicy } from '../types';
import { HOUR_MS } from '../types';
import { burstEvidence, checkBurst } from './burst';
import { draft, who } from './common';

export const failedLogins: AnomalyPolicy = {
  id: 'failed-logins',
  name: 'Multiple failed login attempts',
  description:
    "A user's failed logins within 5 minutes reach max(10, 3 × their highest 5-minute count); High when a " +
    'successful login follows from the same IP.',
  severity: 'Medium',
  mitre: 'Credential access',
  thresholds: {
    minFailures: { Low: 10, Medium: 10, High: 10 },
    multiplier: { Low: 4, Medium: 3, High: 2 },
  },
  evaluate(a, ctx) {
    const u = ctx.user;
    if (isSuccessfulInteractive(a)) {
      const burst = u.failBurst;
      if (!burst || !a.ip || !burst.ips.includes(a.ip) || a.at - burst.lastAt > HOUR_MS) return null;
      return draft(this, a, ctx, {
        key: burst.key,
        severity: 'High',
        title: `Successful login after ${who(ctx)}'s failed login burst from ${a.ip}`,
        description:
          `${who(ctx)} signed in successfully from ${a.ip}, an address of the failed-login burst that began ` +
          `${new Date(burst.startedAt).toISOString()}.`,
        evidence: { successAfterBurst: true, burstStartedAt: burst.startedAt, burstIps: burst.ips },
      });
    }
    if (!isFailedLogin(a)) return null;
    const b = checkBurst(this, a, ctx, {
      times: u.fails,
      windowMs: FAIL_WINDOW_MS,
      peak: u.failPeak,
      open: u.failBurst,
      floorName: 'minFailures',
    });
    if (!b.continuing && !b.reached) return null;
    return draft(this, a, ctx, {
      key: b.continuing?.key ?? `burst:${a.at}`,
      title: `Multiple failed login attempts for ${who(ctx)}`,
      description: `${b.count} failed logins for ${who(ctx)} within 5 minutes (threshold ${b.threshold}).`,
      evidence: burstEvidence(b, 5),
    });
  },
};
