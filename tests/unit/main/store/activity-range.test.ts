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

  it('leaves the raw event unread, yet reads lines of any shape whole and exactly', async () => {
    const store = await openStore(tempDir());
    try {
      // In the order the sync writes a line's fields (sync/activity-record.ts), the raw event last.
      const synced = (over: Partial<StoredActivity> & { at: number }): StoredActivity => {
        const a = act({ asn: null, asOrg: null, ipTags: [], device: null, details: null, ...over });
        const { raw, ...fields } = a;
        return { ...fields, raw };
      };
      const rows: StoredActivity[] = [
        // As the sync writes it: every field, then the raw event (whose own keys include "raw").
        synced({ id: 'plain', at: T0 + 1, raw: { id: 'plain', extra_data: { raw: { raw: 1 } }, x: ',"raw":' } }),
        // A summary that spells the key: inside a string the quotes are escaped, so it is no key.
        synced({ id: 'spelled', at: T0 + 2, summary: 'odd ,"raw": text', raw: { id: 'spelled' } }),
        // A nested key named raw before the top-level one.
        synced({ id: 'nested', at: T0 + 3, details: { fileName: 'a.pdf', raw: 'x' }, raw: { id: 'nested' } }),
      ];
      // An older line: its enrichment was added after the raw event (key order of a spread).
      const { asn, asOrg, ipTags, device, details, ...rest } = act({
        id: 'older',
        at: T0 + 4,
        asn: 64500,
        asOrg: 'Example Net',
        ipTags: ['vpn'],
        details: { fileName: 'b.pdf' },
        raw: { id: 'older' },
      });
      rows.push({ ...rest, raw: rest.raw, asn, asOrg, ipTags, device, details } as StoredActivity);
      await store.activities.append(rows);
      const got = await store.activities.readRange(T0, T0 + HOUR);
      const expected = (await queried(store, T0, T0 + HOUR)).sort(oldestFirst);
      expect(got.map((a) => a.id)).toEqual(['plain', 'spelled', 'nested', 'older']);
      expect(got).toEqual(expected.map((a) => ({ ...a, raw: null })));
      expect(got[1]!.summary).toBe('odd ,"raw": text');
      expect(got[2]!.details).toEqual({ fileName: 'a.pdf', raw: 'x' });
      expect(got[3]).toMatchObject({
        asn: 64500,
        asOrg: 'Example Net',
        ipTags: ['vpn'],
        details: { fileName: 'b.pdf' },
      });
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
