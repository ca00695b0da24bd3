// The anomaly engine: runs time-ordered activities through the eight policies against the
// baselines as they stood before each activity, then learns the activity. Stateless about
// storage: detection.ts feeds it, persists its state, and decides which findings are reported
// (a replay over history re-learns silently and reports only what involves new activities).
import type { IpFacts, IpIntel } from '../intel/ip-facts';
import { defaultAnomalyConfig, type AnomalyPolicyConfig, type PolicySnapshot } from '../store/policy-store';
import type { StoredActivity } from '../store/types';
import { actorKey, isFailedLogin } from './activity-kinds';
import {
  learnOrg,
  learnSprayFailure,
  learnUser,
  newOrgBaseline,
  newUserBaseline,
  pruneSprayFails,
  type OpenBurst,
  type OrgBaseline,
  type UserBaseline,
} from './baseline';
import { isCorporate, isPlaceless } from './ip-view';
import { ANOMALY_POLICIES } from './policies/index';
import { inScope, suppressedBy } from './scope';
import type { AlertDraft, AnomalyPolicy, AnomalySettings, PersonFacts, PolicyContext } from './types';

interface ConfiguredPolicy {
  policy: AnomalyPolicy;
  cfg: AnomalyPolicyConfig;
  settings: AnomalySettings;
}

export interface EngineState {
  users: Map<string, UserBaseline>;
  org: OrgBaseline;
}

export const newEngineState = (): EngineState => ({ users: new Map(), org: newOrgBaseline() });

export interface EngineDeps {
  intel: IpIntel;
  /** Who an audit-log actor is (termination, ids); called once per actor per run. */
  person(key: string, actor: string): PersonFacts;
}

const NONE_FIRED: ReadonlySet<string> = new Set();

type BurstField = 'failBurst' | 'adminBurst' | 'impBurst';
const BURST_FIELDS: Record<string, BurstField> = {
  'failed-logins': 'failBurst',
  'unusual-admin': 'adminBurst',
  'unusual-impersonation': 'impBurst',
};

export interface RunOptions {
  /** Whether a finding is reported (false: learned silently, e.g. already reported before). */
  report: (d: AlertDraft) => boolean;
  /** Whether the activity is added to the organisation's baselines (not when re-playing known history). */
  learnOrg: (a: StoredActivity) => boolean;
}

export class AnomalyEngine {
  private facts = new Map<string, IpFacts>();
  private people = new Map<string, PersonFacts>();

  constructor(
    readonly state: EngineState,
    private readonly deps: EngineDeps,
  ) {}

  /** Users whose baseline changed since the last save: only theirs is encoded again (baseline-file.ts). */
  readonly touched = new Set<string>();

  private policies: { snapshot: PolicySnapshot; list: ConfiguredPolicy[] } | null = null;
  private scope = new Map<string, boolean>();

  /** Facts and people are re-read once per run: a range tagged or a termination imported applies next run. */
  beginRun(): void {
    this.facts.clear();
    this.people.clear();
    this.scope.clear();
    this.policies = null;
  }

  /** The enabled policies with their settings, worked out once per snapshot rather than per activity. */
  private configured(snapshot: PolicySnapshot): ConfiguredPolicy[] {
    if (this.policies?.snapshot !== snapshot) {
      const list: ConfiguredPolicy[] = [];
      for (const policy of ANOMALY_POLICIES) {
        const cfg = snapshot.anomaly[policy.id] ?? defaultAnomalyConfig();
        if (!cfg.enabled) continue;
        list.push({ policy, cfg, settings: { enabled: true, sensitivity: cfg.sensitivity, params: cfg.params } });
      }
      this.policies = { snapshot, list };
      this.scope.clear();
    }
    return this.policies.list;
  }

  private inScope(id: string, cfg: AnomalyPolicyConfig, person: PersonFacts): boolean {
    if (cfg.includeUsers.length === 0 && cfg.excludeUsers.length === 0) return true;
    const k = `${id}\u0000${person.key}`;
    let v = this.scope.get(k);
    if (v === undefined) {
      v = inScope(cfg, person);
      this.scope.set(k, v);
    }
    return v;
  }

  factsOf(ip: string | null): IpFacts | null {
    if (!ip) return null;
    let f = this.facts.get(ip);
    if (!f) {
      f = this.deps.intel.facts(ip);
      this.facts.set(ip, f);
    }
    return f;
  }

  personOf(key: string, actor: string): PersonFacts {
    let p = this.people.get(key);
    if (!p) {
      p = this.deps.person(key, actor);
      this.people.set(key, p);
    }
    return p;
  }

  /** Failed sign-ins of the whole batch enter the spray windows first: spraying is judged across users. */
  notePrefailures(items: readonly StoredActivity[]): void {
    // Only failed sign-ins enter the windows: the actor's key is made for those alone. Nothing the
    // batch's earliest activity is judged on may be trimmed away by its later failures.
    let first = Infinity;
    for (const a of items) if (a.at < first) first = a.at;
    // What failed over an hour before the batch can no longer count for anything judged from now
    // on. Dropped here, not only at a save: a back-fill judges months before it saves, and every
    // address that ever failed kept its list (each success from it then walked the list).
    if (first !== Infinity) pruneSprayFails(this.state.org, first);
    for (const a of items) if (isFailedLogin(a)) learnSprayFailure(this.state.org, a, actorKey(a), first);
  }

  /** `items` in time order. `user` overrides the baseline (a replay rebuilds one user's from scratch). */
  run(items: readonly StoredActivity[], snapshot: PolicySnapshot, opts: RunOptions, user?: UserBaseline): AlertDraft[] {
    const out: AlertDraft[] = [];
    for (const a of items) this.step(a, snapshot, opts, out, user);
    return out;
  }

  private step(a: StoredActivity, snapshot: PolicySnapshot, opts: RunOptions, out: AlertDraft[], over?: UserBaseline) {
    const key = actorKey(a);
    const facts = this.factsOf(a.ip);
    const placeless = isPlaceless(facts).placeless;
    const located =
      a.lat !== null && a.lon !== null && !placeless
        ? { lat: a.lat, lon: a.lon, radiusKm: a.radiusKm ?? 0, country: a.country, corporate: isCorporate(facts) }
        : null;
    if (key === null) {
      if (opts.learnOrg(a)) learnOrg(this.state.org, a, null, false);
      return;
    }
    this.touched.add(key);
    let u = over ?? this.state.users.get(key);
    if (!u) {
      u = newUserBaseline(a.at);
      this.state.users.set(key, u);
    }
    const person = this.personOf(key, a.actor!);
    let fired: Set<string> | null = null;
    // One context for the activity, its settings set per policy: the policies read it only while
    // judging (none keeps it), and an object per policy and activity was most of what a run allocated.
    let ctx: PolicyContext | null = null;
    for (const { policy, cfg, settings } of this.configured(snapshot)) {
      if (!this.inScope(policy.id, cfg, person)) continue;
      if (ctx) ctx.settings = settings;
      else ctx = { user: u, org: this.state.org, person, facts, intel: this.deps.intel, settings };
      const d = policy.evaluate(a, ctx);
      if (!d) continue;
      const sup = suppressedBy(d, person, snapshot.suppressions);
      if (sup) continue;
      (fired ??= new Set()).add(policy.id);
      const field = BURST_FIELDS[policy.id];
      if (field) openBurst(u, field, d, a);
      if (opts.report(d)) out.push(d);
    }
    learnUser(u, a, located, fired ?? NONE_FIRED);
    if (opts.learnOrg(a)) learnOrg(this.state.org, a, key, located !== null);
  }
}

function openBurst(u: UserBaseline, field: BurstField, d: AlertDraft, a: StoredActivity): void {
  let b: OpenBurst | null = u[field];
  if (!b || b.key !== d.key) b = { key: d.key, startedAt: a.at, lastAt: a.at, ips: [] };
  b.lastAt = Math.max(b.lastAt, a.at);
  if (a.ip && !b.ips.includes(a.ip) && b.ips.length < 50) b.ips.push(a.ip);
  u[field] = b;
}
