// One activity policy over time-ordered activities: every match, or repeated activity (N matches
// within T minutes per user, optionally per IP), with the daily alert limit. Shared by the live
// stage (state kept between evaluations) and replay (a fresh state over stored history).
import type { IpFacts } from '../../intel/ip-facts';
import type { AlertDraft } from '../../store/alert-store';
import type { ActivityPolicy } from '../../store/policy-store';
import type { StoredActivity } from '../../store/types';
import { actorKey } from '../activity-kinds';
import { MINUTE_MS } from '../types';
import { matchesFilter } from './filter';

export interface ActivityPolicyState {
  /** Group (user, or user|ip) → matches inside the window: [at, id]. */
  windows: Map<string, [number, string][]>;
  /** Group → the open repeated-activity finding it continues. */
  bursts: Map<string, { key: string; lastAt: number }>;
  /** UTC day → alerts raised that day. */
  daily: Map<string, number>;
}

export const newActivityPolicyState = (): ActivityPolicyState => ({
  windows: new Map(),
  bursts: new Map(),
  daily: new Map(),
});

export interface ActivityFinding {
  draft: AlertDraft;
  /** False when the daily alert limit held the alert back (its governance actions still run). */
  alert: boolean;
}

export interface ActivityEvalContext {
  facts(ip: string | null): IpFacts | null;
  names(a: StoredActivity): string[];
  /** Whether the finding continues an alert that is already open (updates are never limited). */
  isOpen(d: AlertDraft): boolean;
}

export function activityPolicyId(p: Pick<ActivityPolicy, 'id'>): string {
  return `activity:${p.id}`;
}

export function evaluateActivityPolicy(
  p: ActivityPolicy,
  items: readonly StoredActivity[],
  state: ActivityPolicyState,
  ctx: ActivityEvalContext,
): ActivityFinding[] {
  const out: ActivityFinding[] = [];
  const windowMs = p.mode.kind === 'repeated' ? p.mode.minutes * MINUTE_MS : 0;
  for (const a of items) {
    const facts = ctx.facts(a.ip);
    if (!matchesFilter(a, p.filter, { facts, names: ctx.names(a) })) continue;
    const user = actorKey(a);
    let d: AlertDraft;
    let continuing = false;
    if (p.mode.kind === 'every') {
      d = draftFor(p, a, a.id, [a.id], `${a.type} by ${a.actor ?? 'an unknown actor'} from ${a.ip ?? 'no IP'}`, {
        mode: 'every match',
        filter: p.filter,
      });
    } else {
      const group = p.mode.perIp ? `${user ?? ''}|${a.ip ?? ''}` : (user ?? '');
      const w = (state.windows.get(group) ?? []).filter(([t]) => t > a.at - windowMs);
      w.push([a.at, a.id]);
      state.windows.set(group, w);
      if (w.length < p.mode.count) continue;
      const open = state.bursts.get(group);
      continuing = !!open && a.at - open.lastAt <= windowMs;
      const key = continuing ? open!.key : `${group}:${w[0]![0]}`;
      state.bursts.set(group, { key, lastAt: a.at });
      d = draftFor(
        p,
        a,
        key,
        w.map(([, id]) => id),
        `${w.length} matching activities by ${a.actor ?? 'an unknown actor'} within ${p.mode.minutes} min`,
        { mode: 'repeated', count: w.length, threshold: p.mode.count, minutes: p.mode.minutes, perIp: p.mode.perIp },
      );
    }
    const day = new Date(a.at).toISOString().slice(0, 10);
    let alert = true;
    if (!continuing && !ctx.isOpen(d)) {
      const n = state.daily.get(day) ?? 0;
      alert = n < p.dailyLimit;
      if (alert) state.daily.set(day, n + 1);
    }
    out.push({ draft: d, alert });
  }
  return out;
}

function draftFor(
  p: ActivityPolicy,
  a: StoredActivity,
  key: string,
  activityIds: string[],
  what: string,
  evidence: Record<string, unknown>,
): AlertDraft {
  return {
    policy: activityPolicyId(p),
    policyName: p.name,
    key,
    user: actorKey(a),
    severity: p.severity,
    mitre: 'Not mapped',
    title: `${p.name}: ${a.actor ?? a.ip ?? 'unknown'}`,
    description: `${what}.`,
    at: a.at,
    activityIds,
    ips: a.ip ? [a.ip] : [],
    countries: a.country ? [a.country] : [],
    evidence: { ...evidence, dailyLimit: p.dailyLimit, activity: { id: a.id, type: a.type, ip: a.ip, at: a.at } },
  };
}
