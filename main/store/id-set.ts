// The de-duplication set over every stored activity id, and the id → (partition, row) map that
// get() uses. Ids are strings (numeric strings, uuids…); a JS Set<string> of 2 M of them costs
// ~150 MB of object overhead, so this is an open-addressing table of typed arrays keyed by a
// 32-bit hash. The id text itself lives once, in the partition index; a hash match is confirmed
// against it, so the set is exact, not probabilistic.

const EMPTY = -1;
const DELETED = -2;

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
  private hashes: Uint32Array;
  private slots: Int32Array;
  private rows: Uint32Array;
  private used = 0; // live + deleted: what limits probing
  size = 0;

  constructor(
    private readonly idAt: IdResolver,
    capacity = 1024,
  ) {
    let cap = 1024;
    while (cap < capacity * 2) cap *= 2;
    this.hashes = new Uint32Array(cap);
    this.slots = new Int32Array(cap).fill(EMPTY);
    this.rows = new Uint32Array(cap);
  }

  private find(id: string, h: number): number {
    const mask = this.hashes.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const s = this.slots[i];
      if (s === EMPTY) return -1;
      if (s >= 0 && this.hashes[i] === h && this.idAt(s, this.rows[i]) === id) return i;
    }
  }

  get(id: string, h = hashId(id)): { slot: number; row: number } | null {
    const i = this.find(id, h);
    return i < 0 ? null : { slot: this.slots[i], row: this.rows[i] };
  }

  has(id: string, h = hashId(id)): boolean {
    return this.find(id, h) >= 0;
  }

  /** Inserts or moves an id. Returns false if it was already present (location updated). */
  set(id: string, h: number, slot: number, row: number): boolean {
    const existing = this.find(id, h);
    if (existing >= 0) {
      this.slots[existing] = slot;
      this.rows[existing] = row;
      return false;
    }
    if ((this.used + 1) * 2 > this.hashes.length) this.grow();
    this.insertNew(h, slot, row);
    this.size++;
    return true;
  }

  /** Inserts an id known to be absent (bulk load at open, where the caller checked). */
  private insertNew(h: number, slot: number, row: number): void {
    const mask = this.hashes.length - 1;
    let i = h & mask;
    while (this.slots[i] >= 0) i = (i + 1) & mask;
    if (this.slots[i] === EMPTY) this.used++;
    this.hashes[i] = h;
    this.slots[i] = slot;
    this.rows[i] = row;
  }

  delete(id: string, h = hashId(id)): boolean {
    const i = this.find(id, h);
    if (i < 0) return false;
    this.slots[i] = DELETED;
    this.size--;
    return true;
  }

  reserve(extra: number): void {
    while ((this.used + extra) * 2 > this.hashes.length) this.grow();
  }

  private grow(): void {
    const { hashes, slots, rows } = this;
    let cap = hashes.length * 2;
    // Tombstones are dropped on rehash, so size (not used) decides the new capacity.
    while (cap < (this.size + 1) * 4 && cap < 2 ** 30) cap *= 2;
    this.hashes = new Uint32Array(cap);
    this.slots = new Int32Array(cap).fill(EMPTY);
    this.rows = new Uint32Array(cap);
    this.used = 0;
    for (let i = 0; i < hashes.length; i++) if (slots[i] >= 0) this.insertNew(hashes[i], slots[i], rows[i]);
  }

  /** Approximate bytes held, for the bench. */
  bytes(): number {
    return this.hashes.byteLength + this.slots.byteLength + this.rows.byteLength;
  }
}
