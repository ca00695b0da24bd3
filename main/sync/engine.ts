// One sync run: users (first sync and then every few hours), the activity walk resumed or
// started from the checkpoint, then re-syncs of any ranges the store reported corrupt.
import type { GuardErrorShape, SyncProgress } from '../../preload/contract';
import type { Enricher } from '../detect/enrich';
import { GuardError } from '../runtime/errors';
import type { StoredActivity, Store } from '../store/types';
import { FEATURES, WorkplaceApiError, toGuardErrorFromApi, type Feature } from '../workplace/api-error';
import type { WorkplaceClient } from '../workplace/client';
import { isAbort, type WaitInfo } from '../workplace/http';
import { walkActivities } from './activities-sync';
import { extendCovered, loadCheckpoint, newWalk, saveCheckpoint, type ActivityCheckpoint } from './checkpoint';
import { recordRepair } from './data-health';
import { ProgressTracker } from './progress';
import { StoreWriteError, storeWrite } from './store-failure';
import { syncUsers } from './users-sync';

export const DAY_MS = 86_400_000;
/** Re-read this much before the last covered time: late-arriving and out-of-order events. */
export const DEFAULT_OVERLAP_MS = 15 * 60_000;
/** Users change rarely; a full users pass more often than this is wasted calls. */
export const USERS_REFRESH_MS = 6 * 3600_000;

export interface SyncRunOptions {
  store: Store;
  client: WorkplaceClient;
  orgId: string;
  enricher: Enricher | null;
  /** Days of history on the first sync; 0 = from now on only. */
  backfillDays: number;
  now?: () => number;
  signal?: AbortSignal;
  overlapMs?: number;
  forceUsers?: boolean;
  onProgress?: (p: SyncProgress) => void;
  onActivitiesCommitted?: (added: StoredActivity[]) => Promise<void> | void;
  onWarning?: (message: string) => void;
  /** Lets the sync hear the client's waits (rate limit, retries) to report them in its progress. */
  subscribeWaits?: (onWait: (info: WaitInfo) => void) => void;
}

export interface SyncResult {
  ok: boolean;
  cancelled: boolean;
  error: GuardErrorShape | null;
  /** The fix for `error` when the sync knows a better one than its code's (a store write that failed). */
  fix: string | null;
  /** The API failure kind behind `error` (token → reconnect). */
  errorKind: WorkplaceApiError['kind'] | null;
  users: number;
  added: number;
  duplicates: number;
  quarantined: number;
  warnings: string[];
  disabledFeatures: Feature[];
  startedAt: number;
  finishedAt: number;
  progress: SyncProgress;
}

export async function runSync(opts: SyncRunOptions): Promise<SyncResult> {
  const now = opts.now ?? Date.now;
  const overlapMs = opts.overlapMs ?? DEFAULT_OVERLAP_MS;
  const { store, signal } = opts;
  const warnings: string[] = [];
  const warn = (m: string) => {
    warnings.push(m);
    opts.onWarning?.(m);
  };
  const progress = new ProgressTracker(now, (p) => opts.onProgress?.(p));
  opts.subscribeWaits?.((info) => progress.waiting(info));
  const result: SyncResult = {
    ok: false,
    cancelled: false,
    error: null,
    fix: null,
    errorKind: null,
    users: 0,
    added: 0,
    duplicates: 0,
    quarantined: 0,
    warnings,
    disabledFeatures: [],
    startedAt: now(),
    finishedAt: 0,
    progress: progress.current,
  };
  let feature: Feature | undefined;
  const save = (cp: ActivityCheckpoint) =>
    storeWrite(store.dataDir, 'the sync checkpoint', () => saveCheckpoint(store.meta, cp));
  try {
    const startedAt = now();
    let cp: ActivityCheckpoint = loadCheckpoint(store.meta, opts.orgId) ?? {
      version: 1,
      orgId: opts.orgId,
      floor: opts.backfillDays > 0 ? startedAt - opts.backfillDays * DAY_MS : startedAt,
      covered: opts.backfillDays > 0 ? null : { since: startedAt, until: startedAt },
      walk: null,
      usersSyncedAt: null,
    };

    const corruptions = store.corruptions();
    const usersDamaged = corruptions.some((c) => c.range === null);
    const usersDue =
      opts.forceUsers || usersDamaged || cp.usersSyncedAt === null || startedAt - cp.usersSyncedAt >= USERS_REFRESH_MS;

    // The users and the activity walk are read at the same time: the users are a few hundred
    // calls the server answers while we parse and store audit pages, and nothing in the walk needs
    // them (detection, which does, judges the new activities once the sync has ended). The first
    // failure of either stops the other and is the sync's error; both have settled before it is
    // reported, so no write is left running behind the result.
    let failure: { err: unknown; feature: Feature } | null = null;
    const stopUsers = new AbortController();
    const stopWalk = new AbortController();
    const failed = (feature: Feature, stopOther: AbortController) => (err: unknown) => {
      if (failure) return;
      failure = { err, feature };
      stopOther.abort(err);
    };
    const within = (stop: AbortController) => (signal ? AbortSignal.any([signal, stop.signal]) : stop.signal);
    /** The activity walks (the interrupted one, then up to now) and the repairs of damaged ranges. */
    const walkAll = async (walkSignal: AbortSignal): Promise<void> => {
      try {
        const commit = async (added: StoredActivity[]) => {
          try {
            await opts.onActivitiesCommitted?.(added);
          } catch (err) {
            warn(
              `Detection failed on ${added.length} new activities: ${err instanceof Error ? err.message : String(err)}`,
            );
          }
        };
        const onPage = (p: { added: number; duplicates: number; quarantined: number; fraction: number | null }) => {
          result.added += p.added;
          result.duplicates += p.duplicates;
          result.quarantined += p.quarantined;
          progress.activities(p.added, p.quarantined, p.fraction);
        };
        const walkDeps = {
          store,
          client: opts.client,
          enricher: opts.enricher,
          now,
          signal: walkSignal,
          floor: cp.floor,
          overlapMs,
          onPage,
          onCommitted: commit,
          warn,
        };

        // The main walks: finish the interrupted one (its window ends when *it* started), then
        // walk from the covered edge to now — a resumed walk alone would leave out everything
        // that arrived since it began.
        const syncUntil = now();
        for (let round = 0; round < 2; round++) {
          let walk = cp.walk;
          if (!walk) {
            if (cp.covered && cp.covered.until >= syncUntil) break;
            const since = cp.covered ? Math.max(cp.floor, cp.covered.until - overlapMs) : cp.floor;
            walk = newWalk(since, Math.max(since, syncUntil), syncUntil);
            cp = { ...cp, walk };
            await save(cp);
          }
          const done = await walkActivities(walk, {
            ...walkDeps,
            saveWalk: async (w) => {
              cp = { ...cp, walk: w };
              await save(cp);
            },
          });
          // An incomplete walk (cursor cycle) stays saved: covering its window now would leave a gap.
          if (done.incomplete) break;
          cp = { ...cp, covered: extendCovered(cp.covered, walk), walk: null };
          await save(cp);
        }

        // Ranges lost to a corrupt partition: walk them again, then acknowledge the report.
        for (const c of corruptions) {
          const range = c.range ?? cp.covered;
          if (range) {
            const since = Math.max(cp.floor, range.since);
            await walkActivities(newWalk(since, Math.max(since, range.until), now()), { ...walkDeps, saveWalk: null });
            warn(
              `Re-synced ${new Date(range.since).toISOString()} – ${new Date(range.until).toISOString()} ` +
                `after ${c.file} was found damaged.`,
            );
          }
          await storeWrite(store.dataDir, 'the repaired-file report', async () => {
            await recordRepair(store.meta, c, now());
            await store.clearCorruption(c.file);
          });
        }
      } catch (err) {
        if (err instanceof WorkplaceApiError && err.kind === 'permission') {
          result.disabledFeatures.push(FEATURES.auditLog);
          warn(
            `Missing the "${FEATURES.auditLog.permission}" permission: security activity is not synced ` +
              `(${err.message}).`,
          );
        } else throw err;
      }
    };

    progress.phase(usersDue ? 'users' : 'activities');
    const usersRead = usersDue
      ? (async () => {
          const users = await syncUsers({
            store,
            client: opts.client,
            signal: within(stopUsers),
            warn,
            onCount: (n) => progress.users(n),
          });
          result.users = users.count;
          result.disabledFeatures.push(...users.disabled);
          cp = { ...cp, usersSyncedAt: startedAt };
          await save(cp);
          progress.phase('activities');
        })().catch(failed(FEATURES.scimUsers, stopWalk))
      : Promise.resolve();
    const walked = walkAll(within(stopWalk)).catch(failed(FEATURES.auditLog, stopUsers));
    await Promise.all([usersRead, walked]);
    const first = failure as { err: unknown; feature: Feature } | null;
    if (first) {
      feature = first.feature;
      throw first.err;
    }
    result.ok = true;
    progress.phase('done');
  } catch (err) {
    if (isAbort(err) || signal?.aborted) {
      result.cancelled = true;
      progress.phase('cancelled');
    } else {
      const g = err instanceof GuardError ? err : toGuardErrorFromApi(err, feature);
      result.error = g.toJSON();
      result.fix = err instanceof StoreWriteError ? err.fix : null;
      result.errorKind = err instanceof WorkplaceApiError ? err.kind : null;
      progress.phase('failed');
    }
  }
  result.finishedAt = now();
  result.progress = progress.current;
  return result;
}
