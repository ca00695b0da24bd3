// One activity policy over time-ordered activities: every match, or repeated activity (N matches
// within T minutes per user, optionally per IP), with the daily alert limit. Shared by the live
// stage (state kept between evaluations, whole stored activities) and replay (a fresh state over
// stored history, the matching activities read from the store's index).
import type { IpFacts } from '../../intel/ip-facts';
import type { AlertDraft } from '../../store/alert-store';
import type { ActivityPolicy } from '../../store/policy-store';
import type { StoredActivity } from '../../store/types';
import { actorKey } from '../activity-kinds';
import { MINUTE_MS } from '../types';
import { flagsPass, matchesFilter, typePasses } from './filter';

const DAY_MS = 86_400_000;

/** The repeated-activity mode of a policy: N matches within T minutes. */
export type RepeatedMode = Extract<ActivityPolicy['mode'], { kind: 'repeated' }>;

/**
 * Matches inside a group's window: the first `n` entries of parallel columns (times stay unboxed
 * doubles). The columns never shrink — a shrunk array is reallocated by the next push, and replay
 * would pay that for every activity.
 */
export interface MatchWindow {
  at: number[];
  id: string[];
  n: number;
}

export interface ActivityPolicyState {
  /** Group (user, or user|ip) → matches inside the window. */
  windows: Map<string, MatchWindow>;
  /** Group → the open repeated-activity finding it continues. */
  bursts: Map<string, { key: string; lastAt: number }>;
  /** UTC day (days since the epoch) → alerts raised that day. */
  daily: Map<number, number>;
  /** Burst alert key → the UTC day the daily limit held it back (admitAlert). */
  held: Map<string, number>;
}

export const newActivityPolicyState = (): ActivityPolicyState => ({
  windows: new Map(),
  bursts: new Map(),
  daily: new Map(),
  held: new Map(),
});

/** What judging a matching activity and drafting its alert read: a stored activity or its index entry. */
export type MatchedActivity = Pick<StoredActivity, 'id' | 'at' | 'type' | 'actor' | 'ip' | 'country'>;

export interface ActivityFinding {
  draft: AlertDraft;
  /** False when the daily alert limit held the alert back (its governance actions still run). */
  alert: boolean;
}

/** Whether a finding continues an alert already open (updates are never limited). */
export type IsOpen = (user: string | null, key: string) => boolean;

export interface ActivityEvalContext {
  facts(ip: string | null): IpFacts | null;
  names(a: StoredActivity): string[];
  isOpen: IsOpen;
}

export function activityPolicyId(p: Pick<ActivityPolicy, 'id'>): string {
  return `activity:${p.id}`;
}

/** Every finding of `p` among `items`, each with its draft (the live stage hands them to alerts and governance). */
export function evaluateActivityPolicy(
  p: ActivityPolicy,
  items: readonly StoredActivity[],
  state: ActivityPolicyState,
  ctx: ActivityEvalContext,
): ActivityFinding[] {
  const out: ActivityFinding[] = [];
  const judge = activityPolicyJudge(p, state, ctx.isOpen, { draftHeldBack: true });
  const f = p.filter;
  // Only the fields that use them make the filter ask the intel layer or the users.
  const needsFacts = !!(f.asns || f.ipTags || f.notIpTags);
  const needsNames = !!f.users;
  for (const a of items) {
    // The fields that need no lookup first: most activities fail on their type or flags, and the
    // intel layer is then never asked about their address (it was, for every activity).
    if (needsFacts && !(typePasses(f, a.type) && flagsPass(f, a.admin, a.impersonated))) continue;
    const facts = needsFacts ? ctx.facts(a.ip) : null;
    if (!matchesFilter(a, f, { facts, names: needsNames ? ctx.names(a) : [] })) continue;
    const finding = judge(a);
    // With draftHeldBack every finding has its draft.
    if (finding) out.push({ draft: finding.draft!, alert: finding.alert });
  }
  return out;
}

/** A finding the daily limit held back, without its draft: shared, as replay may count millions. */
const HELD_BACK = Object.freeze({ draft: null, alert: false });

/**
 * Judges activities that match the policy's filter, one at a time in time order: null when one
 * makes no finding (yet), else whether it raises an alert and the alert's draft. A finding the
 * daily limit holds back gets its draft only with `draftHeldBack` (replay only counts them, and
 * over millions of activities the drafts would cost more than the judging).
 */
export function activityPolicyJudge(
  p: ActivityPolicy,
  state: ActivityPolicyState,
  isOpen: IsOpen,
  opts: { draftHeldBack: boolean },
): (a: MatchedActivity) => { draft: AlertDraft | null; alert: boolean } | null {
  const mode = p.mode;
  const windowMs = mode.kind === 'repeated' ? mode.minutes * MINUTE_MS : 0;
  // Replay judges millions of activities by a few thousand actors and addresses: each actor's key
  // is made once, and each group's window found by the actor and address strings themselves
  // (their hashes kept), without building the group's name again for every activity.
  const keys = new Map<string | null, string | null>();
  const groups = new Map<string | null, Map<string | null, { name: string; window: MatchWindow }>>();
  const groupOf = (user: string | null, ip: string | null) => {
    let byIp = groups.get(user);
    if (!byIp) groups.set(user, (byIp = new Map()));
    let group = byIp.get(ip);
    if (!group) {
      const name = mode.kind === 'repeated' ? repeatedGroupName(mode, user, ip) : (user ?? '');
      let window = state.windows.get(name);
      if (!window) state.windows.set(name, (window = { at: [], id: [], n: 0 }));
      byIp.set(ip, (group = { name, window }));
    }
    return group;
  };
  return (a) => {
    const actor = a.actor;
    let user = keys.get(actor);
    if (user === undefined) keys.set(actor, (user = actorKey({ actor })));
    const at = a.at;
    const id = a.id;
    let key = id;
    let continuing = false;
    let window: MatchWindow | null = null;
    if (mode.kind === 'repeated') {
      const group = groupOf(user, mode.perIp ? a.ip : null);
      const w = group.window;
      // Keeps the matches still inside the window, in place.
      const since = at - windowMs;
      let kept = 0;
      for (let k = 0; k < w.n; k++) {
        if (w.at[k] <= since) continue;
        w.at[kept] = w.at[k];
        w.id[kept] = w.id[k];
        kept++;
      }
      w.at[kept] = at;
      w.id[kept] = id;
      w.n = kept + 1;
      if (w.n < mode.count) return null;
      const open = state.bursts.get(group.name);
      continuing = !!open && at - open.lastAt <= windowMs;
      key = continuing ? open!.key : repeatedAlertKey(group.name, w.at[0]);
      state.bursts.set(group.name, { key, lastAt: at });
      window = w;
    }
    const finding = { at, key, continuing, burst: mode.kind === 'repeated' };
    const alert = admitAlert(state, finding, p.dailyLimit, () => isOpen(user, key));
    if (!alert && !opts.draftHeldBack) return HELD_BACK;
    if (!window || mode.kind !== 'repeated') {
      const what = `${a.type} by ${a.actor ?? 'an unknown actor'} from ${a.ip ?? 'no IP'}`;
      return { draft: draftFor(p, a, user, key, [id], what, { mode: 'every match', filter: p.filter }), alert };
    }
    return { draft: repeatedActivityDraft(p, mode, a, user, key, window.id.slice(0, window.n)), alert };
  };
}

/**
 * Whether a finding raises (or updates) its alert. An update of an open alert is never limited; a
 * new alert takes a place under the daily limit. A burst the limit held back stays held back while
 * it goes on that day — its continuation is the same behaviour the limit already counted out, not
 * a new one (it used to raise the alert on its very next match) — and competes again the next day.
 */
export function admitAlert(
  limits: { daily: Map<number, number>; held: Map<string, number> },
  finding: { at: number; key: string; continuing: boolean; burst: boolean },
  limit: number,
  isOpen: () => boolean,
): boolean {
  const { at, key, continuing } = finding;
  const heldOn = continuing ? limits.held.get(key) : undefined;
  if (continuing ? heldOn === undefined : isOpen()) return true;
  const day = Math.floor(at / DAY_MS);
  if (heldOn === day) return false;
  if (takeDailyAlert(limits.daily, at, limit)) {
    limits.held.delete(key);
    return true;
  }
  // Only a burst can continue (an every-match finding's key is its activity: remembering millions
  // of those would cost memory for nothing). Pruned at every 10,000th entry, so the cost stays
  // constant per finding: what was held back before yesterday can no longer continue into a held day.
  if (!finding.burst) return false;
  limits.held.set(key, day);
  if (limits.held.size % 10_000 === 0) for (const [k, d] of limits.held) if (d < day - 1) limits.held.delete(k);
  return false;
}

/** Whether the day of `at` still has room under the daily alert limit; counts the alert when it has. */
export function takeDailyAlert(daily: Map<number, number>, at: number, limit: number): boolean {
  const day = Math.floor(at / DAY_MS);
  const n = daily.get(day) ?? 0;
  if (n >= limit) return false;
  daily.set(day, n + 1);
  return true;
}

/** The alert draft of a repeated-activity finding: `windowIds` are the matches inside its window, oldest first. */
export function repeatedActivityDraft(
  p: ActivityPolicy,
  mode: RepeatedMode,
  a: MatchedActivity,
  user: string | null,
  key: string,
  windowIds: string[],
): AlertDraft {
  const count = windowIds.length;
  const what = `${count} matching activities by ${a.actor ?? 'an unknown actor'} within ${mode.minutes} min`;
  const evidence = { mode: 'repeated', count, threshold: mode.count, minutes: mode.minutes, perIp: mode.perIp };
  return draftFor(p, a, user, key, windowIds, what, evidence);
}

/** The window group of a repeated-activity policy: the actor's key, with the address when counted per IP. */
export function repeatedGroupName(mode: RepeatedMode, user: string | null, ip: string | null): string {
  return mode.perIp ? `${user ?? ''}|${ip ?? ''}` : (user ?? '');
}

/** The key of a repeated-activity alert: its group and the time of the first match in the window that opened it. */
export const repeatedAlertKey = (group: string, firstAt: number): string => `${group}:${firstAt}`;

function draftFor(
  p: ActivityPolicy,
  a: MatchedActivity,
  user: string | null,
  key: string,
  activityIds: string[],
  what: string,
  evidence: Record<string, unknown>,
): AlertDraft {
  return {
    policy: activityPolicyId(p),
    policyName: p.name,
    key,
    user,
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
