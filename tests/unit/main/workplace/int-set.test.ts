import { describe, expect, it } from 'vitest';
import { IntSet } from '../../../../main/workplace/int-set';

describe('IntSet: the paging guard’s set of id hashes', () => {
  it('agrees with a Set<number> over many adds and lookups, through every growth', () => {
    const set = new IntSet(4);
    const ref = new Set<number>();
    let x = 12345;
    for (let i = 0; i < 50_000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
      // Clustered keys too (consecutive, and differing only in high bits), which a plain mask would pile up.
      const key = i % 3 === 0 ? x : i % 3 === 1 ? i : (i << 16) & 0x7fffffff;
      set.add(key);
      ref.add(key);
      if (i % 7 === 0) expect(set.has((x * 31) & 0x7fffffff)).toBe(ref.has((x * 31) & 0x7fffffff));
    }
    expect(set.size).toBe(ref.size);
    for (const k of ref) expect(set.has(k)).toBe(true);
    expect(set.has(0x7fffffff)).toBe(ref.has(0x7fffffff));
  });

  it('counts a key added twice once, and refuses what is not a 31-bit key', () => {
    const set = new IntSet();
    set.add(0);
    set.add(0);
    set.add(0x7fffffff);
    expect(set.size).toBe(2);
    expect(set.has(0)).toBe(true);
    expect(set.has(1)).toBe(false);
    for (const bad of [-1, 0x80000000, 1.5, Number.NaN]) expect(() => set.add(bad)).toThrow(RangeError);
  });
});
