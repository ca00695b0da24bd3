// The activity checkpoint: what is committed, and where an interrupted walk stands.
//
// The audit log is read newest-first, so "the last event we saw" is not a resumable position
// by itself. Instead a sync is a *walk* over a fixed window [since, until]; after each page is
// appended to the store (first) the walk's cursor and the [oldestAt, newestAt] it has
// committed are saved (second). A crash between the two re-fetches that page, and the store's
// de-duplication by id absorbs it. On restart the walk resumes from its cursor; if the server
// no longer accepts that cursor the walk restarts on [since, oldestAt + overlap] — everything
// newer than that was already committed — so no gap opens. When a walk reaches its end,
// [since, until] joins `covered`, and the next sync walks [covered.until − overlap, now].
import type { MetaStore } from '../store/types';

export const CHECKPOINT_KEY = 'sync-checkpoint';

export interface ActivityWalk {
  /** Lower bound (ms) of the window being walked. */
  since: number;
  /** Upper bound (ms) the window will cover once finished. */
  until: number;
  /** Upper bound actually requested (lower than `until` after a cursor had to be abandoned). */
  fetchUntil: number;
  /** Next page to fetch (a storable cursor from paging.ts); null = start of the window. */
  cursor: string | null;
  oldestAt: number | null;
  newestAt: number | null;
  pages: number;
  /** Events fetched in this walk so far (for progress after a restart). */
  events: number;
  startedAt: number;
}

export interface ActivityCheckpoint {
  version: 1;
  /** Organisation the checkpoint belongs to: another organisation starts afresh. */
  orgId: string;
  /** Earliest time ever wanted (the back-fill start); older events are not kept. */
  floor: number;
  /** Everything in [since, until] is committed. */
  covered: { since: number; until: number } | null;
  walk: ActivityWalk | null;
  /** When users were last fully synced. */
  usersSyncedAt: number | null;
}

export function loadCheckpoint(meta: MetaStore, orgId: string): ActivityCheckpoint | null {
  const cp = meta.get<ActivityCheckpoint>(CHECKPOINT_KEY);
  if (!cp || cp.version !== 1 || cp.orgId !== orgId || typeof cp.floor !== 'number') return null;
  return cp;
}

export function saveCheckpoint(meta: MetaStore, cp: ActivityCheckpoint): Promise<void> {
  return meta.set(CHECKPOINT_KEY, cp);
}

export function newWalk(since: number, until: number, now: number): ActivityWalk {
  return {
    since,
    until,
    fetchUntil: until,
    cursor: null,
    oldestAt: null,
    newestAt: null,
    pages: 0,
    events: 0,
    startedAt: now,
  };
}

/** The window after a finished walk: contiguous with what was covered (the walk overlaps it). */
export function extendCovered(
  covered: ActivityCheckpoint['covered'],
  walk: { since: number; until: number },
): { since: number; until: number } {
  if (!covered) return { since: walk.since, until: walk.until };
  return { since: Math.min(covered.since, walk.since), until: Math.max(covered.until, walk.until) };
}

/**
 * Disconnect: no page cursor survives it (a cursor is tied to the credentials and server it
 * came from). The walk keeps its window and what it committed, so a reconnect re-reads only the
 * rest of the window.
 */
export async function forgetWalkCursor(meta: MetaStore, overlapMs: number): Promise<void> {
  const cp = meta.get<ActivityCheckpoint>(CHECKPOINT_KEY);
  if (!cp?.walk || cp.walk.cursor === null) return;
  await saveCheckpoint(meta, { ...cp, walk: restartWalk(cp.walk, overlapMs) });
}

/** Restart a walk whose cursor was refused: only the part older than what it committed (+ overlap). */
export function restartWalk(walk: ActivityWalk, overlapMs: number): ActivityWalk {
  const fetchUntil = walk.oldestAt === null ? walk.fetchUntil : Math.min(walk.fetchUntil, walk.oldestAt + overlapMs);
  return { ...walk, fetchUntil, cursor: null };
}
