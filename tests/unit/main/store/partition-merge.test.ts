// The byte-range merge on its own: no store, no files. Every result is checked against what it
// must be — a lowdb-readable partition whose index points at exactly the right bytes.
import { describe, expect, it } from 'vitest';
import { internRows, mergeBuffers, mergeHour, type MergedHour } from '../../../../main/store/partition-merge';
import {
  COLS,
  FLAG_SHADOWED,
  compareRows,
  decodeIndex,
  encodeColumns,
  summaryText,
  type PartitionIndex,
} from '../../../../main/store/partition-index';
import { KIND, type Kind } from '../../../../main/store/dictionary';
import type { StoredActivity } from '../../../../main/store/types';
import fs from 'node:fs';
import { openStore } from '../../../../main/store/index';
import { HOUR, T0, act, partitionFile, tempDir } from './fixtures';

/** A stand-in dictionary: the merge only needs ids, and these are stable within one test. */
function interner() {
  const maps = new Map<Kind, Map<string, number>>();
  return (kind: Kind, value: string | null | undefined): number => {
    if (value === null || value === undefined) return 0;
    const m = maps.get(kind) ?? maps.set(kind, new Map()).get(kind)!;
    return m.get(value) ?? m.set(value, m.size + 1).get(value)!;
  };
}

interface Built {
  merged: MergedHour;
  bytes: Buffer;
  index: PartitionIndex;
}

function merge(
  hour: number,
  prev: Built | null,
  incoming: StoredActivity[],
  intern = interner(),
  gen = 'abcdef0123456789',
): Built {
  const merged = mergeHour(
    {
      hour,
      gen,
      old: prev?.index ?? null,
      oldBytes: prev?.bytes ?? null,
      incoming,
      interned: internRows(intern, incoming),
    },
    mergeBuffers(), // fresh buffers: each result stays valid while the next one is built
  );
  const bytes = Buffer.from(merged.bytes);
  const sidecar = encodeColumns({ hour, gen, size: bytes.length, dictEntries: 0 }, merged.columns);
  return { merged, bytes, index: decodeIndex(sidecar) };
}

/** Everything a partition and its index must agree on; returns the ids in file order. */
function checkConsistent(b: Built, hour: number): string[] {
  const doc = JSON.parse(b.bytes.toString('utf8')) as { hour: string; gen: string; activities: StoredActivity[] };
  expect(doc.hour).toBe(new Date(hour).toISOString().slice(0, 13));
  const p = b.index;
  expect(p.n).toBe(doc.activities.length);
  for (let r = 0; r < p.n; r++) {
    const line = JSON.parse(b.bytes.toString('utf8', p.start[r], p.end[r])) as StoredActivity;
    expect(line).toEqual(doc.activities[r]);
    expect(p.idAt(r)).toBe(line.id);
    expect(p.at[r]).toBe(line.at);
    expect(p.textAt(r)).toBe(summaryText(line.summary));
    if (r > 0) expect(compareRows(p.at[r - 1], p.idAt(r - 1), p.at[r], p.idAt(r))).toBeLessThan(0);
  }
  return doc.activities.map((a) => a.id);
}

describe('partition merge', () => {
  it('an empty partition is a valid document with no rows, and merging nothing into it changes nothing', () => {
    const empty = merge(T0, null, []);
    expect(checkConsistent(empty, T0)).toEqual([]);
    expect(empty.merged.origin).toHaveLength(0);
    const again = merge(T0, empty, []);
    expect(again.bytes.equals(empty.bytes)).toBe(true);
    const filled = merge(T0, empty, [act({ id: 'a', at: T0 + 5 })]);
    expect(checkConsistent(filled, T0)).toEqual(['a']);
  });

  it('a batch that adds nothing (all already stored: the caller passes none) copies the old bytes', () => {
    const intern = interner();
    const first = merge(T0, null, [act({ id: 'a', at: T0 + 1 }), act({ id: 'b', at: T0 + 2 })], intern);
    const same = merge(T0, first, [], intern);
    expect(same.bytes.equals(first.bytes)).toBe(true);
    expect([...same.merged.origin]).toEqual([0, 1]);
    expect(checkConsistent(same, T0)).toEqual(['b', 'a']);
  });

  it('out-of-order incoming rows are sorted newest first and interleaved with the old ones', () => {
    const intern = interner();
    const old = merge(
      T0,
      null,
      [T0 + 10, T0 + 30, T0 + 50].map((at, i) => act({ id: `o${i}`, at })),
      intern,
    );
    const incoming = [T0 + 40, T0 + 0, T0 + 60, T0 + 20, T0 + 30].map((at, i) => act({ id: `n${i}`, at }));
    const merged = merge(T0, old, incoming, intern);
    // Equal times order by id descending: o1 (T0+30) before n4 (T0+30).
    expect(checkConsistent(merged, T0)).toEqual(['n2', 'o2', 'n0', 'o1', 'n4', 'n3', 'o0', 'n1']);
    // Old rows keep where they came from (old row 0 is o2, the newest); new rows are marked -1.
    expect([...merged.merged.origin]).toEqual([-1, 0, -1, 1, -1, -1, 2, -1]);
    // The columns of copied rows are the old ones, of new rows the interned ones.
    const actor = merged.index.cols[COLS.actor];
    expect(actor[1]).toBe(old.index.cols[COLS.actor][0]);
    expect(actor[0]).toBe(intern(KIND.person, incoming[2].actor));
  });

  it('rows with odd text survive the byte copy: multi-byte summaries, quotes, line breaks', () => {
    const intern = interner();
    const odd = ['Zoë logged in from Zürich 東京', 'said "hi"\nthen\tleft', null, ''];
    const old = merge(
      T0,
      null,
      odd.map((summary, i) => act({ id: `x${i}`, at: T0 + i * 10, summary })),
      intern,
    );
    const next = merge(T0, old, [act({ id: 'y', at: T0 + 15, summary: 'ÄÖÜ' })], intern);
    expect(checkConsistent(next, T0)).toEqual(['x3', 'x2', 'y', 'x1', 'x0']);
  });

  it('many merges in a row into one hour stay consistent (runs of old rows copied as one range)', () => {
    const intern = interner();
    let b = merge(T0, null, [], intern);
    const all: string[] = [];
    for (let round = 0; round < 30; round++) {
      const batch = Array.from({ length: 7 }, (_, i) =>
        act({ id: `r${round}-${i}`, at: T0 + (((round * 7 + i) * 7919) % HOUR) }),
      );
      all.push(...batch.map((a) => a.id));
      b = merge(T0, b, batch, intern);
    }
    const ids = checkConsistent(b, T0);
    expect(new Set(ids)).toEqual(new Set(all));
  });

  it('a shadowed old row (its id held by another partition) keeps its line and its flag in memory only', () => {
    const intern = interner();
    const old = merge(T0, null, [act({ id: 'a', at: T0 + 1 }), act({ id: 'dup', at: T0 + 2 })], intern);
    old.index.flags[0] |= FLAG_SHADOWED; // row 0 is 'dup' (newest first)
    const next = merge(T0, old, [act({ id: 'c', at: T0 + 3 })], intern);
    expect(checkConsistent(next, T0)).toEqual(['c', 'dup', 'a']);
    expect(next.merged.columns.flags[1] & FLAG_SHADOWED).toBe(FLAG_SHADOWED); // carried for the store to re-apply
    expect(next.index.flags[1] & FLAG_SHADOWED).toBe(0); // never written to the sidecar
    expect(next.merged.origin[1]).toBe(0);
  });

  it('interns in arrival order, whatever order the rows sort into', () => {
    const seen: string[] = [];
    const intern = (kind: Kind, v: string | null | undefined) => (kind === KIND.type && v ? seen.push(v) : 0);
    internRows(intern, [act({ at: T0 + 5, type: 'late' }), act({ at: T0 + 9, type: 'early' })]);
    expect(seen).toEqual(['late', 'early']);
  });
});

describe('partition merge through the store', () => {
  it('a batch spanning many hours puts each activity in its own hour, each a valid document', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    // 5 per hour over 72 hours, in reverse time order.
    const batch = Array.from({ length: 360 }, (_, i) => act({ id: `h${i}`, at: T0 + (359 - i) * (HOUR / 5) }));
    expect((await store.activities.append(batch)).added).toBe(360);
    for (let h = 0; h < 72; h++) {
      const doc = JSON.parse(fs.readFileSync(partitionFile(dir, T0 + h * HOUR), 'utf8')) as {
        activities: StoredActivity[];
      };
      expect(doc.activities).toHaveLength(5);
      for (const a of doc.activities) expect(Math.floor((a.at - T0) / HOUR)).toBe(h);
    }
    expect(store.activities.count()).toBe(360);
    await store.close();
  });

  it('an all-duplicate batch rewrites nothing', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const batch = [act({ id: 'd1', at: T0 + 1 }), act({ id: 'd2', at: T0 + 2 * HOUR })];
    await store.activities.append(batch);
    const before = [T0, T0 + 2 * HOUR].map((at) => fs.readFileSync(partitionFile(dir, at)));
    const r = await store.activities.append(batch.map((a) => ({ ...a })));
    expect(r).toEqual({ added: 0, duplicates: 2, addedActivities: [] });
    const after = [T0, T0 + 2 * HOUR].map((at) => fs.readFileSync(partitionFile(dir, at)));
    expect(after.map((b, i) => b.equals(before[i]))).toEqual([true, true]); // same generation: not rewritten
    await store.close();
  });
});
