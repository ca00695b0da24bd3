// The detection service over a real store on disk: time order whatever the arrival order, late
// events judged against the history before them, baselines that persist and rebuild, settings
// that apply from the next evaluation.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDetection, terminationLookup } from '../../../../main/detect/detection';
import { storeLayout } from '../../../../main/store/layout';
import { LowTerminationStore } from '../../../../main/store/termination-store';
import { openStore, type Store } from '../../../../main/store/index';
import type { StoredActivity } from '../../../../main/store/types';
import { act, DAY, fixtureIntel, HOUR, MIN, routine, T0 } from './fixtures';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-detect-'));
  dirs.push(d);
  return d;
};

const alice = 'alice@example.com';

async function commit(store: Store, d: ReturnType<typeof createDetection>, items: StoredActivity[]) {
  const r = await store.activities.append(items);
  d.enqueue(r.addedActivities);
  return d.flush();
}

const hop = () => [
  act({ actor: alice, at: T0, place: 'paris' }),
  act({ actor: alice, at: T0 + 40 * MIN, ip: '203.0.113.50', place: 'newYork' }),
];

describe('detection service', () => {
  it('evaluates a batch delivered newest first in time order, and raises the alert once', async () => {
    const store = await openStore(tempDir());
    try {
      const d = createDetection({ store, intel: fixtureIntel() });
      const travel = hop();
      const r = await commit(store, d, [...routine(alice, T0 - 10 * DAY, 10), ...travel].reverse());
      const alerts = store.alerts.query({ policy: 'impossible-travel' }, null, 10).items;
      expect(alerts).toHaveLength(1);
      expect(r.created).toContain(alerts[0]!.id);
      // The same activities again (an overlap re-read) are duplicates: nothing new to evaluate.
      expect((await commit(store, d, travel)).evaluated).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('evaluates a queue that overflowed its memory bound from the store, a day at a time', async () => {
    const store = await openStore(tempDir());
    try {
      const d = createDetection({ store, intel: fixtureIntel(), maxPending: 4 });
      await d.warm();
      const r = await commit(store, d, [...routine(alice, T0 - 10 * DAY, 10), ...hop()].reverse());
      expect(r.evaluated).toBe(12);
      expect(store.alerts.query({ policy: 'impossible-travel' }, null, 10).items).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('saves baselines once per flush; dying before that save re-evaluates at the next start', async () => {
    const dir = tempDir();
    const s1 = await openStore(dir);
    const d1 = createDetection({ store: s1, intel: fixtureIntel(), maxPending: 4 });
    await d1.warm();
    const save = s1.baselines.save.bind(s1.baselines);
    let saves = 0;
    s1.baselines.save = (doc) => (saves++, save(doc));
    // Ten days that overflow the queue: read back and evaluated a day at a time, saved once.
    expect((await commit(s1, d1, routine(alice, T0 - 10 * DAY, 10))).evaluated).toBe(10);
    expect(saves).toBe(1);
    // The next evaluation raises its alert, then the console dies before the baselines are saved.
    s1.baselines.save = () => Promise.reject(new Error('killed before the save'));
    d1.enqueue((await s1.activities.append(hop())).addedActivities);
    await expect(d1.flush()).rejects.toThrow('killed before the save');
    await d1.settledWrites();
    await s1.close();

    const s2 = await openStore(dir);
    try {
      const d2 = createDetection({ store: s2, intel: fixtureIntel() });
      await d2.warm();
      expect(d2.pendingCount()).toBeGreaterThan(0);
      // Judged again from the last save: the same alert, not a second one.
      expect((await d2.flush()).evaluated).toBe(2);
      expect(s2.alerts.query({ policy: 'impossible-travel' }, null, 10).items).toHaveLength(1);
    } finally {
      await s2.close();
    }
  });

  it('judges a late activity against the history before it', async () => {
    const store = await openStore(tempDir());
    try {
      const d = createDetection({ store, intel: fixtureIntel() });
      await commit(store, d, [
        ...routine(alice, T0 - 10 * DAY, 10),
        act({ actor: alice, at: T0 + 2 * HOUR, place: 'paris' }),
      ]);
      // New York 40 minutes after a Paris sign-in that was evaluated long ago, arriving after a later one.
      const late = act({ actor: alice, at: T0 + 40 * MIN, ip: '203.0.113.50', place: 'newYork' });
      const r = await commit(store, d, [act({ actor: alice, at: T0, place: 'paris' }), late]);
      expect(r.lateUsers).toBe(1);
      const alerts = store.alerts.query({ policy: 'impossible-travel' }, null, 10).items;
      // Paris(T0) → NY(T0+40m) and NY → Paris(T0+2h) both involve the late activity.
      expect(alerts.length).toBeGreaterThanOrEqual(1);
      expect(alerts.every((a) => a.activityIds.includes(late.id))).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('persists baselines across a restart and rebuilds them when the file is deleted', async () => {
    const dir = tempDir();
    const s1 = await openStore(dir);
    await commit(s1, createDetection({ store: s1, intel: fixtureIntel() }), routine(alice, T0 - 10 * DAY, 10));
    await s1.close();
    const file = path.join(dir, 'store', 'baselines.json');
    expect(fs.existsSync(file)).toBe(true);

    for (const deleteFirst of [false, true]) {
      if (deleteFirst) fs.rmSync(file);
      const s = await openStore(dir);
      try {
        const d = createDetection({ store: s, intel: fixtureIntel() });
        const state = await d.state();
        expect(state.users.get(alice)?.first).toBe(T0 - 10 * DAY);
        expect(state.users.get(alice)?.countries).toHaveProperty('FR');
      } finally {
        await s.close();
      }
    }
  });

  it('applies an exclusion or a sensitivity change made before the next evaluation', async () => {
    const store = await openStore(tempDir());
    try {
      const d = createDetection({ store, intel: fixtureIntel() });
      await commit(store, d, routine(alice, T0 - 10 * DAY, 10));
      await store.policies.setAnomalyConfig('impossible-travel', (c) => ({ ...c, excludeUsers: ['alice'] }));
      await commit(store, d, hop());
      expect(store.alerts.query({ policy: 'impossible-travel' }, null, 10).items).toEqual([]);
      await store.policies.setAnomalyConfig('impossible-travel', (c) => ({ ...c, excludeUsers: [] }));
      // New York → Hanoi an hour after the excluded hop: judged, and raised.
      await commit(store, d, [act({ actor: alice, at: T0 + 100 * MIN, ip: '203.0.113.60', place: 'hanoi' })]);
      const raised = store.alerts.query({ policy: 'impossible-travel' }, null, 10).items;
      expect(raised.map((a) => a.countries)).toEqual([['US', 'VN']]);
    } finally {
      await store.close();
    }
  });

  it('keeps quiet for a suppression (policy, user, address, until), and raises again once it ends', async () => {
    const store = await openStore(tempDir());
    try {
      const d = createDetection({ store, intel: fixtureIntel() });
      await commit(store, d, routine(alice, T0 - 10 * DAY, 10));
      // Named as the admin would: the email's local part; the hop's New York address; until T0 + 2 h.
      await store.policies.addSuppression({
        policy: 'impossible-travel',
        user: 'ALICE',
        ip: '203.0.113.50',
        reason: 'travelling with a company phone',
        until: T0 + 2 * HOUR,
      });
      await commit(store, d, hop());
      expect(store.alerts.query({ policy: 'impossible-travel' }, null, 10).items).toEqual([]);
      // Once it has ended: New York → Hanoi two hours and twenty minutes later is raised.
      await commit(store, d, [act({ actor: alice, at: T0 + 3 * HOUR, ip: '203.0.113.60', place: 'hanoi' })]);
      expect(store.alerts.query({ policy: 'impossible-travel' }, null, 10).items.map((a) => a.countries)).toEqual([
        ['US', 'VN'],
      ]);
    } finally {
      await store.close();
    }
  });

  it('judges only the users a policy is limited to (include users), and says the learning state', async () => {
    const store = await openStore(tempDir());
    const bob = 'bob@example.com';
    try {
      const d = createDetection({ store, intel: fixtureIntel() });
      await commit(store, d, [...routine(alice, T0 - 10 * DAY, 10), ...routine(bob, T0 - 10 * DAY, 10)]);
      await store.policies.setAnomalyConfig('impossible-travel', (c) => ({ ...c, includeUsers: ['bob'] }));
      await commit(store, d, [
        ...hop(),
        act({ actor: bob, at: T0, place: 'paris' }),
        act({ actor: bob, at: T0 + 40 * MIN, ip: '203.0.113.51', place: 'newYork' }),
      ]);
      const alerts = store.alerts.query({ policy: 'impossible-travel' }, null, 10).items;
      expect(alerts.map((a) => a.users)).toEqual([[bob]]);
      // Bob's first activity was ten days before: past his learning period (7 days) and the organisation's.
      expect(alerts[0]!.evidence[0]!.values.learning).toMatchObject({
        userLearning: false,
        orgLearning: false,
        userLearningEndsAt: expect.any(Number),
      });
    } finally {
      await store.close();
    }
  });

  it('raises terminated-user from the imported termination list', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    try {
      const list = await LowTerminationStore.open(storeLayout(dir), async () => {});
      await list.upsertMany([
        { email: 'bob@example.com', terminatedAt: T0 - 2 * DAY, importedAt: T0, source: 'hr.csv' },
      ]);
      const d = createDetection({ store, intel: fixtureIntel(), terminations: terminationLookup(list) });
      await commit(store, d, [act({ actor: 'Bob@Example.com', at: T0 }), act({ actor: alice, at: T0 })]);
      const alerts = store.alerts.query({ policy: 'terminated-user' }, null, 10).items;
      expect(alerts.map((a) => a.users)).toEqual([['bob@example.com']]);
      expect(alerts[0]!.evidence[0]!.values).toMatchObject({ terminationSource: 'imported termination list' });
    } finally {
      await store.close();
    }
  });

  it('starts from empty baselines when the store behind it is switched to another organisation', async () => {
    const first = await openStore(tempDir());
    const second = await openStore(tempDir());
    let current = first;
    // What sync/switchable-store does: every access goes to the store open at that moment.
    const store = new Proxy({} as typeof first, {
      get: (_t, key) => {
        const v: unknown = Reflect.get(current, key, current);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(current) : v;
      },
    });
    try {
      const d = createDetection({ store, intel: fixtureIntel() });
      await commit(store, d, routine(alice, T0 - 10 * DAY, 10));
      expect((await d.state()).users.has(alice)).toBe(true);
      current = second;
      expect((await d.state()).users.has(alice)).toBe(false);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('evaluates after a restart what was committed but never evaluated (the console died mid-sync)', async () => {
    const dir = tempDir();
    const s1 = await openStore(dir);
    const d1 = createDetection({ store: s1, intel: fixtureIntel() });
    await commit(s1, d1, routine(alice, T0 - 10 * DAY, 10));
    // The next sync commits the hop; the console dies before the sync run ends.
    d1.enqueue((await s1.activities.append(hop())).addedActivities);
    await d1.settledWrites();
    await s1.close();

    const s2 = await openStore(dir);
    try {
      const d2 = createDetection({ store: s2, intel: fixtureIntel() });
      await d2.warm();
      expect(d2.pendingCount()).toBeGreaterThan(0);
      const r = await d2.flush();
      expect(r.evaluated).toBe(2);
      expect(s2.alerts.query({ policy: 'impossible-travel' }, null, 10).items).toHaveLength(1);
      // Evaluated once: nothing is left to recover.
      const d3 = createDetection({ store: s2, intel: fixtureIntel() });
      await d3.warm();
      expect(d3.pendingCount()).toBe(0);
    } finally {
      await s2.close();
    }
  });
});
