// Activity policies: the filter, every match vs repeated activity, the daily limit, the four
// templates, automatic governance actions queued in the store, and replay over stored history.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createActivityPolicyStage } from '../../../../../main/detect/activity/stage';
import { matchesFilter } from '../../../../../main/detect/activity/filter';
import { replayActivityPolicy } from '../../../../../main/detect/activity/replay';
import { ACTIVITY_TEMPLATES, activityTemplate } from '../../../../../main/detect/activity/templates';
import { createDetection } from '../../../../../main/detect/detection';
import { openStore } from '../../../../../main/store/index';
import type { ActivityPolicy } from '../../../../../main/store/policy-store';
import { act, DAY, fixtureIntel, MIN, T0 } from '../fixtures';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-actpol-'));
  dirs.push(d);
  return d;
};
const fromTemplate = (id: string, over: Partial<ActivityPolicy> = {}): ActivityPolicy => ({
  ...activityTemplate(id)!,
  createdAt: T0,
  updatedAt: T0,
  ...over,
});
const intel = fixtureIntel();
const downloads = (n: number, from: number, actor = 'alice@example.com', stepMs = 500) =>
  Array.from({ length: n }, (_, k) =>
    act({ actor, at: from + k * stepMs, type: 'file.download', event: 'File Downloaded' }),
  );

describe('activity policies', () => {
  it('filter: types with wildcards, admin, IP categories and their negation, countries, CIDRs, hours', () => {
    const ctx = (ip: string) => ({ facts: intel.facts(ip), names: ['alice@example.com', 'alice'] });
    const adminFromHome = act({ at: T0, admin: true, type: 'admin.role.assign', ip: '198.51.100.10' });
    const adminFromOffice = act({ at: T0, admin: true, type: 'admin.role.assign', ip: '192.0.2.10' });
    const nonCorp = { admin: true, notIpTags: ['corporate'] };
    expect(matchesFilter(adminFromHome, nonCorp, ctx('198.51.100.10'))).toBe(true);
    expect(matchesFilter(adminFromOffice, nonCorp, ctx('192.0.2.10'))).toBe(false);
    expect(matchesFilter(adminFromHome, { types: ['admin.*'], users: ['alice'] }, ctx('198.51.100.10'))).toBe(true);
    expect(matchesFilter(adminFromHome, { types: ['admin.*'], users: ['bob'] }, ctx('198.51.100.10'))).toBe(false);
    expect(matchesFilter(adminFromHome, { ips: ['198.51.100.0/24'], countries: ['fr'] }, ctx('198.51.100.10'))).toBe(
      true,
    );
    expect(matchesFilter(adminFromHome, { ips: ['198.51.101.0/24'] }, ctx('198.51.100.10'))).toBe(false);
    expect(matchesFilter(adminFromHome, { hours: { from: 22, to: 6 } }, ctx('198.51.100.10'))).toBe(false);
    expect(matchesFilter(adminFromHome, { hours: { from: 6, to: 9 } }, ctx('198.51.100.10'))).toBe(true);
    const tor = act({ at: T0, ip: '92.63.197.10' });
    expect(matchesFilter(tor, { ipTags: ['risky', 'threat'] }, ctx('92.63.197.10'))).toBe(true);
  });

  it('has the four templates of detections.md', () => {
    expect(ACTIVITY_TEMPLATES.map((t) => t.name)).toEqual([
      'More than 10 failed logins in 5 minutes',
      'Admin activity from a non-corporate IP',
      'Login from a risky IP',
      'Mass download: more than 50 downloads in 1 minute',
    ]);
  });

  it('raises repeated activity once per burst, respects the daily limit, and queues governance actions', async () => {
    const store = await openStore(tempDir());
    try {
      await store.policies.saveActivityPolicy(fromTemplate('mass-download-50-in-1', { actions: ['suspend'] }));
      await store.policies.saveActivityPolicy(fromTemplate('login-from-risky-ip', { dailyLimit: 1 }));
      const d = createDetection({ store, intel, activityPolicies: createActivityPolicyStage({ store, intel }) });
      const items = [
        ...downloads(50, T0), // 50: not more than 50
        ...downloads(80, T0 + 10 * MIN, 'bob@example.com'),
        act({ actor: 'carol@example.com', at: T0, ip: '92.63.197.10' }),
        act({ actor: 'dave@example.com', at: T0 + MIN, ip: '92.63.197.10' }),
      ];
      d.enqueue((await store.activities.append(items)).addedActivities);
      await d.flush();
      const mass = store.alerts.query({ policy: 'activity:mass-download-50-in-1' }, null, 10).items;
      expect(mass.map((a) => a.users)).toEqual([['bob@example.com']]);
      expect(mass[0]!.count).toBe(30);
      // Daily limit 1: carol's alert is raised, dave's held back.
      expect(
        store.alerts.query({ policy: 'activity:login-from-risky-ip' }, null, 10).items.map((a) => a.users),
      ).toEqual([['carol@example.com']]);
      expect(store.alerts.queuedActions()).toEqual([
        expect.objectContaining({ action: 'suspend', user: 'bob@example.com', alertId: mass[0]!.id, state: 'queued' }),
      ]);
      // Disabled: nothing more is raised.
      await store.policies.saveActivityPolicy(
        fromTemplate('mass-download-50-in-1', { enabled: false, updatedAt: T0 + 1 }),
      );
      d.enqueue((await store.activities.append(downloads(60, T0 + DAY, 'erin@example.com'))).addedActivities);
      await d.flush();
      expect(store.alerts.query({ policy: 'activity:mass-download-50-in-1' }, null, 10).items).toHaveLength(1);
      // Enabled again: the next burst is raised.
      await store.policies.saveActivityPolicy(fromTemplate('mass-download-50-in-1', { updatedAt: T0 + 2 }));
      d.enqueue((await store.activities.append(downloads(60, T0 + 2 * DAY, 'fay@example.com'))).addedActivities);
      await d.flush();
      expect(
        store.alerts.query({ policy: 'activity:mass-download-50-in-1' }, null, 10).items.map((a) => a.users),
      ).toEqual(expect.arrayContaining([['bob@example.com'], ['fay@example.com']]));
    } finally {
      await store.close();
    }
  });

  it('a burst the daily limit held back stays held back that day, and competes again the next', async () => {
    const store = await openStore(tempDir());
    try {
      await store.policies.saveActivityPolicy(fromTemplate('mass-download-50-in-1', { dailyLimit: 1 }));
      const d = createDetection({ store, intel, activityPolicies: createActivityPolicyStage({ store, intel }) });
      const users = () =>
        store.alerts.query({ policy: 'activity:mass-download-50-in-1' }, null, 10).items.map((a) => a.users[0]);
      // Alice's burst takes the day's one alert; Bob's, later that day, is held back — all 80 of its
      // matches, not just the first (the continuation used to raise it on the next download).
      const items = [...downloads(60, T0), ...downloads(80, T0 + 10 * MIN, 'bob@example.com')];
      d.enqueue((await store.activities.append(items)).addedActivities);
      await d.flush();
      expect(users()).toEqual(['alice@example.com']);
      // Bob's downloads go on past midnight without a pause: the new day has room, so it is raised.
      const midnight = Math.ceil((T0 + 1) / DAY) * DAY;
      const night = downloads(200, midnight - 50_000, 'bob@example.com');
      d.enqueue((await store.activities.append(night)).addedActivities);
      await d.flush();
      expect(users().sort()).toEqual(['alice@example.com', 'bob@example.com']);
    } finally {
      await store.close();
    }
  });

  it('replays a policy over stored history without saving it or raising anything', async () => {
    const store = await openStore(tempDir());
    try {
      await store.activities.append([
        ...downloads(60, T0 - 3 * DAY, 'bob@example.com'),
        ...downloads(60, T0 - DAY, 'bob@example.com'),
        ...downloads(20, T0, 'alice@example.com'),
      ]);
      const r = await replayActivityPolicy(store, intel, fromTemplate('mass-download-50-in-1'));
      expect(r).toMatchObject({ scanned: 140, matches: 20, alertCount: 2, heldBackByDailyLimit: 0 });
      const tighter = await replayActivityPolicy(
        store,
        intel,
        fromTemplate('mass-download-50-in-1', { mode: { kind: 'repeated', count: 11, minutes: 1, perIp: false } }),
        { since: T0 - 2 * DAY },
      );
      expect(tighter.alerts.map((a) => a.user).sort()).toEqual(['alice@example.com', 'bob@example.com']);
      expect(store.alerts.count()).toBe(0);
      expect(store.policies.snapshot().activity).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
