// Walks the audit log for one window, committing page by page: activities first, then the
// checkpoint (see checkpoint.ts for why that order makes a crash harmless).
import type { Enricher } from '../detect/enrich';
import type { StoredActivity, Store } from '../store/types';
import { parseAuditRecord } from '../workplace/audit-log';
import { WorkplaceApiError } from '../workplace/api-error';
import type { WorkplaceClient } from '../workplace/client';
import type { WalkedPage } from '../workplace/paging';
import { restartWalk, type ActivityWalk } from './checkpoint';
import { toStoredActivity } from './activity-record';
import { quarantineRecords } from './quarantine';
import { recordProblem } from './record-bounds';
import { storeWrite } from './store-failure';

export interface WalkDeps {
  store: Store;
  client: WorkplaceClient;
  enricher: Enricher | null;
  now: () => number;
  signal?: AbortSignal;
  /** Events older than this are not kept (the back-fill start). */
  floor: number;
  overlapMs: number;
  /** Persist the walk after each committed page; null when the walk is not resumable (repairs). */
  saveWalk: ((walk: ActivityWalk) => Promise<void>) | null;
  onPage: (info: { added: number; duplicates: number; quarantined: number; fraction: number | null }) => void;
  onCommitted: (added: StoredActivity[]) => Promise<void>;
  warn: (message: string) => void;
}

export interface WalkTotals {
  added: number;
  duplicates: number;
  quarantined: number;
  /** The walk stopped on a cursor cycle before its end; it stays saved and the next sync resumes it. */
  incomplete: boolean;
}

/** Walks `walk` to its end (or throws); returns what was committed. */
export async function walkActivities(start: ActivityWalk, deps: WalkDeps): Promise<WalkTotals> {
  const totals: WalkTotals = { added: 0, duplicates: 0, quarantined: 0, incomplete: false };
  let walk = start;
  let retriedWithoutCursor = false;
  for (;;) {
    try {
      await walkFrom(walk, deps, totals, (w) => (walk = w));
      return totals;
    } catch (err) {
      // A stored cursor the server no longer accepts (expired, or from before a restart).
      const refused =
        err instanceof WorkplaceApiError &&
        (err.kind === 'client' || err.kind === 'cursor_rejected') &&
        walk.cursor !== null;
      if (!refused || retriedWithoutCursor) throw err;
      retriedWithoutCursor = true;
      deps.warn(
        `The audit log no longer accepts the saved position (${err.message}); re-reading the rest of the window.`,
      );
      walk = restartWalk(walk, deps.overlapMs);
      const save = deps.saveWalk;
      const restarted = walk;
      if (save) await storeWrite(deps.store.dataDir, 'the sync checkpoint', () => save(restarted));
    }
  }
}

interface PreparedPage {
  batch: StoredActivity[];
  bad: { reason: string; raw: unknown }[];
  /** The walk as it will stand once this page is committed. */
  walk: ActivityWalk;
  hasNext: boolean;
  allTooOld: boolean;
}

/** CPU-only work on one page: parse, normalise, enrich, and the walk state after it. */
function preparePage(page: WalkedPage, walk: ActivityWalk, deps: WalkDeps): PreparedPage {
  const batch: StoredActivity[] = [];
  const bad: { reason: string; raw: unknown }[] = [];
  const seen = new Set<string>();
  let oldest = walk.oldestAt;
  let newest = walk.newestAt;
  const now = deps.now();
  // "Older than the window" is judged on records that could be placed: a page of junk is not old.
  let placed = 0;
  let inWindow = false;
  for (const rec of page.data) {
    const parsed = parseAuditRecord(rec);
    if (!parsed.ok) {
      bad.push({ reason: parsed.reason, raw: parsed.raw });
      continue;
    }
    const e = parsed.event;
    const problem = recordProblem(rec, e, now);
    if (problem) {
      bad.push({ reason: problem, raw: rec });
      continue;
    }
    placed++;
    if (e.at >= walk.since - deps.overlapMs) inWindow = true;
    if (e.at < deps.floor || seen.has(e.id)) continue;
    seen.add(e.id);
    oldest = oldest === null ? e.at : Math.min(oldest, e.at);
    newest = newest === null ? e.at : Math.max(newest, e.at);
    batch.push(toStoredActivity(e, deps.enricher));
  }
  return {
    batch,
    bad,
    walk: {
      ...walk,
      cursor: page.nextCursor,
      oldestAt: oldest,
      newestAt: newest,
      pages: walk.pages + 1,
      events: walk.events + batch.length,
    },
    hasNext: page.nextCursor !== null,
    allTooOld: placed > 0 && !inWindow,
  };
}

async function walkFrom(
  start: ActivityWalk,
  deps: WalkDeps,
  totals: WalkTotals,
  update: (w: ActivityWalk) => void,
): Promise<void> {
  const { store, signal } = deps;
  const span = Math.max(1, start.until - start.since);
  // Commit order per page: activities, quarantine, then the checkpoint that says they are committed.
  const commit = async (p: PreparedPage) => {
    const result = p.batch.length
      ? await storeWrite(store.dataDir, `${p.batch.length} activities`, () => store.activities.append(p.batch))
      : { added: 0, duplicates: 0, addedActivities: [] };
    const quarantined = await storeWrite(store.dataDir, 'the quarantined records', () =>
      quarantineRecords(store.meta, p.bad, deps.now()),
    );
    update(p.walk);
    const save = deps.saveWalk;
    if (p.hasNext && !p.allTooOld && save) await storeWrite(store.dataDir, 'the sync checkpoint', () => save(p.walk));
    totals.added += result.added;
    totals.duplicates += result.duplicates;
    totals.quarantined += quarantined;
    if (result.addedActivities.length) await deps.onCommitted(result.addedActivities);
    const { oldestAt, until, since } = p.walk;
    deps.onPage({
      added: result.added,
      duplicates: result.duplicates,
      quarantined,
      fraction: oldestAt === null ? null : (until - Math.max(oldestAt, since)) / span,
    });
  };
  // A failed commit stops the fetching at once (rather than after the page in flight arrives).
  const commitFailed = new AbortController();
  const fetchSignal = signal ? AbortSignal.any([signal, commitFailed.signal]) : commitFailed.signal;
  const pages = deps.client.auditLog(
    { since: start.since, until: start.fetchUntil },
    {
      signal: fetchSignal,
      startCursor: start.cursor,
      // Do not fetch ahead past a page that already reaches below the window (a server ignoring `since`).
      holdAfter: (page) => {
        const last = page.data.length ? parseAuditRecord(page.data[page.data.length - 1]) : null;
        return last !== null && last.ok && last.event.at < start.since - deps.overlapMs;
      },
      // Page cap / no progress (workplace/paging-guard.ts): like a cursor cycle, the walk stays saved.
      onStopped: (stop) => {
        totals.incomplete = true;
        deps.warn(`${stop.message} The next sync resumes from there.`);
      },
      onRepeatedCursor: (key, { stopped }) => {
        if (stopped) totals.incomplete = true;
        deps.warn(
          stopped
            ? `The audit log kept repeating a page cursor (${key.slice(0, 40)}); stopped to avoid a loop — ` +
                'the next sync resumes from there.'
            : `The audit log repeated a page cursor (${key.slice(0, 40)}); re-read that page once.`,
        );
      },
    },
  );
  // Pages are fetched and prepared while earlier ones are being written; the pages that arrive
  // during a commit are committed together as soon as it is done (at most MAX_QUEUED_PAGES wait;
  // beyond that the walk reads no further page until the store catches up). A store slower than the
  // network thus writes each hour, fsyncs and saves the checkpoint once per few pages rather
  // than once per page. Commits stay strictly in order, and the checkpoint saved after a combined
  // commit is its last page's: a crash loses nothing committed. A commit's failure is recorded
  // the moment it happens (never an unhandled rejection while the loop waits on the network),
  // stops the fetching, and is the error the walk ends with.
  let walk = start;
  const queued: PreparedPage[] = [];
  let running: Promise<void> | null = null;
  let failure: { error: unknown } | null = null;
  // Starts a commit of everything queued, unless one is running (it starts the next when done),
  // a commit failed, or the sync was cancelled.
  const kick = () => {
    if (running || failure || queued.length === 0 || signal?.aborted) return;
    running = commit(combinePages(queued.splice(0))).then(
      () => {
        running = null;
        kick();
      },
      (error: unknown) => {
        running = null;
        failure = { error };
        commitFailed.abort();
      },
    );
  };
  const settle = async () => {
    while (running) await running;
    if (failure) throw failure.error;
  };
  try {
    for await (const page of pages) {
      signal?.throwIfAborted();
      if (failure) break;
      const prepared = preparePage(page, walk, deps);
      walk = prepared.walk;
      queued.push(prepared);
      kick();
      // A server that ignores `since` would hand us its whole history: stop once a full page is
      // older than the window (less the overlap that tolerates out-of-order timestamps).
      if (prepared.allTooOld) break;
      while (running && queued.length >= MAX_QUEUED_PAGES) await running;
    }
    await settle();
    // A cancel during the last commits leaves pages read but not stored: the walk is not done.
    if (queued.length) signal?.throwIfAborted();
  } catch (err) {
    // Let the commits finish before reporting, so the checkpoint is never ahead of the data.
    // After a failed fetch (an expired token, a server gone) they include the pages read before
    // it, so the next sync resumes after them; a cancel or a failed commit starts no further
    // commit. If a commit failed, its error is the cause (the fetch it stopped is not).
    await settle();
    throw err;
  }
}

/** Prepared pages that may wait for the commit in flight (each ~1,000 activities). */
const MAX_QUEUED_PAGES = 4;

/** Consecutive prepared pages as one: their records in order, and the walk as the last leaves it. */
function combinePages(pages: PreparedPage[]): PreparedPage {
  if (pages.length === 1) return pages[0];
  const last = pages[pages.length - 1];
  return {
    batch: pages.flatMap((p) => p.batch),
    bad: pages.flatMap((p) => p.bad),
    walk: last.walk,
    hasNext: last.hasNext,
    allTooOld: last.allTooOld,
  };
}
