// What the sync committed and detection has not evaluated yet. A first sync hands detection
// every activity it stores, newest page first, and detection judges them only once the sync is
// done. Reading them back from the store then cost more than judging them (each row's JSON, raw
// event included, parsed again: ~9 µs of ~28 µs per activity at 123 k events), so the newest
// are held here as columns (compact-activities.ts: no raw event, repeated values shared) up to a
// bound; what falls beyond it is kept as a time range only, which the flush reads back from the store.
//
// The invariant: every held activity is newer than the range. A spill moves the oldest held
// activities into the range, so the flush judges the range (read from the store, a day at a
// time) and then what is held, in time order either way.
import type { StoredActivity } from '../store/types';
import { CompactActivities } from './compact-activities';
import { DAY_MS } from './types';

export interface TimeRange {
  since: number;
  until: number;
}

/** What was held, in time order: judged a day at a time, each day's activities made as it comes. */
export interface HeldActivities {
  readonly length: number;
  /** Each UTC day's activities, oldest day first, each in time order. */
  days(): Generator<StoredActivity[]>;
}

export interface TakenQueue {
  /** Read back from the store: everything committed in it that is newer than each user's last evaluated. */
  range: TimeRange | null;
  /** Held in memory, in time order, all newer than `range`. */
  held: HeldActivities;
}

export class PendingQueue {
  /** The held activities as columns (compact-activities.ts): ~90 bytes each, no raw event. */
  private held: CompactActivities;
  private range: TimeRange | null = null;
  /** Activities queued since the last take, held or moved into the range. */
  private added = 0;

  /** `max`: activities held at most; a spill keeps the newest half, so a long back-fill sorts rarely. */
  constructor(private readonly max: number) {
    this.held = this.empty();
  }

  private empty(): CompactActivities {
    return new CompactActivities(undefined, 1024, this.max + 1);
  }

  add(batch: readonly StoredActivity[]): void {
    this.added += batch.length;
    for (const a of batch) {
      const r = this.range;
      if (r && a.at <= r.until) {
        if (a.at < r.since) r.since = a.at;
        continue;
      }
      this.held.push(a);
    }
    if (this.held.length > this.max) this.spill(Math.floor(this.max / 2));
  }

  /** Held activities plus whether a range waits in the store. */
  get size(): number {
    return this.held.length + (this.range ? 1 : 0);
  }

  /** Activities queued since the last take (those of a range recovered after a crash not counted). */
  get count(): number {
    return this.added;
  }

  /** Everything in `r` is read back from the store (a range recovered after a crash covers what is held too). */
  readFromStore(r: TimeRange): void {
    this.spill(0);
    this.range = this.range
      ? { since: Math.min(this.range.since, r.since), until: Math.max(this.range.until, r.until) }
      : { ...r };
  }

  /** Whether `a` is queued (held, or inside the range): a rebuild leaves those to the flush. */
  queuedTest(): (a: StoredActivity) => boolean {
    const ids = new Set(this.held.idList());
    const r = this.range;
    return (a) => ids.has(a.id) || (r !== null && a.at >= r.since && a.at <= r.until);
  }

  take(): TakenQueue {
    const held = this.held;
    const order = held.timeOrder();
    const taken = { range: this.range, held: { length: held.length, days: () => daysOf(held, order) } };
    this.held = this.empty();
    this.range = null;
    this.added = 0;
    return taken;
  }

  /** Moves all but the newest `keep` held activities (and any at the instant of the newest moved) into the range. */
  private spill(keep: number): void {
    const held = this.held;
    if (held.length === 0) return;
    const order = held.timeOrder();
    let cut = Math.max(0, order.length - keep);
    if (cut === 0) return;
    const until = held.atOf(order[cut - 1]!);
    while (cut < order.length && held.atOf(order[cut]!) === until) cut++;
    const since = held.atOf(order[0]!);
    this.range = this.range ? { since: Math.min(this.range.since, since), until } : { since, until };
    // Kept in time order: the next sort starts from a sorted run.
    this.held = held.pick(order.subarray(cut));
  }
}

function* daysOf(held: CompactActivities, order: Uint32Array): Generator<StoredActivity[]> {
  for (let from = 0; from < order.length;) {
    const dayEnd = (Math.floor(held.atOf(order[from]!) / DAY_MS) + 1) * DAY_MS;
    const day: StoredActivity[] = [];
    let to = from;
    for (; to < order.length && held.atOf(order[to]!) < dayEnd; to++) day.push(held.get(order[to]!));
    yield day;
    from = to;
  }
}
