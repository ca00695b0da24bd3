// The index-only scan: every live row in the time bounds judged from its index entry, answers equal
// to the same tests asked of every activity, oldest first; each column test asked once per distinct
// value; rows read only for the row-level test; a partition found damaged then is quarantined.
import { describe, expect, it } from 'vitest';
import type { ColumnScan, ColumnTests, IndexedActivity } from '../../../../main/store/activity-scan';
import { openStore } from '../../../../main/store/index';
import type { StoredActivity } from '../../../../main/store/types';
import { DAY, HOUR, T0, act, storeWithDamagedMiddleHour, tempDir } from './fixtures';

const TYPES: [string, string][] = [
  ['login.success', 'Logged in'],
  ['login.failure', 'Login Failed'],
  ['file.download', 'File Downloaded'],
  ['admin.role.assign', 'New role assigned'],
];

function dataset(): StoredActivity[] {
  const out: StoredActivity[] = [];
  for (let i = 0; i < 900; i++) {
    const [type, event] = TYPES[i % 4]!;
    out.push(
      act({
        id: `s-${String(i % 7)}-${i}`,
        // Groups of three share a millisecond, so the id must order them; the times span 3 days.
        at: T0 + Math.floor(i / 3) * 17 * 60_000,
        type,
        event,
        actor: i % 13 === 0 ? null : `user${i % 5}@example.com`,
        target: i % 2 ? 'target@example.com' : null,
        ip: i % 11 === 0 ? null : `203.0.113.${i % 9}`,
        country: i % 10 === 0 ? null : ['FR', 'US', 'GB'][i % 3]!,
        city: 'Somewhere',
        admin: type.startsWith('admin'),
        impersonated: i % 8 === 0,
        userAgent: i % 6 === 0 ? null : `UA-${i % 4}`,
        device: i % 3 === 0 ? { browser: null, os: null, type: 'mobile', app: null } : null,
      }),
    );
  }
  return out;
}

const oldestFirst = (a: StoredActivity, b: StoredActivity) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The same tests asked of every activity, the way a scan that read every row would. */
function bruteForce(all: StoredActivity[], t: ColumnTests): StoredActivity[] {
  return all
    .filter(
      (a) =>
        a.at >= (t.since ?? 0) &&
        a.at <= (t.until ?? Infinity) &&
        (t.admin === undefined || a.admin === t.admin) &&
        (t.impersonated === undefined || a.impersonated === t.impersonated) &&
        (!t.type || t.type(a.type)) &&
        (!t.event || t.event(a.event)) &&
        (!t.actor || t.actor(a.actor)) &&
        (!t.ip || t.ip(a.ip)) &&
        (!t.country || t.country(a.country)) &&
        (!t.userAgent || t.userAgent(a.userAgent)) &&
        (!t.at || t.at(a.at)) &&
        (!t.row || t.row(a)),
    )
    .sort(oldestFirst);
}

/** The indexed fields, copied one by one (a cursor's are getters). */
const indexed = (a: IndexedActivity): IndexedActivity => ({
  id: a.id,
  at: a.at,
  type: a.type,
  event: a.event,
  actor: a.actor,
  target: a.target,
  ip: a.ip,
  country: a.country,
  city: a.city,
  userAgent: a.userAgent,
  admin: a.admin,
  impersonated: a.impersonated,
});

/** Every passing row, copied from the cursor as it moves. */
const rows = (scan: ColumnScan): IndexedActivity[] => {
  const cursor = scan.cursor();
  return Array.from({ length: scan.length }, (_, i) => indexed(cursor.moveTo(i)));
};
describe('index-only activity scan', () => {
  it('answers as the tests asked of every activity would, oldest first, from the index alone', async () => {
    const all = dataset();
    const store = await openStore(tempDir());
    try {
      // Appended in two batches out of order: partitions are rewritten, rows spliced.
      await store.activities.append(all.slice(450));
      await store.activities.append(all.slice(0, 450));
      const cases: ColumnTests[] = [
        {},
        { since: T0 + DAY, until: T0 + DAY + 5 * HOUR },
        { since: all[30]!.at, until: all[60]!.at }, // inclusive bounds, on shared milliseconds
        { type: (v) => v === 'login.failure' || v === 'file.download', admin: false },
        { admin: true, impersonated: true },
        { actor: (v) => v === null || v.startsWith('user3'), country: (v) => v === 'US' },
        { ip: (v) => v !== null && v.endsWith('.4'), userAgent: (v) => v === null },
        { event: (v) => v === 'Login Failed', at: (at) => new Date(at).getUTCHours() < 6 },
        { since: T0 + 5 * DAY },
      ];
      for (const tests of cases) {
        const scan = await store.activities.scanColumns(tests);
        const expected = bruteForce(all, tests);
        expect(rows(scan)).toEqual(expected.map(indexed));
        expect(scan.examined).toBe(bruteForce(all, { since: tests.since, until: tests.until }).length);
      }
    } finally {
      await store.close();
    }
  });

  it('asks each column test once per distinct value, and reads rows only for the row-level test', async () => {
    const all = dataset();
    const store = await openStore(tempDir());
    try {
      await store.activities.append(all);
      const asked: (string | null)[] = [];
      let read = 0;
      const tests: ColumnTests = {
        ip: (v) => (asked.push(v), v !== '203.0.113.1'),
        row: (a) => (read++, a.device?.type === 'mobile'),
      };
      const scan = await store.activities.scanColumns(tests);
      expect(asked.length).toBe(new Set(asked).size);
      expect(new Set(asked)).toEqual(new Set(all.map((a) => a.ip)));
      // Read: the rows from any address but .1, and no other row.
      expect(read).toBe(all.filter((a) => a.ip !== '203.0.113.1').length);
      expect(rows(scan)).toEqual(bruteForce(all, tests).map(indexed));
      expect(scan.length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it('sees what was appended since the last scan, a re-sent activity once', async () => {
    const store = await openStore(tempDir());
    try {
      await store.activities.append([act({ id: 'a', at: T0 }), act({ id: 'b', at: T0 + HOUR })]);
      expect((await store.activities.scanColumns({})).length).toBe(2);
      await store.activities.append([act({ id: 'a', at: T0 }), act({ id: 'c', at: T0 + 2 * HOUR })]);
      const scan = await store.activities.scanColumns({});
      expect(rows(scan).map((a) => a.id)).toEqual(['a', 'b', 'c']);
      expect(scan.examined).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('quarantines a partition found damaged by the row-level read and answers from the rest', async () => {
    const { store } = await storeWithDamagedMiddleHour();
    try {
      const scan = await store.activities.scanColumns({ row: () => true });
      expect(rows(scan).map((a) => a.id)).toEqual(['h0-0', 'h0-1', 'h2-0', 'h2-1']);
      expect(store.corruptions()).toEqual([
        expect.objectContaining({ range: { since: T0 + HOUR, until: T0 + 2 * HOUR } }),
      ]);
    } finally {
      await store.close();
    }
  });
});
