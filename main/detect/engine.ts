// The anomaly engine: runs time-ordered activities through the eight policies against the
// baselines as they stood before each activity, then learns the activity. Stateless about
// storage: detection.ts feeds it, persists its state, and decides which findings are reported
// (a replay over history re-learns silently and reports only what involves new activities).
import type { IpFacts, IpIntel } from '../intel/ip-facts';
import { defaultAnomalyConfig, type PolicySnapshot } from '../store/policy-store';
import type { StoredActivity } from '../store/types';
import { actorKey } from './activity-kinds';
import {
  learnOrg,
  learnSprayFailure,
  learnUser,
  newOrgBaseline,
  newUserBaseline,
  type OpenBurst,
  type OrgBaseline,
  type UserBaseline,
} from './baseline';
import { isCorporate, isPlaceless } from './ip-view';
import { ANOMALY_POLICIES } from './policies/index';
import { inScope, suppressedBy } from './scope';
import type { AlertDraft, AnomalySettings, PersonFacts } from './types';

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

  /** Facts and people are re-read once per run: a range tagged or a termination imported applies next run. */
  beginRun(): void {
    this.facts.clear();
    this.people.clear();
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
    for (const a of items) learnSprayFailure(this.state.org, a, actorKey(a));
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
    let u = over ?? this.state.users.get(key);
    if (!u) {
      u = newUserBaseline(a.at);
      this.state.users.set(key, u);
    }
    const person = this.personOf(key, a.actor!);
    const fired = new Set<string>();
    for (const policy of ANOMALY_POLICIES) {
      const cfg = snapshot.anomaly[policy.id] ?? defaultAnomalyConfig();
      if (!cfg.enabled || !inScope(cfg, person)) continue;
      const settings: AnomalySettings = { enabled: true, sensitivity: cfg.sensitivity, params: cfg.params };
      const d = policy.evaluate(a, { user: u, org: this.state.org, person, facts, intel: this.deps.intel, settings });
      if (!d) continue;
      const sup = suppressedBy(d, person, snapshot.suppressions);
      if (sup) continue;
      fired.add(policy.id);
      const field = BURST_FIELDS[policy.id];
      if (field) openBurst(u, field, d, a);
      if (opts.report(d)) out.push(d);
    }
    learnUser(u, a, located, fired);
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
