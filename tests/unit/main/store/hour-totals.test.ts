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
    act({ id: `h-${start + i}`, at: from + Math.floor(rand() * 30 * HOUR), type: TYPES[Math.floor(rand() * 4)] }),
  );
}

function byType(list: StoredActivity[], since: number, until: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of list) if (a.at >= since && a.at <= until) out[a.type] = (out[a.type] ?? 0) + 1;
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
          const types = await store.activities.countsByType({ since, until });
          expect(Object.fromEntries(types.map((t) => [t.type, t.count]))).toEqual(byType(stored, since, until));
          const days = await store.activities.countsByDay({ since, until });
          const total = Object.values(byType(stored, since, until)).reduce((n, c) => n + c, 0);
          expect(days.reduce((n, d) => n + d.count, 0)).toBe(total);
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
