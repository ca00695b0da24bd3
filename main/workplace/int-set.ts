// A set of non-negative 31-bit integers in one Int32Array (open addressing, linear probing):
// what the paging guard remembers of every id a walk has seen. A JS Set<number> of a million
// entries spent ~1 ms a page of a thousand ids growing and probing (measured), and weighs
// several times as much; this is one flat array, grown by doubling at three-quarters load.

const EMPTY = -1;

export class IntSet {
  private table: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap * 3 < capacity * 4) cap *= 2;
    this.table = new Int32Array(cap).fill(EMPTY);
    this.mask = cap - 1;
  }

  /** The first probe for `key`: its bits mixed, so keys that differ only in high bits spread too. */
  private slot(key: number): number {
    return (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
  }

  has(key: number): boolean {
    const t = this.table;
    for (let i = this.slot(key); ; i = (i + 1) & this.mask) {
      const v = t[i]!;
      if (v === key) return true;
      if (v === EMPTY) return false;
    }
  }

  add(key: number): void {
    if (!Number.isInteger(key) || key < 0 || key > 0x7fffffff) throw new RangeError(`not a 31-bit key: ${key}`);
    const t = this.table;
    for (let i = this.slot(key); ; i = (i + 1) & this.mask) {
      const v = t[i]!;
      if (v === key) return;
      if (v === EMPTY) {
        t[i] = key;
        if (++this.size * 4 > t.length * 3) this.grow();
        return;
      }
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2).fill(EMPTY);
    this.mask = this.table.length - 1;
    this.size = 0;
    for (const v of old) if (v !== EMPTY) this.add(v);
  }
}
