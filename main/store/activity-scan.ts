// Index-only scan of the activity store, for judging a filter over the whole history at once (the
// replay of an activity policy). Each test is per column and asked once per distinct dictionary
// value — the answer cached in a mask — so a row is judged by its index entry alone (dictionary
// ids, flags, time) and millions of rows pass without reading a partition file. Only a row-level
// test, for what the index does not hold (the parsed device), reads the rows that reach it.
import { KIND, type Dictionary, type Kind } from './dictionary';
import { COLS, FLAG_ADMIN, FLAG_IMPERSONATED, FLAG_SHADOWED, type PartitionIndex } from './partition-index';
import { HOUR_MS } from './layout';
import type { RowRef } from './row-reader';
import type { StoredActivity } from './types';

/** An activity as the index holds it: the indexed fields, without raw event or enrichment. */
export interface IndexedActivity {
  id: string;
  at: number;
  type: string;
  event: string;
  actor: string | null;
  target: string | null;
  ip: string | null;
  country: string | null;
  city: string | null;
  userAgent: string | null;
  admin: boolean;
  impersonated: boolean;
}

/** A test of one column's value (null when the activity has none). */
export type ValueTest = (value: string | null) => boolean;

/** Every test given must pass; an absent test passes everything. */
export interface ColumnTests {
  /** Inclusive time bounds, epoch ms. */
  since?: number;
  until?: number;
  admin?: boolean;
  impersonated?: boolean;
  type?: ValueTest;
  event?: ValueTest;
  actor?: ValueTest;
  ip?: ValueTest;
  country?: ValueTest;
  userAgent?: ValueTest;
  at?: (at: number) => boolean;
  /** For what the index does not hold: asked of the stored activity, read only once every other test passed. */
  row?: (a: StoredActivity) => boolean;
}

export interface ColumnScan {
  /** Live rows inside the time bounds: what the scan judged. */
  readonly examined: number;
  /** Rows that passed every test. */
  readonly length: number;
  /**
   * One object moved along the passing rows — `moveTo(i)`: the i-th, oldest first, equal times by
   * id ascending — each field read from the index when asked: walking millions of rows allocates
   * nothing. Read (or copy) what you need before moving it on.
   */
  cursor(): ScanCursor;
}

/** One column's test with its answers cached by dictionary id: 0 not asked yet, 1 passes, 2 fails. */
class CachedTest {
  private readonly answers: Uint8Array;
  constructor(
    private readonly dict: Dictionary,
    private readonly kind: Kind,
    private readonly test: ValueTest,
  ) {
    this.answers = new Uint8Array(dict.size(kind));
  }

  passes(id: number): boolean {
    // Ids past the mask cannot occur (sidecars refer to entries that existed when written), but stay correct.
    if (id >= this.answers.length) return this.test(this.dict.lookup(this.kind, id));
    let answer = this.answers[id];
    if (answer === 0) {
      answer = this.test(this.dict.lookup(this.kind, id)) ? 1 : 2;
      this.answers[id] = answer;
    }
    return answer === 1;
  }
}

const cached = (dict: Dictionary, kind: Kind, test: ValueTest | undefined) =>
  test ? new CachedTest(dict, kind, test) : null;

/** Passing rows as (partition, row) pairs in typed arrays: millions of them stay a few MB. */
class RowList {
  part = new Int32Array(1024);
  row = new Int32Array(1024);
  length = 0;

  push(part: number, row: number): void {
    if (this.length === this.part.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.part = grow(this.part);
      this.row = grow(this.row);
    }
    this.part[this.length] = part;
    this.row[this.length] = row;
    this.length++;
  }
}

/**
 * Scans `partitions` (newest hour first, as the store keeps them) oldest first. Synchronous and
 * without side effects until it returns, so a read that finds a damaged partition can be retried
 * from the start once the store has quarantined it. `read` reads rows for the row-level test.
 */
export function scanColumns(
  dict: Dictionary,
  partitions: readonly { slot: number; index: PartitionIndex }[],
  tests: ColumnTests,
  read: (refs: RowRef[]) => StoredActivity[],
): ColumnScan {
  const since = tests.since ?? 0;
  const until = tests.until ?? Number.MAX_SAFE_INTEGER;
  const { admin, impersonated, at: atTest, row: rowTest } = tests;
  const type = cached(dict, KIND.type, tests.type);
  const event = cached(dict, KIND.event, tests.event);
  const actor = cached(dict, KIND.person, tests.actor);
  const ip = cached(dict, KIND.ip, tests.ip);
  const country = cached(dict, KIND.country, tests.country);
  const userAgent = cached(dict, KIND.ua, tests.userAgent);
  const used: PartitionIndex[] = [];
  const passed = new RowList();
  let examined = 0;
  for (let k = partitions.length - 1; k >= 0; k--) {
    const { slot, index: p } = partitions[k];
    if (p.hour + HOUR_MS <= since) continue;
    if (p.hour > until) break;
    const part = used.length;
    const first = passed.length;
    const { at, flags, cols } = p;
    // Rows are newest first within a partition: walking them backwards is time order.
    for (let r = p.n - 1; r >= 0; r--) {
      const t = at[r];
      if (t < since) continue;
      if (t > until) break;
      const fl = flags[r];
      if (fl & FLAG_SHADOWED) continue;
      examined++;
      if (admin !== undefined && ((fl & FLAG_ADMIN) !== 0) !== admin) continue;
      if (impersonated !== undefined && ((fl & FLAG_IMPERSONATED) !== 0) !== impersonated) continue;
      if (type && !type.passes(cols[COLS.type][r])) continue;
      if (event && !event.passes(cols[COLS.event][r])) continue;
      if (actor && !actor.passes(cols[COLS.actor][r])) continue;
      if (ip && !ip.passes(cols[COLS.ip][r])) continue;
      if (country && !country.passes(cols[COLS.country][r])) continue;
      if (userAgent && !userAgent.passes(cols[COLS.ua][r])) continue;
      if (atTest && !atTest(t)) continue;
      passed.push(part, r);
    }
    if (passed.length === first) continue;
    used.push(p);
    if (rowTest) keepRowsPassing(passed, first, slot, rowTest, read);
  }
  return {
    examined,
    get length() {
      return passed.length;
    },
    cursor: () => new ScanCursor(dict, used, passed),
  };
}

export class ScanCursor implements IndexedActivity {
  private p: PartitionIndex | null = null;
  private r = 0;

  constructor(
    private readonly dict: Dictionary,
    private readonly used: readonly PartitionIndex[],
    private readonly passed: RowList,
  ) {}

  moveTo(i: number): this {
    this.p = this.used[this.passed.part[i]];
    this.r = this.passed.row[i];
    return this;
  }

  private col(c: number): number {
    return this.p!.cols[c][this.r];
  }
  get id(): string {
    return this.p!.idAt(this.r);
  }
  get at(): number {
    return this.p!.at[this.r];
  }
  get type(): string {
    return this.dict.lookup(KIND.type, this.col(COLS.type)) ?? '';
  }
  get event(): string {
    return this.dict.lookup(KIND.event, this.col(COLS.event)) ?? '';
  }
  get actor(): string | null {
    return this.dict.lookup(KIND.person, this.col(COLS.actor));
  }
  /**
   * The actor's and the address's dictionary ids: one id per distinct value, so grouping millions
   * of rows (repeated-activity replay) compares small integers instead of hashing strings.
   */
  get actorId(): number {
    return this.col(COLS.actor);
  }
  get ipId(): number {
    return this.col(COLS.ip);
  }
  get target(): string | null {
    return this.dict.lookup(KIND.person, this.col(COLS.target));
  }
  get ip(): string | null {
    return this.dict.lookup(KIND.ip, this.col(COLS.ip));
  }
  get country(): string | null {
    return this.dict.lookup(KIND.country, this.col(COLS.country));
  }
  get city(): string | null {
    return this.dict.lookup(KIND.city, this.col(COLS.city));
  }
  get userAgent(): string | null {
    return this.dict.lookup(KIND.ua, this.col(COLS.ua));
  }
  get admin(): boolean {
    return (this.p!.flags[this.r] & FLAG_ADMIN) !== 0;
  }
  get impersonated(): boolean {
    return (this.p!.flags[this.r] & FLAG_IMPERSONATED) !== 0;
  }
}

/** Reads one partition's passing rows (from `first` on) and keeps those that pass the row test. */
function keepRowsPassing(
  passed: RowList,
  first: number,
  slot: number,
  test: (a: StoredActivity) => boolean,
  read: (refs: RowRef[]) => StoredActivity[],
): void {
  const refs: RowRef[] = [];
  for (let i = first; i < passed.length; i++) refs.push({ slot, row: passed.row[i] });
  const rows = read(refs);
  let kept = first;
  for (let i = 0; i < rows.length; i++) {
    if (!test(rows[i])) continue;
    passed.part[kept] = passed.part[first + i];
    passed.row[kept] = passed.row[first + i];
    kept++;
  }
  passed.length = kept;
}
