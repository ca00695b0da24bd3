// Reading a time range back for detection: exactly the activities the query finds in the range,
// oldest first with equal times ordered by id, each whole but for its raw event; a partition found
// damaged on the way is quarantined and the range answered from the rest.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../main/store/index';
import type { Store, StoredActivity } from '../../../../main/store/types';
import { HOUR, T0, act, storeWithDamagedMiddleHour, tempDir } from './fixtures';

const oldestFirst = (a: StoredActivity, b: StoredActivity) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Everything the timeline query returns for the range, page by page. */
async function queried(store: Store, since: number, until: number): Promise<StoredActivity[]> {
  const out: StoredActivity[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await store.activities.query({ since, until }, cursor, 7);
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}

describe('activity range read', () => {
  it('returns the query’s activities of the range oldest first, raw left out', async () => {
    const store = await openStore(tempDir());
    try {
      const batch: StoredActivity[] = [];
      for (let i = 0; i < 300; i++) {
        batch.push(
          act({
            // Pairs share a millisecond (the id orders them); the times span about five hours.
            id: `r-${(i * 37) % 300}`,
            at: T0 + Math.floor(i / 2) * 2 * 60_000,
            actor: `user${i % 4}@example.com`,
            ip: `203.0.113.${i % 9}`,
            lat: 48.85,
            lon: 2.35,
            radiusKm: 20,
            device: { browser: 'Chrome', os: 'Linux', type: 'desktop', app: null },
            details: { fileName: `f${i}.pdf` },
            raw: { id: `r-${i}`, extra_data: { file_name: `f${i}.pdf` } },
          }),
        );
      }
      // Appended newest first and in two commits, as a back-fill's pages arrive.
      await store.activities.append(batch.slice(150).reverse());
      await store.activities.append(batch.slice(0, 150).reverse());
      // Bounds inside partitions on both sides, inclusive.
      const since = T0 + HOUR + 4 * 60_000;
      const until = T0 + 3 * HOUR + 30 * 60_000;
      const got = await store.activities.readRange(since, until);
      const expected = (await queried(store, since, until)).sort(oldestFirst);
      expect(expected.length).toBeGreaterThan(100);
      expect(got.map((a) => a.id)).toEqual(expected.map((a) => a.id));
      expect(got).toEqual(expected.map((a) => ({ ...a, raw: null })));
      expect(got[0]!.at).toBe(since);
      expect(expected.some((a) => a.raw !== null)).toBe(true);
      expect(await store.activities.readRange(T0 - 10 * HOUR, T0 - 1)).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('quarantines a partition found damaged and answers from the rest', async () => {
    const { store } = await storeWithDamagedMiddleHour();
    try {
      const got = await store.activities.readRange(T0, T0 + 3 * HOUR);
      expect(got.map((a) => a.id)).toEqual(['h0-0', 'h0-1', 'h2-0', 'h2-1']);
      expect(store.corruptions()).toEqual([
        expect.objectContaining({ range: { since: T0 + HOUR, until: T0 + 2 * HOUR } }),
      ]);
    } finally {
      await store.close();
    }
  });
});
