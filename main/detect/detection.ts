// Detection as a service: new activities are queued as the sync commits them (its pages arrive
// newest first) and evaluated together when the sync is done, each user's in time order. A user
// whose new activities are older than what was already evaluated for them (late events) is
// re-played from the stored history before them, reporting only findings that involve the new
// activities. Baselines persist at the end of every flush; when the file is missing they are
// rebuilt from the stored activities without raising anything again.
import type { IpIntel } from '../intel/ip-facts';
import type { AlertDraft } from '../store/alert-store';
import type { PolicySnapshot } from '../store/policy-store';
import type { StoredActivity, Store } from '../store/types';
import { actorKey } from './activity-kinds';
import { newUserBaseline, pruneOrgMaps, pruneSprayFails } from './baseline';
import { BaselineFile } from './baseline-file';
import { AnomalyEngine, newEngineState, type EngineState } from './engine';
import { byTime, forEachDayInOrder } from './history';
import { PendingQueue } from './pending-queue';
import { DAY_MS, HOUR_MS, type PersonFacts } from './types';
import { COUNTRY_HORIZON_MS } from './baseline';

export interface TerminationLookup {
  /** When the person (email or user id) was terminated according to the admin's imported list, or null. */
  lookup(emailOrId: string): number | null;
}

/** Activity policies run after the anomaly policies over the same new activities (activity/runner.ts). */
export interface ActivityPolicyStage {
  run(items: readonly StoredActivity[], snapshot: PolicySnapshot): Promise<AlertDraft[]>;
  afterAlerts?(created: Map<AlertDraft, string>): Promise<void>;
}

export interface DetectionOptions {
  store: Store;
  /**
   * Queued activities held in memory at most (default DEFAULT_MAX_PENDING); beyond, the oldest
   * are kept as a time range only and the flush reads it back from the store a day at a time (a
   * first back-fill of millions must not be held whole). See pending-queue.ts.
   */
  maxPending?: number;
  intel: IpIntel;
  terminations?: TerminationLookup | null;
  activityPolicies?: ActivityPolicyStage | null;
  onAlerts?: (r: { created: string[]; updated: string[] }) => void;
  now?: () => number;
}

export interface FlushResult {
  evaluated: number;
  lateUsers: number;
  created: string[];
  updated: string[];
}

export interface Detection {
  /** Queues committed activities (cheap; the sync's hook). */
  enqueue(added: readonly StoredActivity[]): void;
  pendingCount(): number;
  /** Evaluates everything queued (serialised: a second call waits for the first). */
  flush(): Promise<FlushResult>;
  /** Rebuilds the baselines from the stored activities (silently). */
  rebuild(): Promise<void>;
  state(): Promise<EngineState>;
  /** Resolves once the queue's crash-safety record is on disk. */
  settledWrites(): Promise<void>;
  /** Loads (or rebuilds) the baselines now, before the first sync queues anything. */
  warm(): Promise<void>;
}

const PENDING_KEY = 'detection.pending';
/**
 * A turn of the event loop between days of a flush: its awaits otherwise all resolve at once, and
 * the flush of a first sync (minutes for millions of activities) would hold the process — the
 * app's IPC, a CLI's progress — for all of it.
 */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A back-fill saves its baselines at least this often (activities), bounding what a crash makes it redo. */
const CHECKPOINT_EVERY = 500_000;

/**
 * Held in memory by default. A held activity weighs ~86 bytes as columns (compact-activities.ts,
 * measured on the demo's activities; a slim copy object weighed ~260), so ~55 MB at most, ~85 MB
 * while a spill copies the newest half: a 2.3 M-event first sync peaked at 872 MB RSS without
 * holding any, and must stay under 1 GB. Everything beyond is read back from the store (~17 µs an
 * activity, twice what judging it costs), which made detection's cost per event grow with the sync.
 */
export const DEFAULT_MAX_PENDING = 640_000;

export function createDetection(opts: DetectionOptions): Detection {
  const { store } = opts;
  const now = opts.now ?? Date.now;
  const pending = new PendingQueue(opts.maxPending ?? DEFAULT_MAX_PENDING);
  /**
   * The time range of everything queued since the last evaluation, kept in the store's meta as the
   * sync commits: a console that dies before evaluating finds it at the next start and evaluates
   * that range from the store (each user's activities after their last evaluated one).
   */
  let queued: { since: number; until: number } | null = null;
  let persisting: Promise<void> = Promise.resolve();
  /** What is on disk: wider than `queued` by a margin, so a back-fill's pages do not each write it. */
  let persisted: { since: number; until: number } | null = null;
  const persistQueued = () => {
    if (queued && persisted && queued.since >= persisted.since && queued.until <= persisted.until) return;
    const range = queued && { since: queued.since - DAY_MS, until: queued.until + HOUR_MS };
    persisted = range;
    persisting = persisting
      .then(() => (range ? store.meta.set(PENDING_KEY, range) : store.meta.delete(PENDING_KEY)))
      // The queue itself is in memory; only its crash-safety copy failed (the store reports disk trouble).
      .catch(() => undefined);
  };

  let engine: AnomalyEngine | null = null;
  let chain: Promise<unknown> = Promise.resolve();

  const person = (key: string, actor: string): PersonFacts => {
    const u = store.users.peek(actor);
    const t = opts.terminations;
    const listed = t ? (t.lookup(u?.email ?? actor) ?? (u ? t.lookup(u.id) : null)) : null;
    return {
      key,
      userId: u?.id ?? null,
      email: u?.email ?? (actor.includes('@') ? actor : null),
      termDate: u?.termDate ?? null,
      listedTerminationAt: listed,
      admin: u?.admin ?? false,
    };
  };

  /** The baselines file the engine's state belongs to: a store switched to another organisation has another. */
  let loadedFrom: unknown = null;
  let file: BaselineFile | null = null;

  async function ready(): Promise<AnomalyEngine> {
    if (engine && loadedFrom === store.baselines) return engine;
    loadedFrom = store.baselines;
    file = new BaselineFile(store.baselines);
    const recovered = store.meta.get<{ since: number; until: number }>(PENDING_KEY);
    if (recovered && Number.isFinite(recovered.since) && Number.isFinite(recovered.until)) {
      queued = queued
        ? { since: Math.min(queued.since, recovered.since), until: Math.max(queued.until, recovered.until) }
        : { ...recovered };
      // Whatever is queued in memory lies inside `queued` too: the whole range is read back from the store.
      pending.readFromStore(queued);
    }
    const loaded = await file.load();
    // The border table loads on first use (~20 ms): here, while the sync runs, not inside a flush.
    opts.intel.bordering('FR', 'DE');
    engine = new AnomalyEngine(loaded ?? newEngineState(), { intel: opts.intel, person });
    // A first sync's activities are all queued: the flush evaluates them, there is nothing else to rebuild from.
    if (!loaded && store.activities.count() > pending.count) await rebuildInto(engine);
    return engine;
  }

  async function rebuildInto(e: AnomalyEngine): Promise<void> {
    e.state.users.clear();
    Object.assign(e.state, { org: newEngineState().org });
    unpruned = null;
    e.beginRun();
    const snapshot = store.policies.snapshot();
    const silent = { report: () => false, learnOrg: () => true };
    // What is queued is evaluated by the flush, not learned silently here.
    const queued = pending.size ? pending.queuedTest() : null;
    await forEachDayInOrder(store, {}, (day) => {
      const known = queued ? day.filter((a) => !queued(a)) : day;
      e.notePrefailures(known);
      e.run(known, snapshot, silent);
      // Pruned before the save like a flush's: otherwise the file carries every spray failure of the history.
      if (known.length) unpruned = Math.max(unpruned ?? -Infinity, known[known.length - 1]!.at);
    });
    await save(e);
  }

  /**
   * Activities evaluated since the baselines were last saved. A flush saves once at its end, not
   * after each day of a back-fill (each save writes the whole file): the pending range in
   * meta stays until then, so a console that dies first re-evaluates from the last save, and a long
   * back-fill saves every CHECKPOINT_EVERY activities to bound that re-work.
   */
  let unsaved = 0;
  /**
   * The newest activity evaluated since the organisation's baselines were last pruned. Pruning
   * walks every address and country, so it is done before each save rather than after each day:
   * the days of a flush come in time order and the policies count only what lies inside their
   * horizon before each activity, so what pruning would have dropped earlier is never counted.
   */
  let unpruned: number | null = null;
  async function save(e: AnomalyEngine): Promise<void> {
    if (unpruned !== null) {
      pruneSprayFails(e.state.org, unpruned);
      // The 30-day maps hold an entry per user: walking them at every save made each incremental
      // sync cost O(organisation). Pruned once per day of activity instead (the time saved with
      // them), the file holds at most a day beyond their horizon, which the policies never count.
      const org = e.state.org;
      if (unpruned - (org.mapsPrunedAt ?? Number.NEGATIVE_INFINITY) >= DAY_MS) {
        pruneOrgMaps(org, unpruned);
        org.mapsPrunedAt = unpruned;
      }
    }
    unpruned = null;
    unsaved = 0;
    file ??= new BaselineFile(store.baselines);
    await file.save(e.state, e.touched, now());
  }

  /** Re-plays one user's stored history before and through their late activities. */
  async function replayUser(e: AnomalyEngine, key: string, items: StoredActivity[], snapshot: PolicySnapshot) {
    const newIds = new Set(items.map((a) => a.id));
    const since = items[0]!.at - COUNTRY_HORIZON_MS;
    const old = e.state.users.get(key);
    const fresh = newUserBaseline(Math.min(old?.first ?? Infinity, items[0]!.at));
    const history: StoredActivity[] = [];
    await forEachDayInOrder(store, { user: items[0]!.actor!, since }, (day) => {
      for (const a of day) if (actorKey(a) === key && !newIds.has(a.id)) history.push(a);
    });
    history.push(...items);
    history.sort(byTime);
    fresh.first = Math.min(fresh.first, history[0]?.at ?? fresh.first);
    const drafts = e.run(
      history,
      snapshot,
      { report: (d) => d.activityIds.some((id) => newIds.has(id)), learnOrg: (a) => newIds.has(a.id) },
      fresh,
    );
    e.state.users.set(key, fresh);
    return drafts;
  }

  async function doFlush(): Promise<FlushResult> {
    const e = await ready();
    const taken = queued;
    queued = null;
    const r = await evaluateQueued(e);
    // Evaluated and saved: the crash-safety copy goes (unless more was queued meanwhile).
    if (taken || queued) persistQueued();
    await persisting;
    return r;
  }

  async function evaluateQueued(e: AnomalyEngine): Promise<FlushResult> {
    const result: FlushResult = { evaluated: 0, lateUsers: 0, created: [], updated: [] };
    const add = (r: FlushResult) => {
      result.evaluated += r.evaluated;
      result.lateUsers += r.lateUsers;
      result.created.push(...r.created);
      result.updated.push(...r.updated);
    };
    // Taken at once: what the sync commits meanwhile waits for the next flush.
    const { range, held } = pending.take();
    // One run for the whole flush: addresses' facts and people are looked up once, not once per day
    // of a back-fill (a range tagged or a termination imported meanwhile applies to the next flush).
    e.beginRun();
    if (range) {
      // Activities at or before a user's last evaluated one were evaluated already (the range
      // may reach back into known history); the rest are new. All of it is older than `items`.
      await forEachDayInOrder(store, range, async (day) => {
        const fresh = day.filter((a) => {
          const u = e.state.users.get(actorKey(a) ?? '');
          return !u || a.at > u.last;
        });
        add(await evaluate(e, fresh));
        if (unsaved >= CHECKPOINT_EVERY) await save(e);
        await turn();
      });
    }
    // A day at a time, as the range: a batch enters all its failed sign-ins into the spray windows
    // before judging any activity, so a batch of many days would keep every one of them meanwhile.
    let first = true;
    for (const day of held.days()) {
      if (!first) await turn();
      first = false;
      add(await evaluate(e, day));
      if (unsaved >= CHECKPOINT_EVERY) await save(e);
    }
    if (unsaved > 0) await save(e);
    return result;
  }

  async function evaluate(e: AnomalyEngine, items: StoredActivity[]): Promise<FlushResult> {
    const result: FlushResult = { evaluated: items.length, lateUsers: 0, created: [], updated: [] };
    if (items.length === 0) return result;
    const snapshot = store.policies.snapshot();
    e.notePrefailures(items);

    // Users whose new activities reach back before what was evaluated for them.
    const firstNew = new Map<string, number>();
    for (const a of items) {
      const k = actorKey(a);
      if (k !== null && !firstNew.has(k)) firstNew.set(k, a.at);
    }
    const late = new Set<string>();
    for (const [k, at] of firstNew) {
      const u = e.state.users.get(k);
      if (u && at <= u.last) late.add(k);
    }
    const drafts: AlertDraft[] = [];
    const normal = late.size ? items.filter((a) => !late.has(actorKey(a) ?? '')) : items;
    drafts.push(...e.run(normal, snapshot, { report: () => true, learnOrg: () => true }));
    for (const k of late) {
      const mine = items.filter((a) => actorKey(a) === k);
      drafts.push(...(await replayUser(e, k, mine, snapshot)));
    }
    result.lateUsers = late.size;
    if (opts.activityPolicies) drafts.push(...(await opts.activityPolicies.run(items, snapshot)));

    drafts.sort((x, y) => x.at - y.at);
    const r = await store.alerts.upsertMany(drafts);
    result.created = r.created;
    result.updated = r.updated;
    if (opts.activityPolicies?.afterAlerts) {
      const ids = new Map<AlertDraft, string>();
      for (const d of drafts) {
        const id = store.alerts.openAlertId(d.policy, d.user, d.key);
        if (id) ids.set(d, id);
      }
      await opts.activityPolicies.afterAlerts(ids);
    }
    unpruned = Math.max(unpruned ?? -Infinity, items[items.length - 1]!.at);
    unsaved += items.length;
    if (r.created.length || r.updated.length) opts.onAlerts?.(r);
    return result;
  }

  const serial = <T>(f: () => Promise<T>): Promise<T> => {
    const p = chain.then(f, f);
    chain = p.catch(() => undefined);
    return p;
  };

  return {
    enqueue(added) {
      if (added.length === 0) return;
      let since = Infinity;
      let until = -Infinity;
      for (const a of added) {
        if (a.at < since) since = a.at;
        if (a.at > until) until = a.at;
      }
      if (!queued || since < queued.since || until > queued.until) {
        queued = queued
          ? { since: Math.min(queued.since, since), until: Math.max(queued.until, until) }
          : { since, until };
        persistQueued();
      }
      pending.add(added);
    },
    pendingCount: () => pending.size,
    settledWrites: () => persisting,
    flush: () => serial(doFlush),
    rebuild: () =>
      serial(async () => {
        const e = engine ?? new AnomalyEngine(newEngineState(), { intel: opts.intel, person });
        engine = e;
        loadedFrom = store.baselines;
        file = new BaselineFile(store.baselines);
        await rebuildInto(e);
      }),
    state: () => serial(async () => (await ready()).state),
    warm: () => serial(async () => void (await ready())),
  };
}

/** The admin's imported termination list (store/termination-store.ts) as detection reads it. */
export function terminationLookup(list: { get(email: string): { terminatedAt: number } | null }): TerminationLookup {
  return { lookup: (emailOrId) => (emailOrId.includes('@') ? (list.get(emailOrId)?.terminatedAt ?? null) : null) };
}
