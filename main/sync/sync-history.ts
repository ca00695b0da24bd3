// The last syncs, kept in the store's meta so the Connector screen can answer "did it run, how
// long did it take, what did it bring, what went wrong" after a restart too. Bounded: an old
// entry falls off when a new one arrives, so the list never grows with the age of the install.
import { ErrorCodeSchema, type SyncHistoryEntry } from '../../preload/contract';
import type { MetaStore } from '../store/types';
import type { SyncResult } from './engine';

export const SYNC_HISTORY_KEY = 'sync-history';
export const KEEP_SYNCS = 50;

export function historyEntry(result: SyncResult): SyncHistoryEntry {
  const count = (n: number) => (Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);
  return {
    startedAt: result.startedAt,
    finishedAt: Math.max(result.startedAt, result.finishedAt),
    outcome: result.ok ? 'ok' : result.cancelled ? 'cancelled' : 'failed',
    users: count(result.users),
    added: count(result.added),
    duplicates: count(result.duplicates),
    quarantined: count(result.quarantined),
    error: result.error ? { code: result.error.code, message: result.error.message.slice(0, 2000) } : null,
  };
}

/** Appends one finished sync, keeping the newest KEEP_SYNCS. */
export async function recordSync(meta: MetaStore, result: SyncResult): Promise<void> {
  const kept = readSyncHistory(meta, KEEP_SYNCS - 1);
  await meta.set(SYNC_HISTORY_KEY, [historyEntry(result), ...kept]);
}

/**
 * Newest first, at most `limit`. A damaged or hand-edited list loses only its unreadable
 * entries: each is checked for the fields the screen shows.
 */
export function readSyncHistory(meta: MetaStore, limit = KEEP_SYNCS): SyncHistoryEntry[] {
  const saved = meta.get<unknown>(SYNC_HISTORY_KEY);
  if (!Array.isArray(saved)) return [];
  return saved.filter(isEntry).slice(0, Math.max(0, limit));
}

function isEntry(e: unknown): e is SyncHistoryEntry {
  if (!e || typeof e !== 'object') return false;
  const x = e as Record<string, unknown>;
  const n = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
  return (
    n(x.startedAt) &&
    n(x.finishedAt) &&
    (x.outcome === 'ok' || x.outcome === 'cancelled' || x.outcome === 'failed') &&
    n(x.users) &&
    n(x.added) &&
    n(x.duplicates) &&
    n(x.quarantined) &&
    (x.error === null || isError(x.error))
  );
}

function isError(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const { code, message } = e as { code?: unknown; message?: unknown };
  return ErrorCodeSchema.safeParse(code).success && typeof message === 'string' && message.length <= 2000;
}
