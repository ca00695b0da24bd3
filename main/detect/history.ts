// Reading stored activities back in time order for detection: the store pages newest first, so
// history is read a day at a time (bounded memory) and each day is put in order.
import type { StoredActivity, Store } from '../store/types';
import { SlimCopier } from './slim-activity';
import { DAY_MS } from './types';

// Large pages: each page is one pass over the index; the rows are decoded either way.
const PAGE = 5000;

/** Calls `visit` with each UTC day's activities in [since, until], oldest day first, each in time order. */
export async function forEachDayInOrder(
  store: Store,
  range: { since?: number; until?: number; user?: string },
  visit: (day: StoredActivity[]) => void | Promise<void>,
): Promise<void> {
  const days = (await store.activities.countsByDay({ user: range.user, since: range.since, until: range.until }))
    .map((d) => Date.parse(`${d.day}T00:00:00.000Z`))
    .sort((a, b) => a - b);
  const copier = new SlimCopier();
  for (const dayStart of days) {
    const since = Math.max(dayStart, range.since ?? 0);
    const until = Math.min(dayStart + DAY_MS - 1, range.until ?? Number.MAX_SAFE_INTEGER);
    // Everyone's day in one read of the index (raw events left out); one user's through the query,
    // whose user filter resolves the ways an actor may be named.
    const rows =
      range.user === undefined ? await store.activities.readRange(since, until) : await userDay(since, until);
    // Copied into the shape the pending queue holds (slim-activity.ts): one shape for the engine.
    const items = rows.map((a) => copier.copy(a));
    copier.clear();
    items.sort(byTime);
    await visit(items);
  }

  async function userDay(since: number, until: number): Promise<StoredActivity[]> {
    const items: StoredActivity[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 1_000_000; guard++) {
      const page = await store.activities.query({ user: range.user, since, until }, cursor, PAGE);
      items.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return items;
  }
}

export function byTime(a: StoredActivity, b: StoredActivity): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
