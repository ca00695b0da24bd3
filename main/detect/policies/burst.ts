// The shape the three burst policies share (failed logins, admin actions, impersonation): a count
// in a sliding window against max(floor, multiplier × the user's usual peak), one alert per burst
// that later activity of the same burst keeps updating until an hour of quiet re-arms it.
import type { StoredActivity } from '../../store/types';
import type { OpenBurst } from '../baseline';
import { windowCount } from '../baseline';
import type { AnomalyPolicy, PolicyContext } from '../types';
import { threshold, thresholdSource } from '../types';

export interface BurstCheck {
  count: number;
  peak: number;
  floor: number;
  multiplier: number;
  threshold: number;
  source: string;
  reached: boolean;
  /** The open burst this activity continues (its alert is updated, not raised again). */
  continuing: OpenBurst | null;
}

export function checkBurst(
  policy: AnomalyPolicy,
  a: StoredActivity,
  ctx: PolicyContext,
  w: { times: number[]; windowMs: number; peak: number; open: OpenBurst | null; floorName: string },
): BurstCheck {
  const count = windowCount(w.times, a.at, w.windowMs);
  const floor = threshold(policy, ctx.settings, w.floorName);
  const multiplier = threshold(policy, ctx.settings, 'multiplier');
  const t = Math.max(floor, multiplier * w.peak);
  const continuing = w.open && a.at - w.open.lastAt <= 3_600_000 ? w.open : null;
  return {
    count,
    peak: w.peak,
    floor,
    multiplier,
    threshold: t,
    source: thresholdSource(ctx.settings, 'multiplier'),
    reached: count >= t,
    continuing,
  };
}

export function burstEvidence(b: BurstCheck, windowMinutes: number): Record<string, unknown> {
  return {
    countInWindow: b.count,
    windowMinutes,
    usualPeak: b.peak,
    floor: b.floor,
    multiplier: b.multiplier,
    threshold: b.threshold,
    source: b.source,
    continuesBurstSince: b.continuing?.startedAt ?? null,
  };
}
