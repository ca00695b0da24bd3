// Baselines: what detection remembers about each user and about the organisation, updated one
// activity at a time (after the policies have judged it against the history before it) and
// persisted by store/baseline-store.ts. Kept small: windows hold only timestamps inside them,
// maps are pruned to the 30/90-day horizons the policies look back over.
import type { StoredActivity } from '../store/types';
import { isFailedLogin, isSuccessfulInteractive } from './activity-kinds';
import { LatestTimes } from './latest-times';
import { DAY_MS, HOUR_MS, LEARNING_MS, MINUTE_MS } from './types';

export const FAIL_WINDOW_MS = 5 * MINUTE_MS;
export const BURST_WINDOW_MS = HOUR_MS;
export const COUNTRY_HORIZON_MS = 90 * DAY_MS;
export const ORG_HORIZON_MS = 30 * DAY_MS;
export const SPRAY_WINDOW_MS = HOUR_MS;

/** The last located successful interactive activity (impossible travel compares against it). */
export interface LastPlace {
  id: string;
  at: number;
  ip: string;
  country: string | null;
  city: string | null;
  lat: number;
  lon: number;
  radiusKm: number;
  corporate: boolean;
}

/** A burst that already raised an alert: later activity of the same burst updates that alert. */
export interface OpenBurst {
  key: string;
  startedAt: number;
  lastAt: number;
  ips: string[];
}

export interface UserBaseline {
  first: number;
  /** Newest activity evaluated: an activity at or before it is late. */
  last: number;
  /** Country → last successful interactive activity there. */
  countries: Record<string, number>;
  place: LastPlace | null;
  fails: number[];
  /** Highest count of a finished run that raised nothing (the "usual peak" the thresholds scale with). */
  failPeak: number;
  lastFailAt: number | null;
  failBurst: OpenBurst | null;
  /** The run in progress: its highest count, and whether it alerted (then it does not teach the peak). */
  failRun: Run;
  admin: number[];
  adminPeak: number;
  lastAdminAt: number | null;
  adminBurst: OpenBurst | null;
  adminRun: Run;
  imp: number[];
  impPeak: number;
  lastImpAt: number | null;
  impBurst: OpenBurst | null;
  impRun: Run;
}

export interface Run {
  max: number;
  alerted: boolean;
}

// The organisation's maps are Maps, not records: each address's record holds its own users, so
// records would each get a hidden class of their own and every lookup would miss V8's inline
// caches (learning 10,000 activities cost tens of ms in them). The codec writes them as records.
export interface OrgBaseline {
  first: number | null;
  /** IP → user → last successful interactive activity (prevalence). */
  ipUsers: Map<string, Map<string, number>>;
  /** Country → user → last successful interactive activity (counted by time: countryShare). */
  countryUsers: Map<string, LatestTimes>;
  /** User → last successful interactive activity (the organisation's size for shares). */
  activeUsers: LatestTimes;
  /** IP → failed sign-ins in the last hour: [at, user] (password spray). */
  sprayFails: Map<string, [number, string][]>;
  /**
   * The activity time the 30-day maps were last pruned at (detection.ts prunes them once per day of
   * activity). Saved with them: each CLI sync is a process of its own, and without it every one
   * walked the whole organisation's maps at its save.
   */
  mapsPrunedAt?: number;
}

export function newUserBaseline(at: number): UserBaseline {
  return {
    first: at,
    last: Number.NEGATIVE_INFINITY,
    countries: {},
    place: null,
    fails: [],
    failPeak: 0,
    lastFailAt: null,
    failBurst: null,
    failRun: { max: 0, alerted: false },
    admin: [],
    adminPeak: 0,
    lastAdminAt: null,
    adminBurst: null,
    adminRun: { max: 0, alerted: false },
    imp: [],
    impPeak: 0,
    lastImpAt: null,
    impBurst: null,
    impRun: { max: 0, alerted: false },
  };
}

export function newOrgBaseline(): OrgBaseline {
  return {
    first: null,
    ipUsers: new Map(),
    countryUsers: new Map(),
    activeUsers: new LatestTimes(),
    sprayFails: new Map(),
  };
}

/**
 * A user first seen in the opening days of the stored history was most likely there before it
 * began (the back-fill started on a day they were off): their observation starts with the history.
 */
export const HISTORY_EDGE_MS = 2 * DAY_MS;

/** When observation of the user began: their first activity, or the history's start for early ones. */
export function observedSince(u: UserBaseline, o: OrgBaseline): number {
  return o.first !== null && u.first - o.first <= HISTORY_EDGE_MS ? Math.min(o.first, u.first) : u.first;
}

export function userLearning(u: UserBaseline, o: OrgBaseline, at: number): boolean {
  return at < observedSince(u, o) + LEARNING_MS;
}

export function orgLearning(o: OrgBaseline, at: number): boolean {
  return o.first === null || at < o.first + LEARNING_MS;
}

/** Timestamps within (at - windowMs, at], the activity itself included. */
export function windowCount(times: number[], at: number, windowMs: number): number {
  let n = 1;
  for (let i = times.length - 1; i >= 0; i--) if (times[i]! > at - windowMs && times[i]! <= at) n++;
  return n;
}

/** Distinct users that used `ip` in the 30 days before `at`. */
export function ipPrevalence(o: OrgBaseline, ip: string, at: number, except: string | null): number {
  const users = o.ipUsers.get(ip);
  if (!users) return 0;
  let n = 0;
  for (const [u, t] of users) if (u !== except && t > at - ORG_HORIZON_MS && t <= at) n++;
  return n;
}

/**
 * Share of the organisation's active users (30 days) that used `country`, other than `except`.
 * Counted from the maps' buckets (latest-times.ts), not by walking every active user.
 */
export function countryShare(
  o: OrgBaseline,
  country: string,
  at: number,
  except: string | null,
): { users: number; active: number; share: number } {
  const after = at - ORG_HORIZON_MS;
  const active = countOthersAfter(o.activeUsers, after, except);
  const there = o.countryUsers.get(country);
  const users = there ? countOthersAfter(there, after, except) : 0;
  return { users, active, share: active === 0 ? 0 : users / active };
}

function countOthersAfter(m: LatestTimes, after: number, except: string | null): number {
  const n = m.countAfter(after);
  const own = except === null ? undefined : m.get(except);
  return own !== undefined && own > after ? n - 1 : n;
}

/** Distinct users an IP failed to sign in as within the hour before `at`. */
export function sprayTargets(o: OrgBaseline, ip: string, at: number): string[] {
  const set = new Set<string>();
  for (const [t, u] of o.sprayFails.get(ip) ?? []) if (t > at - SPRAY_WINDOW_MS && t <= at) set.add(u);
  return [...set];
}

/**
 * A run (activity with no gap longer than the window) ends when the next one starts; only then
 * does its highest count teach the usual peak — a burst under way must not raise its own bar,
 * and one that raised an alert never does.
 */
function closeRun(run: Run, peak: number, lastAt: number | null, at: number, windowMs: number): number {
  if (lastAt === null || at - lastAt <= windowMs) return peak;
  const next = run.alerted ? peak : Math.max(peak, run.max);
  run.max = 0;
  run.alerted = false;
  return next;
}

function extendRun(run: Run, count: number, alerting: boolean): void {
  run.max = Math.max(run.max, count);
  if (alerting) run.alerted = true;
}

function pushWindow(times: number[], at: number, windowMs: number): number[] {
  const kept = times.filter((t) => t > at - windowMs);
  kept.push(at);
  return kept;
}

/**
 * Adds one activity to the user's baseline. `burstAlerting` names the burst policies that
 * fired on it: a burst that raised an alert does not teach the baseline that bursts are normal.
 */
export function learnUser(
  u: UserBaseline,
  a: StoredActivity,
  located: { lat: number; lon: number; radiusKm: number; country: string | null; corporate: boolean } | null,
  burstAlerting: ReadonlySet<string>,
): void {
  if (a.at < u.first) u.first = a.at;
  if (a.at > u.last) u.last = a.at;
  if (isSuccessfulInteractive(a)) {
    if (a.country && located) u.countries[a.country] = Math.max(u.countries[a.country] ?? 0, a.at);
    if (located && a.ip && (!u.place || a.at >= u.place.at))
      u.place = { id: a.id, at: a.at, ip: a.ip, city: a.city, ...located };
  }
  if (isFailedLogin(a)) {
    u.failPeak = closeRun(u.failRun, u.failPeak, u.lastFailAt, a.at, FAIL_WINDOW_MS);
    u.fails = pushWindow(u.fails, a.at, FAIL_WINDOW_MS);
    extendRun(u.failRun, u.fails.length, burstAlerting.has('failed-logins'));
    u.lastFailAt = Math.max(u.lastFailAt ?? 0, a.at);
  }
  if (a.admin && !a.impersonated) {
    u.adminPeak = closeRun(u.adminRun, u.adminPeak, u.lastAdminAt, a.at, BURST_WINDOW_MS);
    u.admin = pushWindow(u.admin, a.at, BURST_WINDOW_MS);
    extendRun(u.adminRun, u.admin.length, burstAlerting.has('unusual-admin'));
    u.lastAdminAt = Math.max(u.lastAdminAt ?? 0, a.at);
  }
  if (a.impersonated) {
    u.impPeak = closeRun(u.impRun, u.impPeak, u.lastImpAt, a.at, BURST_WINDOW_MS);
    u.imp = pushWindow(u.imp, a.at, BURST_WINDOW_MS);
    extendRun(u.impRun, u.imp.length, burstAlerting.has('unusual-impersonation'));
    u.lastImpAt = Math.max(u.lastImpAt ?? 0, a.at);
  }
  // A burst ends after an hour of quiet: the next one is a new alert (detections.md "re-arm").
  if (u.failBurst && a.at - u.failBurst.lastAt > HOUR_MS) u.failBurst = null;
  if (u.adminBurst && a.at - u.adminBurst.lastAt > HOUR_MS) u.adminBurst = null;
  if (u.impBurst && a.at - u.impBurst.lastAt > HOUR_MS) u.impBurst = null;
  for (const c in u.countries) if (u.countries[c]! <= a.at - COUNTRY_HORIZON_MS) delete u.countries[c];
}

function inner(byKey: Map<string, Map<string, number>>, key: string): Map<string, number> {
  let m = byKey.get(key);
  if (!m) byKey.set(key, (m = new Map()));
  return m;
}

function innerTimes(byKey: Map<string, LatestTimes>, key: string): LatestTimes {
  let m = byKey.get(key);
  if (!m) byKey.set(key, (m = new LatestTimes()));
  return m;
}

function noteLatest(m: Map<string, number>, user: string, at: number): void {
  const t = m.get(user);
  if (t === undefined || at > t) m.set(user, at);
}

export function learnOrg(o: OrgBaseline, a: StoredActivity, user: string | null, placed: boolean): void {
  if (o.first === null || a.at < o.first) o.first = a.at;
  if (!user || !a.ip) return;
  if (isSuccessfulInteractive(a)) {
    noteLatest(inner(o.ipUsers, a.ip), user, a.at);
    o.activeUsers.note(user, a.at);
    if (a.country && placed) innerTimes(o.countryUsers, a.country).note(user, a.at);
  }
}

/** Failed sign-ins enter the spray window before any policy runs, whatever order the batch is in. */
/**
 * `judgedFrom`: the time of the earliest activity still to be judged against these windows. A
 * batch enters all its failed sign-ins before judging any of them (spraying is judged across
 * users), so what that earliest success needs — the hour before it — must survive the trim.
 */
export function learnSprayFailure(o: OrgBaseline, a: StoredActivity, user: string | null, judgedFrom = a.at): void {
  if (!a.ip || !user || !isFailedLogin(a)) return;
  let list = o.sprayFails.get(a.ip);
  if (!list) o.sprayFails.set(a.ip, (list = []));
  list.push([a.at, user]);
  // Keep each address's list to the hour or so before anything still to be judged: a busy address
  // must not grow it unbounded (the batch bounds it meanwhile; pruneOrg trims it after the run).
  const horizon = Math.min(a.at, judgedFrom) - 2 * SPRAY_WINDOW_MS;
  if (list.length > 64 && list[0]![0] < horizon)
    o.sprayFails.set(
      a.ip,
      list.filter(([t]) => t > horizon),
    );
}

/** Drops what lies beyond every horizon (called once per evaluation, not per activity). */
export function pruneOrg(o: OrgBaseline, now: number): void {
  pruneOrgMaps(o, now);
  pruneSprayFails(o, now);
}

/** The 30-day maps: an entry per user (and per address and country), so a walk of the organisation. */
export function pruneOrgMaps(o: OrgBaseline, now: number): void {
  pruneUsers(o.ipUsers, now - ORG_HORIZON_MS);
  pruneUsers(o.countryUsers, now - ORG_HORIZON_MS);
  pruneTimes(o.activeUsers, now - ORG_HORIZON_MS);
}

/** The hour of failed sign-ins: only the addresses that failed lately, so cheap. */
export function pruneSprayFails(o: OrgBaseline, now: number): void {
  for (const [ip, list] of o.sprayFails) {
    // Most lists are wholly inside the hour: those are kept without a copy.
    if (list.every(([t]) => t > now - SPRAY_WINDOW_MS)) continue;
    const kept = list.filter(([t]) => t > now - SPRAY_WINDOW_MS);
    if (kept.length) o.sprayFails.set(ip, kept);
    else o.sprayFails.delete(ip);
  }
}

/** Drops each user last seen at or before `before`, and each key left without users. */
function pruneUsers(byKey: Map<string, Map<string, number>>, before: number): void {
  for (const [k, m] of byKey) {
    pruneTimes(m, before);
    if (m.size === 0) byKey.delete(k);
  }
}

function pruneTimes(m: Map<string, number>, before: number): void {
  // Deleting the entry being visited is safe in a Map's for…of.
  for (const [u, t] of m) if (t <= before) m.delete(u);
}
