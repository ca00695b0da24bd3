// Issue 8 req 4 (the sync's side): a saved page cursor that fails for any reason is dropped after
// one retry and the rest of the window re-read, so it cannot break every later sync; and
// disconnect leaves no cursor behind for a reconnect to trip over.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GuardEvents } from '../../../../main/runtime/events';
import type { Store } from '../../../../main/store/types';
import { CHECKPOINT_KEY, type ActivityCheckpoint } from '../../../../main/sync/checkpoint';
import { runSync, type SyncRunOptions } from '../../../../main/sync/engine';
import { createWorkplaceClient } from '../../../../main/workplace/client';
import { integrationToken } from '../../../../main/workplace/credentials';
import { resolveUrls } from '../../../../main/workplace/urls';
import { makeEvents, startFakeWorkplace, type FakeWorkplace } from './fixtures/fake-workplace';
import { openStore, storedIds, tempDir } from './fixtures/temp-store';
import { testConnector } from './fixtures/test-connector';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 4, 20, 12, 0, 0);
let fw: FakeWorkplace;
let store: Store;
let dir: string;

beforeEach(async () => {
  fw = await startFakeWorkplace({ pageSize: 40 });
  fw.users = [{ id: 'u1', email: 'ann@brightwave.example', name: 'Ann' }];
  fw.events = makeEvents(400, NOW - 10 * DAY, NOW - 1000);
  dir = tempDir('guard-cursor-');
  store = await openStore(dir);
});
afterEach(async () => {
  await store.close();
  await fw.close();
});

function sync(extra: Partial<SyncRunOptions> = {}) {
  const client = createWorkplaceClient({
    urls: resolveUrls({ apiBase: fw.base }),
    credentials: integrationToken('integration-token'),
    userAgent: 'test',
    sleep: async () => undefined,
    auditPageLimit: 40,
  });
  return runSync({ store, client, orgId: 'org-1', enricher: null, backfillDays: 30, now: () => NOW, ...extra });
}
const checkpoint = () => store.meta.get<ActivityCheckpoint>(CHECKPOINT_KEY)!;

/** A first sync stopped after `pages` committed pages: a walk with a saved cursor. */
async function interrupted(pages: number): Promise<string> {
  const ac = new AbortController();
  let n = 0;
  const r = await sync({ signal: ac.signal, onActivitiesCommitted: () => void (++n === pages && ac.abort()) });
  expect(r.cancelled).toBe(true);
  const cursor = checkpoint().walk?.cursor;
  expect(cursor).toEqual(expect.any(String));
  return cursor!;
}

const auditAfters = () => fw.auditRequests.map((u) => u.searchParams.get('after'));

describe('a saved cursor that fails', () => {
  it('one the server keeps failing on: tried, then dropped; the window is re-read and nothing is lost', async () => {
    await interrupted(3);
    // A cursor of the server's own format that it now fails on (its cursors are offsets, so a real
    // one would recur in the re-read window: this one is unique).
    const cp = checkpoint();
    await store.meta.set(CHECKPOINT_KEY, { ...cp, walk: { ...cp.walk!, cursor: 'after:doomed-cursor' } });
    fw.faults.failCursor = 'doomed-cursor';
    fw.auditRequests.length = 0;
    const warnings: string[] = [];
    const r = await sync({ onWarning: (w) => warnings.push(w) });
    expect(r.error).toBeNull();
    expect(r.ok).toBe(true);
    expect(warnings.join('\n')).toMatch(/no longer accepts the saved position/);
    expect(await storedIds(store)).toEqual(fw.idsBetween(NOW - 30 * DAY));
    // Asked for with the bad cursor, then the walk started over without one.
    expect(auditAfters()[0]).toBe(fw.faults.failCursor);
    expect(auditAfters()).toContain(null);
    // And the next sync does not meet it again.
    fw.auditRequests.length = 0;
    expect((await sync()).ok).toBe(true);
    expect(auditAfters()).not.toContain(fw.faults.failCursor);
  });

  it('one that cannot even be sent (not a URL): dropped without a request; the window is re-read', async () => {
    await interrupted(2);
    const cp = checkpoint();
    await store.meta.set(CHECKPOINT_KEY, { ...cp, walk: { ...cp.walk!, cursor: 'http://user:pw@[broken' } });
    fw.auditRequests.length = 0;
    const r = await sync();
    expect(r.error).toBeNull();
    expect(await storedIds(store)).toEqual(fw.idsBetween(NOW - 30 * DAY));
    expect(checkpoint().walk).toBeNull();
  });
});

describe('disconnect', () => {
  it('clears the walk cursor; a reconnect re-reads the rest of the window from its start', async () => {
    const events = new GuardEvents();
    const connector = testConnector(store, dir, {
      events,
      now: () => NOW,
    });
    try {
      await connector.connectToken({ token: 'integration-token-1', apiBase: fw.base, backfillDays: 30 });
      await connector.waitForIdle();
      // An interrupted walk left behind, as a sync killed mid-way would leave it.
      const cp = checkpoint();
      await store.meta.set(CHECKPOINT_KEY, {
        ...cp,
        covered: null,
        walk: {
          since: NOW - 30 * DAY,
          until: NOW,
          fetchUntil: NOW,
          cursor: 'after:stale-cursor-from-another-session',
          oldestAt: NOW - 2 * DAY,
          newestAt: NOW - 1000,
          pages: 3,
          events: 120,
          startedAt: NOW,
        },
      } satisfies ActivityCheckpoint);
      await connector.disconnect();
      expect(checkpoint().walk).toMatchObject({ cursor: null, since: NOW - 30 * DAY });

      fw.auditRequests.length = 0;
      await connector.connectToken({ token: 'integration-token-1', apiBase: fw.base, backfillDays: 30 });
      const r = await connector.waitForIdle();
      expect(r.error).toBeNull();
      expect(auditAfters()[0]).toBeNull();
      expect(auditAfters()).not.toContain('stale-cursor-from-another-session');
      expect(await storedIds(store)).toEqual(fw.idsBetween(NOW - 30 * DAY));
    } finally {
      await connector.close();
    }
  });
});
