// Queued activities held as columns: numbers in typed arrays, every repeated string, tag list,
// device, details and place as an index into one table of distinct values, and the id and summary
// (unique to each activity, or nearly) as strings. About 90 bytes an activity where a slim copy
// object weighed ~260 (measured on the demo's activities), so the pending queue holds a whole
// first sync of 600 k events in ~55 MB instead of reading most of it back from the store (each
// row's JSON, raw event included, parsed again: ~17 µs an event, half of detection's cost per
// event at 618 k events).
//
// Rows become activities again a day at a time, as the flush judges them, in the one object shape
// SlimCopier makes (slim-activity.ts), so the engine's compiled code sees a single shape.
import type { ActivityDevice, StoredActivity } from '../store/types';

/** Distinct values by index; 0 is null. Shared by the columns a queue splits into (a spill). */
export class ValueTable {
  readonly values: unknown[] = [null];
  private strings = new Map<string, number>();
  /** Places, devices, details and tag lists by their parts, one Map level a part: no text made to look one up. */
  private tries = new Map<unknown, Trie>();

  str(v: string | null | undefined): number {
    if (v === null || v === undefined) return 0;
    let i = this.strings.get(v);
    if (i === undefined) {
      i = this.values.push(v) - 1;
      this.strings.set(v, i);
    }
    return i;
  }

  /**
   * The index of the value whose parts are `parts` (made by `make` the first time). A sequence's
   * node is its own whatever follows it, so lists of different lengths never share a value.
   */
  byParts(kind: string, parts: readonly unknown[], make: () => unknown): number {
    let node: Trie | undefined = this.tries.get(kind);
    if (!node) this.tries.set(kind, (node = { next: new Map(), index: -1 }));
    for (const p of parts) {
      let child: Trie | undefined = node.next.get(p);
      if (!child) node.next.set(p, (child = { next: new Map(), index: -1 }));
      node = child;
    }
    if (node.index < 0) node.index = this.values.push(make()) - 1;
    return node.index;
  }

  place(lat: number | null, lon: number | null, radiusKm: number | null): number {
    return this.byParts('place', [lat, lon, radiusKm], () => [lat, lon, radiusKm] satisfies Place);
  }

  device(d: ActivityDevice): number {
    return this.byParts('device', [d.browser, d.os, d.type, d.app], () => d);
  }

  details(x: Record<string, string>): number {
    const parts: string[] = [];
    for (const k in x) parts.push(k, x[k]!);
    return this.byParts('details', parts, () => x);
  }

  tags(tags: string[]): number {
    return this.byParts('tags', tags, () => tags);
  }
}

// Column of each referenced field in a row's refs.
const TYPE = 0;
const EVENT = 1;
const ACTOR = 2;
const TARGET = 3;
const IP = 4;
const COUNTRY = 5;
const CITY = 6;
const USER_AGENT = 7;
const AS_ORG = 8;
const IP_TAGS = 9;
const DEVICE = 10;
const DETAILS = 11;
/** Latitude, longitude and radius together: an enriched address's place, shared by its activities. */
const PLACE = 12;
const REFS = 13;

const ADMIN = 1;
const IMPERSONATED = 2;

const NO_TAGS: string[] = [];

type Place = [lat: number | null, lon: number | null, radiusKm: number | null];

interface Trie {
  next: Map<unknown, Trie>;
  index: number;
}

/** null as NaN: no stored number is NaN (JSON has none). */
const num = (v: number | null | undefined) => (v === null || v === undefined ? Number.NaN : v);
const orNull = (v: number) => (Number.isNaN(v) ? null : v);

export class CompactActivities {
  length = 0;
  private ids: string[] = [];
  /** Nearly unique per event, like the id: interning would only fill the table (slim-activity.ts). */
  private summaries: (string | null)[] = [];
  private at: Float64Array;
  private asn: Float64Array;
  private refs: Int32Array;
  private flags: Uint8Array;

  /**
   * `maxCapacity`: the most rows ever held (the queue's bound and one), so the last growth does not
   * reserve half as much again; pushing beyond it still works.
   */
  constructor(
    readonly table = new ValueTable(),
    capacity = 1024,
    private readonly maxCapacity = Infinity,
  ) {
    this.at = new Float64Array(capacity);
    this.asn = new Float64Array(capacity);
    this.refs = new Int32Array(capacity * REFS);
    this.flags = new Uint8Array(capacity);
  }

  push(a: StoredActivity): void {
    if (this.length === this.at.length) {
      const wanted = Math.ceil(this.length * 1.5) + 16;
      this.grow(this.length < this.maxCapacity ? Math.min(wanted, this.maxCapacity) : wanted);
    }
    const i = this.length++;
    const t = this.table;
    this.ids.push(a.id);
    this.summaries.push(a.summary ?? null);
    this.at[i] = a.at;
    this.asn[i] = num(a.asn);
    const r = i * REFS;
    const refs = this.refs;
    refs[r + TYPE] = t.str(a.type);
    refs[r + EVENT] = t.str(a.event);
    refs[r + ACTOR] = t.str(a.actor);
    refs[r + TARGET] = t.str(a.target);
    refs[r + IP] = t.str(a.ip);
    refs[r + COUNTRY] = t.str(a.country);
    refs[r + CITY] = t.str(a.city);
    refs[r + USER_AGENT] = t.str(a.userAgent);
    refs[r + AS_ORG] = t.str(a.asOrg);
    refs[r + IP_TAGS] = t.tags(a.ipTags ?? NO_TAGS);
    refs[r + DEVICE] = a.device ? t.device(a.device) : 0;
    refs[r + DETAILS] = a.details ? t.details(a.details) : 0;
    refs[r + PLACE] = t.place(a.lat ?? null, a.lon ?? null, a.radiusKm ?? null);
    this.flags[i] = (a.admin ? ADMIN : 0) | (a.impersonated ? IMPERSONATED : 0);
  }

  atOf(i: number): number {
    return this.at[i]!;
  }

  idOf(i: number): string {
    return this.ids[i]!;
  }

  /** Every id held (detection's rebuild leaves these to the flush). */
  idList(): readonly string[] {
    return this.ids;
  }

  /** Row `i` as an activity: the slim copy's fields, in its order (one shape for the engine). */
  get(i: number): StoredActivity {
    const v = this.table.values;
    const r = i * REFS;
    const refs = this.refs;
    const flags = this.flags[i]!;
    const place = v[refs[r + PLACE]!] as Place;
    return {
      id: this.ids[i]!,
      at: this.at[i]!,
      type: v[refs[r + TYPE]!] as string,
      event: v[refs[r + EVENT]!] as string,
      actor: v[refs[r + ACTOR]!] as string | null,
      target: v[refs[r + TARGET]!] as string | null,
      ip: v[refs[r + IP]!] as string | null,
      country: v[refs[r + COUNTRY]!] as string | null,
      city: v[refs[r + CITY]!] as string | null,
      lat: place[0],
      lon: place[1],
      radiusKm: place[2],
      admin: (flags & ADMIN) !== 0,
      impersonated: (flags & IMPERSONATED) !== 0,
      userAgent: v[refs[r + USER_AGENT]!] as string | null,
      summary: this.summaries[i]!,
      asn: orNull(this.asn[i]!),
      asOrg: v[refs[r + AS_ORG]!] as string | null,
      ipTags: v[refs[r + IP_TAGS]!] as string[],
      device: v[refs[r + DEVICE]!] as ActivityDevice | null,
      details: v[refs[r + DETAILS]!] as Record<string, string> | null,
      raw: null,
    };
  }

  /** Row numbers in time order (ties by id, as history.ts's byTime). */
  timeOrder(): Uint32Array {
    const order = new Uint32Array(this.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    const at = this.at;
    const ids = this.ids;
    return order.sort((x, y) => at[x]! - at[y]! || (ids[x]! < ids[y]! ? -1 : ids[x]! > ids[y]! ? 1 : 0));
  }

  /** The rows `rows`, in that order, as columns of their own (sharing the value table). */
  pick(rows: ArrayLike<number>): CompactActivities {
    const out = new CompactActivities(this.table, Math.max(rows.length, 16), this.maxCapacity);
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k]!;
      out.ids.push(this.ids[i]!);
      out.summaries.push(this.summaries[i]!);
      out.at[k] = this.at[i]!;
      out.asn[k] = this.asn[i]!;
      out.flags[k] = this.flags[i]!;
      out.refs.set(this.refs.subarray(i * REFS, i * REFS + REFS), k * REFS);
    }
    out.length = rows.length;
    return out;
  }

  private grow(capacity: number): void {
    const widen = <T extends Float64Array | Int32Array | Uint8Array>(a: T, n: number): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.at = widen(this.at, capacity);
    this.asn = widen(this.asn, capacity);
    this.refs = widen(this.refs, capacity * REFS);
    this.flags = widen(this.flags, capacity);
  }
}
