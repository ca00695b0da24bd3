// Counts over a time window alone add up each whole hour's kept totals instead of walking its
// rows: they must equal a brute-force count of the stored activities, for windows that cut hours
// in two, and again after appends rewrite some hours and add others.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../main/store/index';
import type { StoredActivity } from '../../../../main/store/types';
import { rng } from '../../../bench/store';
import { HOUR, T0, act, tempDir } from './fixtures';

const TYPES = ['login.success', 'login.failure', 'logout', 'file.download'];

function activities(rand: () => number, from: number, n: number, start: number): StoredActivity[] {
  return Array.from({ length: n }, (_, i) =>
    act({
      id: `h-${start + i}`,
      at: from + Math.floor(rand() * 30 * HOUR),
      type: TYPES[Math.floor(rand() * 4)],
      admin: rand() < 0.2,
    }),
  );
}

/** The filters whole hours' totals answer: a window alone, with types, or with the admin flag. */
const FILTERS: { types?: string[]; admin?: boolean }[] = [
  {},
  { types: ['login'] },
  { types: ['logout', 'file.download'] },
  { admin: true },
  { admin: false },
  { types: ['login'], admin: true }, // both: walked row by row
];

function byType(list: StoredActivity[], since: number, until: number, f: (typeof FILTERS)[number]) {
  const out: Record<string, number> = {};
  for (const a of list) {
    if (a.at < since || a.at > until) continue;
    if (f.admin !== undefined && a.admin !== f.admin) continue;
    if (f.types && !f.types.some((t) => a.type === t || a.type.startsWith(`${t}.`))) continue;
    out[a.type] = (out[a.type] ?? 0) + 1;
  }
  return out;
}

describe('counts over a time window', () => {
  it('equal a brute-force count, for whole and cut hours, before and after appends', async () => {
    const rand = rng(9);
    const store = await openStore(tempDir());
    try {
      const stored = activities(rand, T0, 900, 0);
      await store.activities.append(stored);
      const windows: [number, number][] = [
        [0, Number.MAX_SAFE_INTEGER],
        [T0 + 3 * HOUR, T0 + 20 * HOUR - 1],
        [T0 + 3 * HOUR + 1234, T0 + 20 * HOUR + 999],
      ];
      const check = async () => {
        for (const [since, until] of windows) {
          for (const f of FILTERS) {
            const expected = byType(stored, since, until, f);
            const types = await store.activities.countsByType({ ...f, since, until });
            expect(Object.fromEntries(types.map((t) => [t.type, t.count])), JSON.stringify(f)).toEqual(expected);
            const days = await store.activities.countsByDay({ ...f, since, until });
            const total = Object.values(expected).reduce((n, c) => n + c, 0);
            expect(
              days.reduce((n, d) => n + d.count, 0),
              JSON.stringify(f),
            ).toBe(total);
            const local = await store.activities.countsByLocalDay({ ...f, since, until }, 'Asia/Kolkata');
            expect(
              local.reduce((n, d) => n + d.count, 0),
              JSON.stringify(f),
            ).toBe(total);
          }
        }
      };
      await check();
      await check(); // the second time from the kept totals
      const more = activities(rand, T0 + 10 * HOUR, 500, 900);
      await store.activities.append([...more, ...stored.slice(0, 50)]); // re-sent ones are not counted twice
      stored.push(...more);
      await check();
    } finally {
      await store.close();
    }
  });
});
