// Issue 8 req 2: a store write that fails mid-sync ends the sync with one clear line naming the
// file and the fix, leaves no promise unobserved, and puts the connector in Error (serve stays up).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GuardEvents } from '../../../../main/runtime/events';
import type { Store } from '../../../../main/store/types';
import { CHECKPOINT_KEY, type ActivityCheckpoint } from '../../../../main/sync/checkpoint';
import { runSync } from '../../../../main/sync/engine';
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
let unhandled: unknown[];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);

beforeEach(async () => {
  fw = await startFakeWorkplace({ pageSize: 40 });
  fw.users = [{ id: 'u1', email: 'ann@brightwave.example', name: 'Ann', admin: true }];
  fw.events = makeEvents(400, NOW - 10 * DAY, NOW - 1000);
  dir = tempDir('guard-write-failure-');
  store = await openStore(dir);
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
});
afterEach(async () => {
  process.off('unhandledRejection', onUnhandled);
  await store.close();
  await fw.close();
});

function sync(target: Store) {
  const client = createWorkplaceClient({
    urls: resolveUrls({ apiBase: fw.base }),
    credentials: integrationToken('integration-token'),
    userAgent: 'test',
    sleep: async () => undefined,
    auditPageLimit: 40,
  });
  return runSync({ store: target, client, orgId: 'org-1', enricher: null, backfillDays: 30, now: () => NOW });
}

/**
 * The store, except that its activity appends fail like a full disk from the `failAt`-th call
 * on. The server answers each audit page only once the append before it has settled (and a turn
 * of the event loop has passed), so a failed write is always pending while the next page is
 * awaited — the moment an unobserved commit promise is reported as an unhandled rejection.
 */
function diskFullAfter(inner: Store, failAt: number): Store {
  // settled[k] resolves once append k (1-based) has settled; page k + 1 waits for it.
  const settled: { promise: Promise<void>; resolve: () => void }[] = [];
  const slot = (k: number) => {
    for (let i = settled.length; i <= k; i++) {
      let resolve!: () => void;
      settled.push({ promise: new Promise<void>((r) => (resolve = r)), resolve });
    }
    return settled[k];
  };
  slot(0).resolve();
  let requests = 0;
  fw.faults.holdAudit = async () => {
    await slot(requests++).promise;
    await new Promise((r) => setImmediate(r));
  };
  let calls = 0;
  const file = path.join(inner.dataDir, 'store', 'activities', '2026-05-15', '09.json');
  const activities = Object.create(inner.activities) as Store['activities'];
  activities.append = (batch) => {
    const k = ++calls;
    const attempt = k < failAt ? inner.activities.append(batch) : Promise.reject(enospc(file));
    void attempt.then(slot(k).resolve, slot(k).resolve);
    return attempt;
  };
  return Object.assign(Object.create(inner) as Store, { activities });
}

const enospc = (file: string) =>
  Object.assign(new Error(`ENOSPC: no space left on device, write '${file}'`), {
    code: 'ENOSPC',
    errno: -28,
    syscall: 'write',
    path: file,
  });

/** Puts a plain file where the store wants the folder of that UTC day's partitions. */
function blockDay(at: number): string {
  const blocker = path.join(dir, 'store', 'activities', new Date(at).toISOString().slice(0, 10));
  fs.mkdirSync(path.dirname(blocker), { recursive: true });
  fs.writeFileSync(blocker, 'not a folder');
  return blocker;
}

describe('a store write that fails mid-sync', () => {
  it('a full disk: one line naming the file and the fix, nothing unobserved, checkpoint behind the data', async () => {
    const r = await sync(diskFullAfter(store, 3));
    expect(r.ok).toBe(false);
    expect(unhandled).toEqual([]);
    expect(r.error?.message).toMatch(/2026-05-15[/\\]09\.json/);
    expect(r.error?.message).toMatch(/no space left/i);
    expect(r.fix).toMatch(/free (some )?space/i);
    expect(r.error?.message).not.toMatch(/\n/);
    expect(r.progress.phase).toBe('failed');
    // Two pages committed; the saved walk says no more than that, so the next sync resumes there.
    const cp = store.meta.get<ActivityCheckpoint>(CHECKPOINT_KEY)!;
    expect(cp.walk?.pages).toBe(2);
    expect(store.activities.count()).toBe(80);
    fw.faults.holdAudit = null;
    const again = await sync(store);
    expect(again.ok).toBe(true);
    expect(await storedIds(store)).toEqual(fw.idsBetween(NOW - 30 * DAY));
  });

  it('a folder replaced by a file (real disk): the sync fails with the path; once moved, it completes', async () => {
    const blocker = blockDay(NOW - 5 * DAY);
    const r = await sync(store);
    expect(r.ok).toBe(false);
    expect(r.error?.message).toContain(blocker);
    expect(r.fix).toMatch(/move .* aside|remove/i);
    expect(unhandled).toEqual([]);
    fs.rmSync(blocker);
    expect((await sync(store)).ok).toBe(true);
    expect(await storedIds(store)).toEqual(fw.idsBetween(NOW - 30 * DAY));
  });

  it('the connector goes to Error with the fix, and its next sync runs normally', async () => {
    const blocker = blockDay(NOW - 5 * DAY);
    const events = new GuardEvents();
    const connector = testConnector(store, dir, {
      events,
      now: () => NOW,
    });
    try {
      await connector.connectToken({ token: 'integration-token-1', apiBase: fw.base, backfillDays: 30 });
      const result = await connector.waitForIdle();
      expect(result.ok).toBe(false);
      const s = connector.status();
      expect(s.state).toBe('error');
      expect(s.error?.message).toContain(blocker);
      expect(s.error?.fix).toMatch(/move .* aside|remove/i);
      expect(unhandled).toEqual([]);
      fs.rmSync(blocker);
      await connector.syncNow();
      expect((await connector.waitForIdle()).ok).toBe(true);
      expect(connector.status().state).toBe('connected');
    } finally {
      await connector.close();
    }
  });
});
