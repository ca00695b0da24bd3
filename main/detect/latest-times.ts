// User → the time of their latest activity, that also answers "how many users were active after T"
// without walking every user. The organisation's share of a country (infrequent country, impossible
// travel) asked it of every active user on each call: 63 s of a 2 M-event rebuild went to that walk.
// The keys are kept in sets by the week of their time, so a count adds the sizes of the weeks after
// T and walks only T's own week — the users last seen about 30 days back, few in an organisation
// that works daily. A user's update within the same week (most of them: a day would be crossed by
// nearly every user's first sign-in of the day) costs no more than the Map's own set; a change of
// week moves the key between two sets.
import { DAY_MS } from './types';

/** Bucket width: wide enough that updates rarely change bucket, narrow beside the 30-day horizon. */
export const LATEST_BUCKET_MS = 7 * DAY_MS;

/**
 * A Map (every Map use still works: get, has, iteration, delete while iterating) whose set, delete
 * and clear also keep the day buckets, so `countAfter` is exact at any time asked, early or late.
 */
export class LatestTimes extends Map<string, number> {
  /** Bucket → the keys whose time falls in it. */
  private buckets = new Map<number, Set<string>>();

  constructor(
    entries?: Iterable<readonly [string, number]> | null,
    private readonly bucketMs = LATEST_BUCKET_MS,
  ) {
    // Map's constructor would call set() before the buckets exist: entries are added after it.
    super();
    if (entries) for (const [k, t] of entries) this.set(k, t);
  }

  private bucketOf(t: number): number {
    return Math.floor(t / this.bucketMs);
  }

  override set(key: string, t: number): this {
    this.put(key, super.get(key), t);
    return this;
  }

  /** Keeps the later of `t` and the key's time (learning: one lookup, not a get and a set). */
  note(key: string, t: number): void {
    const old = super.get(key);
    if (old === undefined || t > old) this.put(key, old, t);
  }

  override delete(key: string): boolean {
    const old = super.get(key);
    if (old === undefined) return false;
    this.unindex(key, this.bucketOf(old));
    return super.delete(key);
  }

  override clear(): void {
    super.clear();
    this.buckets.clear();
  }

  /** How many keys have a time later than `after`. */
  countAfter(after: number): number {
    const b0 = this.bucketOf(after);
    let n = 0;
    for (const [b, keys] of this.buckets) {
      if (b > b0) n += keys.size;
      else if (b === b0) for (const k of keys) if (super.get(k)! > after) n++;
    }
    return n;
  }

  private put(key: string, old: number | undefined, t: number): void {
    if (!Number.isFinite(t)) throw new Error(`not a time: ${String(t)}`);
    super.set(key, t);
    const b = this.bucketOf(t);
    if (old === undefined) this.index(key, b);
    else {
      const was = this.bucketOf(old);
      if (was !== b) {
        this.unindex(key, was);
        this.index(key, b);
      }
    }
  }

  private index(key: string, b: number): void {
    let keys = this.buckets.get(b);
    if (!keys) this.buckets.set(b, (keys = new Set()));
    keys.add(key);
  }

  private unindex(key: string, b: number): void {
    const keys = this.buckets.get(b)!;
    keys.delete(key);
    if (keys.size === 0) this.buckets.delete(b);
  }
}
