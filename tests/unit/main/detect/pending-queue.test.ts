// The queue of what detection has yet to judge: the newest held as slim copies up to a bound, the
// rest a time range read back from the store — and detection judging both in time order.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDetection } from '../../../../main/detect/detection';
import { PendingQueue } from '../../../../main/detect/pending-queue';
import { openStore } from '../../../../main/store/index';
import { act, DAY, fixtureIntel, HOUR, MIN, routine, T0 } from './fixtures';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const alice = 'alice@example.com';

describe('pending queue', () => {
  it('holds the newest up to its bound, slim and sharing strings; the older become a range', () => {
    const q = new PendingQueue(4);
    const days = routine(alice, T0 - 10 * DAY, 10).map((a) => ({ ...a, raw: { big: 'x'.repeat(100) } }));
    // Newest page first, as the audit log pages.
    q.add(days.slice(5));
    q.add(days.slice(0, 5));
    expect(q.count).toBe(10);
    const { range, held } = q.take();
    const items = [...held.days()].flat();
    expect(held.length).toBe(items.length);
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(4);
    expect(items.map((a) => a.at)).toEqual([...items.map((a) => a.at)].sort((x, y) => x - y));
    expect(items.every((a) => a.raw === null)).toBe(true);
    expect(items[0]!.actor).toBe(alice);
    // Every activity is in exactly one of the two, and the range is older than all that is held.
    const inRange = days.filter((a) => range && a.at >= range.since && a.at <= range.until);
    expect(inRange.length + items.length).toBe(10);
    expect(items.every((a) => a.at > range!.until)).toBe(true);
    const again = q.take();
    expect(again.range).toBeNull();
    expect([...again.held.days()]).toEqual([]);
    expect(q.count).toBe(0);
  });

  it('sends an activity older than the range to the range, and a recovered range takes what is held', () => {
    const q = new PendingQueue(2);
    q.add([act({ actor: alice, at: T0 + 3 * HOUR }), act({ actor: alice, at: T0 + 2 * HOUR })]);
    q.add([act({ actor: alice, at: T0 + HOUR })]);
    q.add([act({ actor: alice, at: T0 - HOUR })]);
    const queued = q.queuedTest();
    expect(queued(act({ actor: alice, at: T0 }))).toBe(true);
    q.readFromStore({ since: T0 - DAY, until: T0 });
    const { range, held } = q.take();
    expect(held.length).toBe(0);
    expect(range).toEqual({ since: T0 - DAY, until: T0 + 3 * HOUR });
  });
});

describe('detection over a queue split between memory and the store', () => {
  it('judges the stored range first, then what is held, as one history in time order', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-queue-'));
    dirs.push(dir);
    const store = await openStore(dir);
    try {
      // Bound 2: only the newest activity stays held, so the hop's Paris sign-in is read back from
      // the store and its New York one judged from memory against it.
      const d = createDetection({ store, intel: fixtureIntel(), maxPending: 2 });
      await d.warm();
      const paris = act({ actor: alice, at: T0, place: 'paris' });
      const newYork = act({ actor: alice, at: T0 + 40 * MIN, ip: '203.0.113.50', place: 'newYork' });
      const all = [...routine(alice, T0 - 10 * DAY, 10), paris, newYork].reverse();
      for (const page of [all.slice(0, 3), all.slice(3, 7), all.slice(7)])
        d.enqueue((await store.activities.append(page)).addedActivities);
      const r = await d.flush();
      expect(r.evaluated).toBe(12);
      expect(r.lateUsers).toBe(0);
      const alerts = store.alerts.query({ policy: 'impossible-travel' }, null, 10).items;
      expect(alerts.map((a) => a.activityIds.sort())).toEqual([[paris.id, newYork.id].sort()]);
      expect((await d.state()).users.get(alice)?.last).toBe(newYork.at);
    } finally {
      await store.close();
    }
  });
});
