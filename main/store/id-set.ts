// The de-duplication set over every stored activity id, and the id → (partition, row) map that
// get() uses. Ids are strings (numeric strings, uuids…); a JS Set<string> of 2 M of them costs
// ~150 MB of object overhead, so this is an open-addressing table in one Uint32Array, keyed by a
// 32-bit hash, each entry [hash, slot, row] side by side so a probe touches one cache line.
// The id text itself lives once, in the partition index; a hash match is confirmed against it,
// so the set is exact, not probabilistic.

const EMPTY = 0xffffffff;
const DELETED = 0xfffffffe;
const W = 3; // words per entry: hash, slot, row

/** FNV-1a over UTF-16 code units: fast, and stored in sidecars so open does not re-hash. */
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export type IdResolver = (slot: number, row: number) => string;

export class IdSet {
  private table: Uint32Array;
  private cap: number;
  private used = 0; // live + deleted: what limits probing
  size = 0;

  constructor(
    private readonly idAt: IdResolver,
    capacity = 1024,
  ) {
    this.cap = IdSet.capacityFor(capacity);
    this.table = IdSet.alloc(this.cap);
  }

  /**
   * Power of two keeping the load factor at most three quarters. Linear probing stays short at
   * that load (entries side by side, ~8 probes for a miss at worst), and the table is half the
   * size a one-half bound needs: 48 MB instead of 96 MB for the ids of a 2.3 M-event store.
   */
  private static capacityFor(entries: number): number {
    let cap = 1024;
    while (IdSet.overLoaded(entries, cap)) cap *= 2;
    return cap;
  }

  private static overLoaded(entries: number, cap: number): boolean {
    return entries * 4 > cap * 3;
  }

  private static alloc(cap: number): Uint32Array {
    const t = new Uint32Array(cap * W);
    for (let i = 1; i < t.length; i += W) t[i] = EMPTY;
    return t;
  }

  /** Entries the table has room for (a power of two): what its memory is, 12 bytes each. */
  get capacity(): number {
    return this.cap;
  }

  /** Entry index of the id, or -1. */
  private find(id: string, h: number): number {
    const t = this.table;
    const mask = this.cap - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const o = i * W;
      const s = t[o + 1];
      if (s === EMPTY) return -1;
      if (s !== DELETED && t[o] === h && this.idAt(s, t[o + 2]) === id) return i;
    }
  }

  get(id: string, h = hashId(id)): { slot: number; row: number } | null {
    const i = this.find(id, h);
    return i < 0 ? null : { slot: this.table[i * W + 1], row: this.table[i * W + 2] };
  }

  has(id: string, h = hashId(id)): boolean {
    return this.find(id, h) >= 0;
  }

  /** Adds an id at (slot, row); false (and nothing changed) if it is already present. */
  addIfAbsent(id: string, h: number, slot: number, row: number): boolean {
    if (this.find(id, h) >= 0) return false;
    if (IdSet.overLoaded(this.used + 1, this.cap)) {
      // Doubled when the live entries fill more than half; otherwise tombstones filled it and
      // rewriting at the same size clears them (doubling then would only waste memory).
      const live = this.size + 1;
      this.rehash(Math.max(IdSet.capacityFor(live), live * 2 > this.cap ? this.cap * 2 : this.cap));
    }
    this.insertNew(h, slot, row);
    this.size++;
    return true;
  }

  /** Table position of an id (or -1), so a partition rewrite can move its rows without re-probing by text. */
  locate(id: string, h = hashId(id)): number {
    return this.find(id, h);
  }
  /** Table position of the entry pointing at (slot, row) for an id hashing to `h`, or -1: no id text needed. */
  locateRow(h: number, slot: number, row: number): number {
    const t = this.table;
    const mask = this.cap - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const o = i * W;
      const s = t[o + 1];
      if (s === EMPTY) return -1;
      if (s === slot && t[o] === h && t[o + 2] === row) return i;
    }
  }
  slotAt(pos: number): number {
    return this.table[pos * W + 1];
  }
  rowAt(pos: number): number {
    return this.table[pos * W + 2];
  }
  moveTo(pos: number, slot: number, row: number): void {
    this.table[pos * W + 1] = slot;
    this.table[pos * W + 2] = row;
  }

  private insertNew(h: number, slot: number, row: number): void {
    const t = this.table;
    const mask = this.cap - 1;
    let i = h & mask;
    while (t[i * W + 1] < DELETED) i = (i + 1) & mask;
    if (t[i * W + 1] === EMPTY) this.used++;
    t[i * W] = h;
    t[i * W + 1] = slot;
    t[i * W + 2] = row;
  }

  delete(id: string, h = hashId(id)): boolean {
    const i = this.find(id, h);
    if (i < 0) return false;
    this.table[i * W + 1] = DELETED;
    this.size--;
    return true;
  }

  /** Sizes the table for `extra` more ids at once (bulk load at open: one allocation, no rehash chain). */
  reserve(extra: number): void {
    const cap = IdSet.capacityFor(this.size + extra);
    if (cap > this.cap || IdSet.overLoaded(this.used + extra, this.cap)) this.rehash(Math.max(cap, this.cap));
  }

  private rehash(cap: number): void {
    const old = this.table;
    this.cap = cap;
    this.table = IdSet.alloc(cap);
    this.used = 0;
    // Tombstones are dropped here.
    for (let o = 0; o < old.length; o += W) if (old[o + 1] < DELETED) this.insertNew(old[o], old[o + 1], old[o + 2]);
  }

  /** Bytes held, for the bench. */
  bytes(): number {
    return this.table.byteLength;
  }
}
