// Phase one of a repeated-activity replay: each group's sliding window on its own. Judging millions
// of matches in global time order makes nearly every match touch another group's window (thousands
// of users and addresses), which costs a cache miss each; here the matches are first bucketed by
// group (a counting sort that keeps time order inside a group), then each group's window slides
// over a typed array of its times. What comes out is every finding with its window and alert key;
// the daily limit and the open alerts, which span groups, are left to the caller in global order.
import { setImmediate } from 'node:timers/promises';
import { actorKey } from '../activity-kinds';
import { MINUTE_MS } from '../types';
import { repeatedGroupName, type RepeatedMode } from './evaluate';

/** The matching rows, oldest first, read by position (the store's scan cursor). */
export interface MatchRows {
  readonly length: number;
  moveTo(i: number): MatchRow;
}

/** A matching row: its time, actor and address, and the ids that stand for them (equal values, equal ids). */
export interface MatchRow {
  readonly at: number;
  readonly actor: string | null;
  readonly ip: string | null;
  readonly actorId: number;
  readonly ipId: number;
}

export interface WindowGroup {
  /** The actor's key (null for no actor). */
  user: string | null;
  /** The group's name (user, or user|ip), as the live judge names it. */
  name: string;
}

export interface RepeatedFindings {
  groups: WindowGroup[];
  /** Row → its group (index into `groups`). */
  groupOf: Int32Array;
  /** Rows bucketed by group, each group's rows in time order; a window is a run of it. */
  byGroup: Int32Array;
  /** Per finding: its row. */
  row: Int32Array;
  /** Per finding: where its window starts and ends (inclusive) in `byGroup`. */
  windowStart: Int32Array;
  windowEnd: Int32Array;
  /** Per finding: 1 when it continues its group's open burst (never limited), else 0. */
  continuing: Uint8Array;
  /** Per finding: the time of the first match of the window that opened its burst (its alert key). */
  keyAt: Float64Array;
  count: number;
}

/** Rows read between two turns of the event loop. */
const YIELD_EVERY = 200_000;

/** Grows a typed array to hold at least `n` entries. */
function ensure<T extends Int32Array | Uint8Array | Float64Array>(a: T, n: number, make: (n: number) => T): T {
  if (n <= a.length) return a;
  const b = make(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

/** Groups the rows as the live judge does: by actor key (and address), one group per distinct name. */
async function groupRows(
  rows: MatchRows,
  mode: RepeatedMode,
): Promise<{ groups: WindowGroup[]; groupOf: Int32Array; atOf: Float64Array }> {
  const groups: WindowGroup[] = [];
  const groupOf = new Int32Array(rows.length);
  const atOf = new Float64Array(rows.length);
  // Two keys can make one name (actors that differ in case, no address and an empty one): the
  // name decides, as it does for the live judge's windows. A row finds its group by the ids of its
  // actor and address (small integers, a few addresses per actor), its name made once per pair.
  const byName = new Map<string, number>();
  const byActor: (Map<number, number> | undefined)[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await setImmediate();
    const row = rows.moveTo(i);
    atOf[i] = row.at;
    const actorId = row.actorId;
    const ipId = mode.perIp ? row.ipId : 0;
    let byIp = byActor[actorId];
    if (!byIp) byActor[actorId] = byIp = new Map();
    let g = byIp.get(ipId);
    if (g === undefined) {
      const user = actorKey({ actor: row.actor });
      const name = repeatedGroupName(mode, user, mode.perIp ? row.ip : null);
      g = byName.get(name);
      if (g === undefined) {
        g = groups.length;
        groups.push({ user, name });
        byName.set(name, g);
      }
      byIp.set(ipId, g);
    }
    groupOf[i] = g;
  }
  return { groups, groupOf, atOf };
}

/** Counting sort of the rows by group: stable, so each group's rows stay in time order. */
function bucket(groupOf: Int32Array, groups: number): { byGroup: Int32Array; first: Int32Array } {
  const first = new Int32Array(groups + 1);
  for (let i = 0; i < groupOf.length; i++) first[groupOf[i] + 1]++;
  for (let g = 0; g < groups; g++) first[g + 1] += first[g];
  const next = first.slice(0, groups);
  const byGroup = new Int32Array(groupOf.length);
  for (let i = 0; i < groupOf.length; i++) byGroup[next[groupOf[i]]++] = i;
  return { byGroup, first };
}

/** Every finding of a repeated-activity policy over `rows` (all matching its filter), group by group. */
export async function findRepeated(rows: MatchRows, mode: RepeatedMode): Promise<RepeatedFindings> {
  const windowMs = mode.minutes * MINUTE_MS;
  const { groups, groupOf, atOf } = await groupRows(rows, mode);
  const { byGroup, first } = bucket(groupOf, groups.length);
  const times = new Float64Array(byGroup.length);
  for (let k = 0; k < byGroup.length; k++) times[k] = atOf[byGroup[k]];
  let row = new Int32Array(1024);
  let windowStart = new Int32Array(1024);
  let windowEnd = new Int32Array(1024);
  let continuing = new Uint8Array(1024);
  let keyAt = new Float64Array(1024);
  let count = 0;
  for (let g = 0; g < groups.length; g++) {
    let start = first[g];
    // The group's open burst: the time of its last finding and its key; none yet while lastAt is NaN.
    let lastAt = NaN;
    let openKeyAt = 0;
    for (let k = first[g]; k < first[g + 1]; k++) {
      const at = times[k];
      // The matches still inside the window: later than `at` minus the window, and this one.
      const since = at - windowMs;
      while (start < k && times[start] <= since) start++;
      if (k - start + 1 < mode.count) continue;
      const continues = at - lastAt <= windowMs;
      if (!continues) openKeyAt = times[start];
      lastAt = at;
      const n = count + 1;
      row = ensure(row, n, (m) => new Int32Array(m));
      windowStart = ensure(windowStart, n, (m) => new Int32Array(m));
      windowEnd = ensure(windowEnd, n, (m) => new Int32Array(m));
      continuing = ensure(continuing, n, (m) => new Uint8Array(m));
      keyAt = ensure(keyAt, n, (m) => new Float64Array(m));
      windowStart[count] = start;
      windowEnd[count] = k;
      continuing[count] = continues ? 1 : 0;
      keyAt[count] = openKeyAt;
      row[count] = byGroup[k];
      count = n;
    }
  }
  return { groups, groupOf, byGroup, row, windowStart, windowEnd, continuing, keyAt, count };
}
