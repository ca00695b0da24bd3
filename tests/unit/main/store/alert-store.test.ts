import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { openStore } from '../../../../main/store/index';
import { LowAlertStore, type AlertDraft } from '../../../../main/store/alert-store';
import { storeLayout } from '../../../../main/store/layout';
import { tempDir } from './fixtures';

const T0 = Date.UTC(2024, 4, 1);
const DAY = 86_400_000;

/** The alert store alone, on its own clock (the console's time an alert is raised at). */
async function openAlerts(now: () => number): Promise<LowAlertStore> {
  const layout = storeLayout(tempDir());
  fs.mkdirSync(layout.root, { recursive: true });
  return LowAlertStore.open(layout, async () => undefined, now);
}
const draft = (over: Partial<AlertDraft> = {}): AlertDraft => ({
  policy: 'impossible-travel',
  policyName: 'Impossible travel',
  key: 'FR>US',
  user: 'alice@example.com',
  severity: 'High',
  mitre: 'Initial access',
  title: 'Impossible travel',
  description: 'Paris → New York',
  at: T0,
  activityIds: ['a1', 'a2'],
  ips: ['198.51.100.1', '203.0.113.5'],
  countries: ['FR', 'US'],
  evidence: { speedKmh: 7000 },
  ...over,
});

describe('alert store', () => {
  it('keeps one open alert per (policy, user, key), merging what continues; resolved ones stay closed', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    try {
      const first = await store.alerts.upsertMany([
        draft(),
        draft({ at: T0 + 1000, activityIds: ['a3'], severity: 'High' }),
      ]);
      expect(first.created).toHaveLength(1);
      const a = store.alerts.get(first.created[0]!)!;
      expect(a).toMatchObject({ count: 2, status: 'New', activityIds: ['a1', 'a2', 'a3'], lastSeen: T0 + 1000 });
      expect(a.evidence).toHaveLength(2);
      const other = await store.alerts.upsertMany([draft({ user: 'bob@example.com' }), draft({ key: 'FR>VN' })]);
      expect(other.created).toHaveLength(2);

      await store.alerts.update(
        a.id,
        { status: 'Resolved', classification: 'True positive', comment: 'blocked' },
        'admin@example.com',
      );
      const again = await store.alerts.upsertMany([draft({ at: T0 + 5000 })]);
      expect(again.created).toHaveLength(1);
      expect(again.created[0]).not.toBe(a.id);
      const resolved = store.alerts.get(a.id)!;
      expect(resolved.history.map((h) => [h.by, h.field, h.to])).toEqual([
        ['detection', 'created', 'New'],
        ['admin@example.com', 'status', 'Resolved'],
        ['admin@example.com', 'classification', 'True positive'],
      ]);
      expect(resolved.comment).toBe('blocked');
    } finally {
      await store.close();
    }
    // Everything survives a restart, de-duplication state included.
    const reopened = await openStore(dir);
    try {
      expect(reopened.alerts.count()).toBe(4);
      const r = await reopened.alerts.upsertMany([draft({ user: 'bob@example.com' })]);
      expect(r.created).toEqual([]);
    } finally {
      await reopened.close();
    }
  });

  it('refuses a classification without resolving, and an unknown id', async () => {
    const store = await openStore(tempDir());
    try {
      const { created } = await store.alerts.upsertMany([draft()]);
      await expect(store.alerts.update(created[0]!, { classification: 'False positive' }, 'me')).rejects.toThrow(
        /resolving/,
      );
      await expect(store.alerts.update('AL-999999', { status: 'Resolved' }, 'me')).rejects.toThrow(/no alert/);
    } finally {
      await store.close();
    }
  });

  it('queries by status, severity, policy and user with keyset paging that holds while alerts arrive', async () => {
    const store = await openStore(tempDir());
    try {
      const drafts = Array.from({ length: 25 }, (_, k) =>
        draft({
          key: `k${k}`,
          user: k % 2 ? 'bob@example.com' : 'alice@example.com',
          severity: k % 3 ? 'Medium' : 'High',
          policy: k % 5 ? 'impossible-travel' : 'anonymous-ip',
        }),
      );
      await store.alerts.upsertMany(drafts);
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 10; i++) {
        const page = store.alerts.query({ user: 'bob' }, cursor, 5);
        seen.push(...page.items.map((a) => a.id));
        if (i === 0) await store.alerts.upsertMany([draft({ key: 'late', user: 'bob@example.com' })]);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toHaveLength(12);
      expect(new Set(seen).size).toBe(12);
      expect(store.alerts.query({ severity: 'High' }, null, 100).items.every((a) => a.severity === 'High')).toBe(true);
      expect(store.alerts.query({ policy: 'anonymous-ip' }, null, 100).items).toHaveLength(5);
      expect(store.alerts.query({ status: 'Resolved' }, null, 100).items).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('raises system alerts once per cause', async () => {
    const store = await openStore(tempDir());
    try {
      const id = await store.alerts.raiseSystem({
        key: 'token_invalid',
        title: 'Connector in Error',
        description: 'Reconnect',
      });
      expect(
        await store.alerts.raiseSystem({ key: 'token_invalid', title: 'Connector in Error', description: 'Reconnect' }),
      ).toBe(id);
      expect(store.alerts.get(id)).toMatchObject({ policy: 'system:connector', users: [], count: 2 });
    } finally {
      await store.close();
    }
  });

  it('ranks users by open alerts fading over the 7 days after each alert last fired', async () => {
    let clock = T0 - 3.5 * DAY;
    const alerts = await openAlerts(() => clock);
    // Raised and seen 3.5 days ago: half its weight is left.
    await alerts.upsertMany([draft({ key: 'x', severity: 'Medium', at: T0 - 3.5 * DAY })]);
    clock = T0;
    await alerts.upsertMany([draft({ at: T0 })]);
    const p = alerts.priority('alice@example.com', T0);
    expect(p.score).toBe(30 + 7.5);
    expect(p.alerts.map((x) => x.contribution)).toEqual([30, 7.5]);
    expect(alerts.openLoadByUser(T0).get('alice@example.com')).toEqual({ open: 2, score: 37.5 });
    expect(alerts.priority('alice@example.com', T0 + 8 * DAY).score).toBe(0);
  });

  it('weighs an alert a back-fill raised today about last month fully today, not as already faded', async () => {
    const alerts = await openAlerts(() => T0);
    await alerts.upsertMany([draft({ at: T0 - 30 * DAY })]);
    const p = alerts.priority('alice@example.com', T0);
    expect(p.score).toBe(30);
    expect(p.alerts[0]).toMatchObject({ ageDays: 0, contribution: 30 });
    expect(alerts.openLoadByUser(T0 + 3.5 * DAY).get('alice@example.com')?.score).toBe(15);
    expect(alerts.priority('alice@example.com', T0 + 7 * DAY).score).toBe(0);
  });

  it('quarantines a damaged alerts file and keeps working', async () => {
    const dir = tempDir();
    const s1 = await openStore(dir);
    await s1.alerts.upsertMany([draft()]);
    await s1.close();
    fs.writeFileSync(path.join(dir, 'store', 'alerts.json'), '{"v":1,"alerts":[{"oops"');
    const s2 = await openStore(dir);
    try {
      expect(s2.alerts.count()).toBe(0);
      expect(s2.corruptions().some((c) => c.file === 'alerts.json')).toBe(true);
    } finally {
      await s2.close();
    }
  });
});
