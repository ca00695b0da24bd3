import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runSync, type SyncRunOptions } from '../../../../main/sync/engine';
import { CHECKPOINT_KEY, type ActivityCheckpoint } from '../../../../main/sync/checkpoint';
import { readQuarantine } from '../../../../main/sync/quarantine';
import type { Store } from '../../../../main/store/types';
import { createWorkplaceClient } from '../../../../main/workplace/client';
import { integrationToken } from '../../../../main/workplace/credentials';
import { resolveUrls } from '../../../../main/workplace/urls';
import { makeEvents, startFakeWorkplace, type FakeWorkplace } from './fixtures/fake-workplace';
import { openStore, storedIds, tempDir } from './fixtures/temp-store';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 4, 20, 12, 0, 0);
let fw: FakeWorkplace;
let store: Store;
let dir: string;
let clock = NOW;

beforeEach(async () => {
  fw = await startFakeWorkplace({ pageSize: 40 });
  fw.users = [
    { id: 'u1', email: 'ann@brightwave.example', name: 'Ann', admin: true },
    { id: 'u2', email: 'bob@brightwave.example', name: 'Bob' },
  ];
  dir = tempDir();
  store = await openStore(dir);
  clock = NOW;
});
afterEach(async () => {
  await store.close();
  await fw.close();
});

const noWait = async (_ms: number, signal?: AbortSignal) => signal?.throwIfAborted();
function sync(extra: Partial<SyncRunOptions> = {}) {
  const client = createWorkplaceClient({
    urls: resolveUrls({ apiBase: fw.base }),
    credentials: integrationToken('integration-token'),
    userAgent: 'test',
    sleep: noWait,
    auditPageLimit: 40,
  });
  return runSync({ store, client, orgId: 'org-1', enricher: null, backfillDays: 30, now: () => clock, ...extra });
}
const checkpoint = () => store.meta.get<ActivityCheckpoint>(CHECKPOINT_KEY)!;

/** Holds the store's first append until the returned function is called. */
function holdFirstCommit(): () => void {
  const append = store.activities.append.bind(store.activities);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let calls = 0;
  store.activities.append = async (batch) => {
    if (calls++ === 0) await held;
    return append(batch);
  };
  return release;
}

describe('sync engine', () => {
  it('first sync: users merged from SCIM and Graph, then the back-fill window, newest first', async () => {
    fw.events = [
      ...makeEvents(300, NOW - 29 * DAY, NOW - 1000),
      ...makeEvents(20, NOW - 40 * DAY, NOW - 31 * DAY, 'old'),
    ];
    const progress: string[] = [];
    const r = await sync({ onProgress: (p) => progress.push(p.phase) });
    expect(r).toMatchObject({ ok: true, users: 2, added: 300, quarantined: 0 });
    expect(await storedIds(store)).toEqual(fw.idsBetween(NOW - 30 * DAY));
    const ann = store.users.get('u1')!;
    expect(ann).toMatchObject({ email: 'ann@brightwave.example', admin: true, authMethod: 'sso' });
    expect(ann.raw.scim).toBeDefined();
    expect(ann.raw.graph).toBeDefined();
    expect(progress[0]).toBe('users');
    expect(progress).toContain('activities');
    expect(progress.at(-1)).toBe('done');
    expect(checkpoint()).toMatchObject({ covered: { since: NOW - 30 * DAY, until: NOW }, walk: null });
    const a = (await store.activities.query({}, null, 1)).items[0];
    expect(a).toMatchObject({ type: expect.any(String), event: expect.any(String) });
  });

  it('later syncs resume from the covered edge with an overlap, de-duplicating', async () => {
    fw.events = makeEvents(100, NOW - 5 * DAY, NOW - 1000);
    await sync();
    clock = NOW + 3600_000;
    fw.events.push(...makeEvents(30, NOW + 1000, clock - 1000, 'new'));
    fw.auditRequests.length = 0;
    const r = await sync({ overlapMs: 15 * 60_000 });
    expect(r.added).toBe(30);
    expect(r.users).toBe(0); // users are refreshed every few hours, not every sync
    expect(Number(fw.auditRequests[0].searchParams.get('since'))).toBe(Math.floor((NOW - 15 * 60_000) / 1000));
    expect(await storedIds(store)).toEqual(fw.idsBetween(0));
  });

  it('"from now on only" (0 days) keeps no history', async () => {
    fw.events = makeEvents(50, NOW - 5 * DAY, NOW - 1000);
    const r = await sync({ backfillDays: 0 });
    expect(r.added).toBe(0);
    clock = NOW + 60_000;
    fw.events.push(...makeEvents(5, NOW + 1000, NOW + 50_000, 'live'));
    expect((await sync({ backfillDays: 0 })).added).toBe(5);
  });

  it('resumes an interrupted walk from its saved cursor without gaps or re-reading', async () => {
    fw.events = makeEvents(400, NOW - 10 * DAY, NOW - 1000);
    const ac = new AbortController();
    // Pages that arrive during a commit are committed together: cancel once 160 are stored.
    let committed = 0;
    const r1 = await sync({
      signal: ac.signal,
      onActivitiesCommitted: (added) => void ((committed += added.length) >= 160 && ac.abort()),
    });
    expect(r1.cancelled).toBe(true);
    const walk = checkpoint().walk!;
    expect(walk.cursor).not.toBeNull();
    expect(walk.pages).toBeGreaterThanOrEqual(4);
    expect(walk.pages).toBeLessThan(10);
    fw.auditRequests.length = 0;
    const r2 = await sync();
    expect(r2.ok).toBe(true);
    expect(fw.auditRequests[0].searchParams.get('after')).not.toBeNull();
    // Only the pages after the saved position are read again.
    expect(fw.auditRequests).toHaveLength(10 - walk.pages);
    expect(await storedIds(store)).toEqual(fw.idsBetween(NOW - 30 * DAY));
  });

  it('commits the pages that arrive during a slow commit together, reading only a few pages ahead', async () => {
    fw.events = makeEvents(400, NOW - 10 * DAY, NOW - 1000);
    // The first commit is held until the walk has read as far ahead as it may.
    const release = holdFirstCommit();
    const batches: number[] = [];
    const running = sync({ onActivitiesCommitted: (added) => void batches.push(added.length) });
    // Page 1 in its commit, pages 2–5 waiting for it, pages 6–8 fetched ahead (the prefetch).
    await vi.waitFor(() => expect(fw.auditRequests.length).toBeGreaterThanOrEqual(8));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fw.auditRequests).toHaveLength(8);
    release();
    const r = await running;
    expect(r.ok).toBe(true);
    expect(fw.auditRequests).toHaveLength(10);
    expect(batches[0]).toBe(40);
    expect(batches[1]).toBe(4 * 40);
    expect(batches.length).toBeLessThan(10);
    expect(Math.max(...batches)).toBeLessThanOrEqual(4 * 40);
    expect(await storedIds(store)).toEqual(fw.idsBetween(NOW - 30 * DAY));
    expect(checkpoint()).toMatchObject({ covered: { until: NOW }, walk: null });
  });

  it('a fetch that fails behind a slow commit still commits every page read before it', async () => {
    fw.events = makeEvents(400, NOW - 10 * DAY, NOW - 1000);
    const release = holdFirstCommit();
    const running = sync();
    await vi.waitFor(() => expect(fw.auditRequests.length).toBeGreaterThanOrEqual(8));
    // Every request from here on is refused: the token expired while pages 2–8 waited.
    fw.faults.errors.set('/security_audit_logs', 190);
    release();
    const r = await running;
    expect(r.error?.code).toBe('token_invalid');
    expect(r.added).toBe(8 * 40);
    expect(await storedIds(store)).toHaveLength(8 * 40);
    expect(checkpoint().walk).toMatchObject({ pages: 8, events: 8 * 40 });
  });

  it('after finishing a resumed walk, also walks what arrived since it began', async () => {
    fw.events = makeEvents(400, NOW - 10 * DAY, NOW - 1000);
    const ac = new AbortController();
    let pages = 0;
    await sync({ signal: ac.signal, onActivitiesCommitted: () => void (++pages === 2 && ac.abort()) });
    clock = NOW + 3 * 3600_000;
    fw.events.push(...makeEvents(90, NOW + 1000, clock - 1000, 'later'));
    const r = await sync();
    expect(r.ok).toBe(true);
    expect(await storedIds(store)).toEqual(fw.idsBetween(NOW - 30 * DAY));
    expect(checkpoint()).toMatchObject({ covered: { until: clock }, walk: null });
  });

  it('re-walks the rest of the window when the saved cursor is refused', async () => {
    fw.events = makeEvents(400, NOW - 10 * DAY, NOW - 1000);
    const ac = new AbortController();
    let pages = 0;
    await sync({ signal: ac.signal, onActivitiesCommitted: () => void (++pages === 3 && ac.abort()) });
    fw.faults.rejectOldCursors = true;
    fw.newCursorEpoch();
    const warnings: string[] = [];
    const r = await sync({ onWarning: (w) => warnings.push(w) });
    expect(r.ok).toBe(true);
    expect(warnings.join()).toMatch(/no longer accepts the saved position/);
    expect(await storedIds(store)).toEqual(fw.idsBetween(NOW - 30 * DAY));
  });

  it('quarantines malformed records, counts them, and keeps the rest of the page', async () => {
    fw.events = makeEvents(10, NOW - DAY, NOW - 1000);
    fw.faults.junk = [{ timestamp: 1 }, { id: 'bad-ts', timestamp: 'when?' }, 'junk'];
    const r = await sync();
    expect(r).toMatchObject({ ok: true, added: 10, quarantined: 3 });
    expect(r.progress.quarantined).toBe(3);
    const q = readQuarantine(store.meta);
    expect(q.count).toBe(3);
    expect(q.records.map((x) => x.reason)).toEqual(['missing id', expect.stringMatching(/timestamp/), 'not an object']);
    // The same page again (e.g. after a crash) does not count them twice.
    await store.meta.delete(CHECKPOINT_KEY);
    expect((await sync()).quarantined).toBe(0);
  });

  it('absorbs duplicates across pages and out-of-order timestamps', async () => {
    fw.events = makeEvents(200, NOW - 3 * DAY, NOW - 1000);
    [fw.events[10].timestamp, fw.events[150].timestamp] = [fw.events[150].timestamp, fw.events[10].timestamp];
    fw.faults.duplicateAcrossPages = true;
    const r = await sync();
    expect(r.added).toBe(200);
    expect(r.duplicates).toBeGreaterThan(0);
    expect(await storedIds(store)).toEqual(fw.idsBetween(0));
  });

  it('stops early when the server ignores since and hands back older history', async () => {
    fw.events = [
      ...makeEvents(80, NOW - 2 * DAY, NOW - 1000),
      ...makeEvents(400, NOW - 200 * DAY, NOW - 100 * DAY, 'ancient'),
    ];
    fw.faults.ignoreSince = true;
    const r = await sync({ backfillDays: 3 });
    expect(r.added).toBe(80);
    expect(fw.auditRequests.length).toBeLessThan(6);
    expect(await storedIds(store)).toEqual(fw.idsBetween(NOW - 3 * DAY));
  });

  it('a missing audit-log permission disables only security activity', async () => {
    fw.events = makeEvents(5, NOW - DAY, NOW);
    fw.faults.errors.set('/security_audit_logs', 10);
    const r = await sync();
    expect(r.ok).toBe(true);
    expect(r.users).toBe(2);
    expect(r.disabledFeatures).toEqual([{ feature: 'Security activity', permission: 'Read security audit logs' }]);
  });

  it('a missing SCIM permission still syncs users from Graph', async () => {
    fw.faults.errors.set('/Users', 200);
    const r = await sync();
    expect(r.users).toBe(2);
    expect(r.disabledFeatures.map((f) => f.permission)).toEqual(['Manage accounts']);
    expect(store.users.get('u2')?.raw.scim).toBeUndefined();
  });

  it('re-syncs the range of a corrupt partition and clears the report', async () => {
    fw.events = makeEvents(120, NOW - 2 * DAY, NOW - 1000);
    await sync();
    const before = await storedIds(store);
    await store.close();
    const day = new Date(NOW - DAY).toISOString().slice(0, 10);
    const dayDir = path.join(dir, 'store', 'activities', day);
    const victim = fs.readdirSync(dayDir).find((f) => f.endsWith('.json'))!;
    fs.writeFileSync(path.join(dayDir, victim), '{"activities": [ truncated');
    store = await openStore(dir);
    expect(store.corruptions()).toHaveLength(1);
    expect(store.corruptions()[0].range).not.toBeNull();
    expect(store.activities.count()).toBeLessThan(120);
    clock += 60_000;
    const r = await sync();
    expect(r.ok).toBe(true);
    expect(r.warnings.join()).toMatch(/Re-synced .* damaged/);
    expect(await storedIds(store)).toEqual(before);
    expect(store.corruptions()).toEqual([]);
  });

  it('a 190 fails the sync as token_invalid, keeping data', async () => {
    fw.events = makeEvents(5, NOW - DAY, NOW);
    await sync();
    fw.faults.errors.set('/security_audit_logs', 190);
    clock += 3600_000;
    const r = await sync();
    expect(r).toMatchObject({ ok: false, errorKind: 'token', error: { code: 'token_invalid' } });
    expect(store.activities.count()).toBe(5);
    expect(fw.allRequests.filter((q) => q.url.pathname === '/security_audit_logs').length).toBe(2);
  });

  describe('users and activity read at the same time', () => {
    /** A promise and its resolver, for holding the fake server's answers until a test says so. */
    function gate() {
      let open!: () => void;
      const opened = new Promise<void>((r) => (open = r));
      return { opened, open };
    }

    it('stores activity pages while the users are still being read, and says so in the progress', async () => {
      fw.events = makeEvents(300, NOW - 29 * DAY, NOW - 1000);
      // SCIM answers only once the progress, still in the users phase, counts stored activity: one
      // after the other, the sync would never get there (the hold gives up after 10 s so a
      // regression fails, not hangs). Opening it when pages were merely asked for raced the
      // commits on a busy machine: the users could finish before any page was stored.
      const stored = gate();
      fw.faults.holdUsers = () => Promise.race([stored.opened, new Promise<void>((r) => setTimeout(r, 10_000))]);
      const seen: { phase: string; activities: number; users: number }[] = [];
      const r = await sync({
        onProgress: (p) => {
          seen.push({ phase: p.phase, activities: p.activities, users: p.users });
          if (p.phase === 'users' && p.activities > 0) stored.open();
        },
      });
      expect(r).toMatchObject({ ok: true, users: 2, added: 300 });
      const whileUsers = seen.filter((p) => p.phase === 'users');
      expect(whileUsers[0]).toMatchObject({ activities: 0 });
      expect(Math.max(...whileUsers.map((p) => p.activities))).toBeGreaterThan(0);
      // Users first in the phases, then activity, then done: the bar's two steps in order.
      expect([...new Set(seen.map((p) => p.phase))]).toEqual(['users', 'activities', 'done']);
      expect(checkpoint()).toMatchObject({ usersSyncedAt: NOW, walk: null, covered: { until: NOW } });
    });

    it('a users failure stops the walk and is the sync error; the walk stays saved to resume', async () => {
      fw.events = makeEvents(300, NOW - 29 * DAY, NOW - 1000);
      const auditHeld = gate();
      // The first audit page is answered, the rest are held: the walk is under way when SCIM fails.
      fw.faults.holdAudit = () => (fw.auditRequests.length <= 1 ? Promise.resolve() : auditHeld.opened);
      fw.faults.holdUsers = async () => {
        while (fw.auditRequests.length < 2) await new Promise((r) => setTimeout(r, 5));
      };
      fw.faults.errors.set('/Users', 100);
      try {
        const r = await sync();
        expect(r).toMatchObject({ ok: false, cancelled: false, errorKind: 'client' });
        expect(r.error?.message).toMatch(/User accounts \(SCIM\)/);
      } finally {
        auditHeld.open();
      }
      expect(store.users.count()).toBe(0);
      // What was committed is kept and the checkpoint points past it, never ahead of it.
      const cp = checkpoint();
      expect(cp.usersSyncedAt).toBeNull();
      expect(cp.covered).toBeNull();
      expect(store.activities.count()).toBe(cp.walk?.events ?? 0);
      expect(fw.auditRequests.length).toBe(2);

      fw.faults.errors.clear();
      fw.faults.holdAudit = null;
      fw.faults.holdUsers = null;
      const again = await sync();
      expect(again).toMatchObject({ ok: true, users: 2 });
      expect(await storedIds(store)).toEqual(fw.idsBetween(NOW - 30 * DAY));
    });

    it('cancelling stops both reads: the result says cancelled, and the next sync completes', async () => {
      fw.events = makeEvents(300, NOW - 29 * DAY, NOW - 1000);
      const stop = new AbortController();
      const held = gate();
      // Both are under way when the admin cancels: users held, the walk past its first page.
      fw.faults.holdUsers = () => held.opened;
      fw.faults.holdAudit = () => (fw.auditRequests.length <= 1 ? Promise.resolve() : held.opened);
      const running = sync({ signal: stop.signal });
      while (fw.auditRequests.length < 2) await new Promise((r) => setTimeout(r, 5));
      stop.abort();
      try {
        const r = await running;
        expect(r).toMatchObject({ ok: false, cancelled: true, error: null });
        expect(r.progress.phase).toBe('cancelled');
      } finally {
        held.open();
      }
      expect(checkpoint().usersSyncedAt).toBeNull();
      fw.faults.holdUsers = null;
      fw.faults.holdAudit = null;
      expect(await sync()).toMatchObject({ ok: true, users: 2 });
      expect(await storedIds(store)).toEqual(fw.idsBetween(NOW - 30 * DAY));
    });

    it('an audit-log failure stops the users read and is the sync error', async () => {
      fw.events = makeEvents(50, NOW - 2 * DAY, NOW - 1000);
      const usersHeld = gate();
      fw.faults.holdUsers = () => usersHeld.opened;
      fw.faults.errors.set('/security_audit_logs', 100);
      try {
        const r = await sync();
        expect(r).toMatchObject({ ok: false, cancelled: false, errorKind: 'client' });
        expect(r.error?.message).toMatch(/Security activity/);
      } finally {
        usersHeld.open();
      }
      expect(checkpoint().usersSyncedAt).toBeNull();
      expect(store.activities.count()).toBe(0);
    });
  });
});
