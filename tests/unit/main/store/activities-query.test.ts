import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../../main/store/index';
import type { Store, StoredActivity } from '../../../../main/store/types';
import type { ActivityFilter } from '../../../../preload/contract';
import { DAY, HOUR, T0, act, tempDir, user } from './fixtures';

// A small organisation whose expected answers can be computed by brute force over the array.
const people = [
  { id: '100', email: 'Alice.Martin@example.com' },
  { id: '200', email: 'bob@example.com' },
  { id: '300', email: 'carol@example.com' },
];
const countries = ['FR', 'US', 'GB', 'DE'];
const types: [string, string][] = [
  ['login.success', 'Logged in'],
  ['login.failure', 'Login Failed'],
  ['logout', 'Logged out'],
  ['admin.role.assign', 'New role assigned'],
  ['file.download', 'file download'],
];

function dataset(): StoredActivity[] {
  const out: StoredActivity[] = [];
  for (let i = 0; i < 600; i++) {
    const p = people[i % 3];
    const [type, event] = types[i % 5];
    const admin = type.startsWith('admin');
    out.push(
      act({
        id: `q-${String(i).padStart(4, '0')}`,
        // Several activities share a millisecond: the id must break ties for keyset paging.
        at: T0 + Math.floor(i / 3) * 37 * 60_000,
        type,
        event,
        // Alice appears by email in some events and by id in others (normalisation varies by API).
        actor: p.id === '100' && i % 2 === 0 ? '100' : p.email,
        target: admin ? people[(i + 1) % 3].email : null,
        admin,
        impersonated: admin && i % 4 === 0,
        ip: `203.0.113.${i % 11}`,
        country: countries[i % 4],
        city: ['Paris', 'Boston', 'Leeds', 'Köln'][i % 4],
        userAgent: i % 2 ? 'UA-desktop' : 'UA-mobile',
        summary: i === 77 ? 'Suspicious needle-in-summary event' : `event number ${i}`,
      }),
    );
  }
  return out;
}

const newestFirst = (a: StoredActivity, b: StoredActivity) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

async function all(store: Store, filter: ActivityFilter, limit = 17): Promise<StoredActivity[]> {
  const out: StoredActivity[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.activities.query(filter, cursor, limit);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe('ActivityStore queries', () => {
  const data = dataset();
  let store: Store;
  beforeAll(async () => {
    store = await openStore(tempDir());
    await store.users.upsertMany(people.map((p) => user({ id: p.id, email: p.email, name: p.email.split('@')[0] })));
    // Out of order, in uneven batches, like a back-fill.
    const shuffled = [...data].sort((a, b) =>
      a.id.split('').reverse().join('') < b.id.split('').reverse().join('') ? -1 : 1,
    );
    for (let i = 0; i < shuffled.length; i += 130) await store.activities.append(shuffled.slice(i, i + 130));
  });
  afterAll(() => store.close());

  const cases: [string, ActivityFilter, (a: StoredActivity) => boolean][] = [
    ['no filter', {}, () => true],
    [
      'user by email, any case (actor or target, email or id)',
      { user: 'ALICE.martin@example.com' },
      (a) => a.actor === '100' || a.actor === people[0].email || a.target === people[0].email,
    ],
    [
      'user by id',
      { user: '100' },
      (a) => a.actor === '100' || a.actor === people[0].email || a.target === people[0].email,
    ],
    ['user by username', { user: 'bob' }, (a) => a.actor === 'bob@example.com' || a.target === 'bob@example.com'],
    ['exact type', { type: 'login.failure' }, (a) => a.type === 'login.failure'],
    ['type family prefix', { type: 'login' }, (a) => a.type.startsWith('login.')],
    ['type family with .*', { type: 'Login.*' }, (a) => a.type.startsWith('login.')],
    ['admin', { admin: true }, (a) => a.admin],
    ['not admin', { admin: false }, (a) => !a.admin],
    ['impersonated', { impersonated: true }, (a) => a.impersonated],
    ['ip', { ip: '203.0.113.5' }, (a) => a.ip === '203.0.113.5'],
    ['country, lower case', { country: 'gb' }, (a) => a.country === 'GB'],
    ['text in city', { text: 'köln' }, (a) => a.city === 'Köln'],
    ['text in event name', { text: 'ROLE ASS' }, (a) => a.event === 'New role assigned'],
    ['text in ip', { text: '113.1' }, (a) => a.ip!.includes('113.1')],
    ['text in actor', { text: 'alice.mar' }, (a) => a.actor === people[0].email || a.target === people[0].email],
    ['text in summary', { text: 'needle-in' }, (a) => a.id === 'q-0077'],
    [
      'since / until (inclusive)',
      { since: T0 + DAY, until: T0 + 2 * DAY },
      (a) => a.at >= T0 + DAY && a.at <= T0 + 2 * DAY,
    ],
    [
      'combined',
      { type: 'login', country: 'FR', user: 'carol@example.com', since: T0 + HOUR },
      (a) => a.type.startsWith('login.') && a.country === 'FR' && a.actor === 'carol@example.com' && a.at >= T0 + HOUR,
    ],
    ['unknown ip matches nothing', { ip: '192.0.2.99' }, () => false],
    ['unknown user matches nothing', { user: 'nobody@example.com' }, () => false],
  ];

  it.each(cases)('%s: pages newest first equal the brute-force answer', async (_name, filter, pred) => {
    const expected = data
      .filter(pred)
      .sort(newestFirst)
      .map((a) => a.id);
    const got = (await all(store, filter)).map((a) => a.id);
    expect(got).toEqual(expected);
    if (!['no filter'].includes(_name)) expect(expected.length).toBeLessThan(data.length);
  });

  it('counts per day and per type agree with the data, filtered or not', async () => {
    const byDay = (pred: (a: StoredActivity) => boolean) => {
      const m = new Map<string, number>();
      for (const a of data.filter(pred))
        m.set(new Date(a.at).toISOString().slice(0, 10), (m.get(new Date(a.at).toISOString().slice(0, 10)) ?? 0) + 1);
      return [...m].sort().map(([day, count]) => ({ day, count }));
    };
    expect(await store.activities.countsByDay({})).toEqual(byDay(() => true));
    expect(await store.activities.countsByDay({ country: 'us', type: 'logout' })).toEqual(
      byDay((a) => a.country === 'US' && a.type === 'logout'),
    );
    expect(await store.activities.countsByDay({ since: T0 + DAY + 5, until: T0 + 2 * DAY })).toEqual(
      byDay((a) => a.at >= T0 + DAY + 5 && a.at <= T0 + 2 * DAY),
    );
    const types = await store.activities.countsByType({});
    expect(types).toHaveLength(5);
    expect(types.every((t) => t.count === 120)).toBe(true);
    expect(await store.activities.countsByType({ user: 'bob' })).toEqual(
      expect.arrayContaining([
        {
          type: 'login.failure',
          count: data.filter(
            (a) => a.type === 'login.failure' && (a.actor === 'bob@example.com' || a.target === 'bob@example.com'),
          ).length,
        },
      ]),
    );
  });

  it('summarises one user: count, countries, ips with country, devices, last activity', async () => {
    const mine = data.filter((a) => a.actor === '100' || a.actor === people[0].email);
    const s = await store.activities.summaryForUser({ id: '100', email: 'alice.martin@EXAMPLE.com' });
    expect(s.activityCount).toBe(mine.length);
    expect(s.lastActivityAt).toBe(Math.max(...mine.map((a) => a.at)));
    expect(s.countries.reduce((n, c) => n + c.count, 0)).toBe(mine.length);
    expect(new Set(s.countries.map((c) => c.country))).toEqual(new Set(mine.map((a) => a.country)));
    const ip = s.ips[0];
    expect(ip.count).toBe(mine.filter((a) => a.ip === ip.ip).length);
    expect(ip.country).toBe(mine.filter((a) => a.ip === ip.ip).sort(newestFirst)[0].country);
    expect(s.devices.map((d) => d.userAgent).sort()).toEqual([...new Set(mine.map((a) => a.userAgent!))].sort());
    expect(await store.activities.summaryForUser({ id: 'ghost', email: null })).toEqual({
      activityCount: 0,
      countries: [],
      ips: [],
      devices: [],
      lastActivityAt: null,
    });
  });

  it('count, newestAt and get', async () => {
    expect(store.activities.count()).toBe(data.length);
    expect(store.activities.newestAt()).toBe(Math.max(...data.map((a) => a.at)));
    expect(await store.activities.get('q-0042')).toEqual(data[42]);
  });

  it('rejects a forged cursor with a readable error', async () => {
    await expect(store.activities.query({}, 'not-a-cursor', 10)).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('keyset pagination while new activities arrive', () => {
  it('never repeats or skips an activity that existed when paging started', async () => {
    const store = await openStore(tempDir());
    const initial = Array.from({ length: 400 }, (_, i) =>
      act({ id: `k-${i}`, at: T0 + Math.floor(i / 4) * 20 * 60_000 }),
    );
    await store.activities.append(initial);
    const seen: string[] = [];
    let cursor: string | null = null;
    let round = 0;
    do {
      const page = await store.activities.query({}, cursor, 23);
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
      // Between pages: newer activities, activities in the same millisecond as the cursor, and older back-fill.
      round++;
      const last = page.items[page.items.length - 1];
      await store.activities.append([
        act({ id: `new-${round}`, at: T0 + 400 * DAY + round }),
        act({ id: `tie-${round}`, at: last.at }),
        act({ id: `old-${round}`, at: T0 - DAY - round }),
      ]);
    } while (cursor);
    const initialIds = initial.map((a) => a.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(initialIds.every((id) => seen.includes(id))).toBe(true);
    expect(seen.some((id) => id.startsWith('new-'))).toBe(false);
    // Back-filled older ones are reached (they sort after the cursor); order is always newest first.
    expect(seen.some((id) => id.startsWith('old-'))).toBe(true);
    const ats = await Promise.all(seen.map(async (id) => (await store.activities.get(id))!.at));
    expect(ats.every((t, i) => i === 0 || t <= ats[i - 1])).toBe(true);
    await store.close();
  });
});

describe('free-text search is bounded per call', () => {
  it('stops after its row budget with a cursor, and paging on finds every match exactly once', async () => {
    const { IndexedActivityStore } = await import('../../../../main/store/activity-store');
    const { storeLayout } = await import('../../../../main/store/layout');
    const fs = await import('node:fs');
    const layout = storeLayout(tempDir());
    fs.mkdirSync(layout.root, { recursive: true });
    const store = await IndexedActivityStore.open({
      layout,
      report: async () => {},
      resolveIdentity: () => [],
      textScanRows: 25,
    });
    const items = Array.from({ length: 300 }, (_, i) =>
      act({ id: `t-${i}`, at: T0 + i * 5 * 60_000, summary: i % 60 === 7 ? 'rare MARKER here' : 'common' }),
    );
    await store.append(items);
    const found: string[] = [];
    let calls = 0;
    let cursor: string | null = null;
    do {
      const page = await store.query({ text: 'marker' }, cursor, 10);
      calls++;
      found.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(found).toEqual(
      items
        .filter((a) => a.summary === 'rare MARKER here')
        .reverse()
        .map((a) => a.id),
    );
    expect(calls).toBeGreaterThanOrEqual(300 / 25); // each call looked at no more than 25 rows
    await store.idle();
  });
});
