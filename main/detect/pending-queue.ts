// What the sync committed and detection has not evaluated yet. A first sync hands detection
// every activity it stores, newest page first, and detection judges them only once the sync is
// done. Reading them back from the store then cost more than judging them (each row's JSON, raw
// event included, parsed again: ~9 µs of ~28 µs per activity at 123 k events), so the newest
// are held here as slim copies — no raw event, repeated strings shared — up to a bound; what
// falls beyond it is kept as a time range only, which the flush reads back from the store.
//
// The invariant: every held activity is newer than the range. A spill moves the oldest held
// activities into the range, so the flush judges the range (read from the store, a day at a
// time) and then what is held, in time order either way.
import type { StoredActivity } from '../store/types';
import { byTime } from './history';
import { SlimCopier } from './slim-activity';

export interface TimeRange {
  since: number;
  until: number;
}

export interface TakenQueue {
  /** Read back from the store: everything committed in it that is newer than each user's last evaluated. */
  range: TimeRange | null;
  /** Held in memory, in time order, all newer than `range`. */
  items: StoredActivity[];
}

export class PendingQueue {
  private held: StoredActivity[] = [];
  private range: TimeRange | null = null;
  /** The slim copies (slim-activity.ts): no raw event, repeated strings shared. */
  private copier = new SlimCopier();
  /** Activities queued since the last take, held or moved into the range. */
  private added = 0;

  /** `max`: activities held at most; a spill keeps the newest half, so a long back-fill sorts rarely. */
  constructor(private readonly max: number) {}

  add(batch: readonly StoredActivity[]): void {
    this.added += batch.length;
    for (const a of batch) {
      const r = this.range;
      if (r && a.at <= r.until) {
        if (a.at < r.since) r.since = a.at;
        continue;
      }
      this.held.push(this.copier.copy(a));
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
    const ids = new Set(this.held.map((a) => a.id));
    const r = this.range;
    return (a) => ids.has(a.id) || (r !== null && a.at >= r.since && a.at <= r.until);
  }

  take(): TakenQueue {
    const taken = { range: this.range, items: this.held.sort(byTime) };
    this.held = [];
    this.range = null;
    this.added = 0;
    this.copier.clear();
    return taken;
  }

  /** Moves all but the newest `keep` held activities (and any at the instant of the newest moved) into the range. */
  private spill(keep: number): void {
    if (this.held.length === 0) return;
    this.held.sort(byTime);
    let cut = Math.max(0, this.held.length - keep);
    if (cut === 0) return;
    const until = this.held[cut - 1]!.at;
    while (cut < this.held.length && this.held[cut]!.at === until) cut++;
    const since = this.held[0]!.at;
    this.range = this.range ? { since: Math.min(this.range.since, since), until } : { since, until };
    this.held = this.held.slice(cut);
  }
}
