// Sorted, non-overlapping address ranges in typed arrays, searched by bisection: the one shape
// behind the ASN table, the threat/anonymity lists and the admin's ranges. A scan over
// hundreds of thousands of ranges per activity would dominate a sync; bisection is ~20 steps.
import { compareV6 } from './ip-address';

export interface RangeIndex {
  v4Start: Uint32Array;
  v4End: Uint32Array;
  /** Caller's value per range (e.g. an index into a payload table). */
  v4Value: Uint32Array;
  /** Four words per range. */
  v6Start: Uint32Array;
  v6End: Uint32Array;
  v6Value: Uint32Array;
}

export interface V4Input {
  start: number;
  end: number;
  value: number;
}
export interface V6Input {
  start: ArrayLike<number>;
  end: ArrayLike<number>;
  value: number;
}

/** Position of the last range starting at or before `x` (it may end before `x`), or -1. */
export function floorV4(index: RangeIndex, x: number): number {
  const starts = index.v4Start;
  let lo = 0;
  let hi = starts.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid] <= x) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return at;
}

/** Position of the range holding `x`, or -1. */
export function findV4(index: RangeIndex, x: number): number {
  const at = floorV4(index, x);
  return at >= 0 && x <= index.v4End[at] ? at : -1;
}

/** Position of the last range starting at or before the four-word address `w`, or -1. */
export function floorV6(index: RangeIndex, w: ArrayLike<number>): number {
  let lo = 0;
  let hi = index.v6Value.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (compareV6(index.v6Start, mid * 4, w, 0) <= 0) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return at;
}

/** Position of the range holding the four-word address `w`, or -1. */
export function findV6(index: RangeIndex, w: ArrayLike<number>): number {
  const at = floorV6(index, w);
  return at >= 0 && compareV6(w, 0, index.v6End, at * 4) <= 0 ? at : -1;
}

/**
 * Sorts and packs ranges. `merge` joins overlapping or adjacent ranges (membership lists: the
 * value of the first is kept); `clip` keeps the earlier range and trims or drops a later one
 * that overlaps it (data sources that should be disjoint but must not break bisection if not).
 */
export function buildRangeIndex(v4: V4Input[], v6: V6Input[], overlap: 'merge' | 'clip'): RangeIndex {
  // Sources are usually sorted already; checking is linear, sorting is not.
  const s4 = isSorted(v4, (a, b) => a.start - b.start)
    ? v4
    : [...v4].sort((a, b) => a.start - b.start || b.end - a.end);
  const o4: V4Input[] = [];
  for (const r of s4) {
    const last = o4[o4.length - 1];
    if (last && r.start <= last.end + (overlap === 'merge' ? 1 : 0)) {
      if (r.end <= last.end) continue;
      if (overlap === 'merge') last.end = r.end;
      else o4.push({ start: last.end + 1, end: r.end, value: r.value });
      continue;
    }
    o4.push({ ...r });
  }
  const s6 = isSorted(v6, (a, b) => compareV6(a.start, 0, b.start, 0))
    ? v6
    : [...v6].sort((a, b) => compareV6(a.start, 0, b.start, 0) || compareV6(b.end, 0, a.end, 0));
  const o6: { start: Uint32Array; end: Uint32Array; value: number }[] = [];
  for (const r of s6) {
    const last = o6[o6.length - 1];
    if (last && compareV6(r.start, 0, last.end, 0) <= 0) {
      if (compareV6(r.end, 0, last.end, 0) <= 0) continue;
      if (overlap === 'merge') last.end = Uint32Array.from(r.end);
      else o6.push({ start: nextV6(last.end), end: Uint32Array.from(r.end), value: r.value });
      continue;
    }
    o6.push({ start: Uint32Array.from(r.start), end: Uint32Array.from(r.end), value: r.value });
  }
  const index: RangeIndex = {
    v4Start: Uint32Array.from(o4, (r) => r.start),
    v4End: Uint32Array.from(o4, (r) => r.end),
    v4Value: Uint32Array.from(o4, (r) => r.value),
    v6Start: new Uint32Array(o6.length * 4),
    v6End: new Uint32Array(o6.length * 4),
    v6Value: Uint32Array.from(o6, (r) => r.value),
  };
  o6.forEach((r, i) => {
    index.v6Start.set(r.start, i * 4);
    index.v6End.set(r.end, i * 4);
  });
  return index;
}

function isSorted<T>(items: T[], cmp: (a: T, b: T) => number): boolean {
  for (let i = 1; i < items.length; i++) if (cmp(items[i - 1], items[i]) >= 0) return false;
  return true;
}

/** The address after `w` (callers only pass one below the maximum). */
function nextV6(w: Uint32Array): Uint32Array {
  const out = Uint32Array.from(w);
  for (let k = 3; k >= 0; k--) {
    out[k] = (out[k] + 1) >>> 0;
    if (out[k] !== 0) break;
  }
  return out;
}

export function rangeCount(index: RangeIndex): number {
  return index.v4Value.length + index.v6Value.length;
}
