// Archive or clear (another organisation connected) while detection still has work queued: the
// store's folder must not move under a detection write. Once seen: "Detection failed: ENOENT …
// rename store/.baselines.json.tmp". The switch waits for detection to judge what it queued and
// save its baselines in the old store; detection then carries on in the new one.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openLocalSession, type LocalSession } from '../../../../main/sync/local-session';
import { archiveDir, deleteStore, moveStoreTo } from '../../../../main/sync/organisation';
import { isSwitchable, type SwitchableStore } from '../../../../main/sync/switchable-store';
import type { StoredActivity } from '../../../../main/store/types';
import { makeEvents, startFakeWorkplace, type FakeWorkplace } from './fixtures/fake-workplace';
import { tempDir } from './fixtures/temp-store';

const DAY = 86_400_000;
let alpha: FakeWorkplace;
let beta: FakeWorkplace;
let dataDir: string;
let session: LocalSession | null = null;
let stderr: string[];

beforeEach(async () => {
  alpha = await startFakeWorkplace({ pageSize: 200 });
  alpha.org = { id: 'org-alpha', name: 'Alpha Freight' };
  alpha.users = [{ id: 'a1', email: 'ann@alpha.example', name: 'Ann' }];
  alpha.events = makeEvents(2000, Date.now() - 20 * DAY, Date.now() - 60_000, 'alpha');
  beta = await startFakeWorkplace({ pageSize: 200 });
  beta.org = { id: 'org-beta', name: 'Beta Bakeries' };
  beta.users = [{ id: 'b1', email: 'bo@beta.example', name: 'Bo' }];
  beta.events = makeEvents(60, Date.now() - 5 * DAY, Date.now() - 60_000, 'beta');
  dataDir = tempDir('guard-archive-detect-');
  stderr = [];
  // Detection reports its failures on stderr (sync-detection.ts): collected here, not printed.
  const write = process.stderr.write.bind(process.stderr);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    stderr.push(String(chunk));
    return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
  });
});
afterEach(async () => {
  await session?.close();
  session = null;
  vi.restoreAllMocks();
  await alpha.close();
  await beta.close();
});

async function allActivities(s: LocalSession): Promise<StoredActivity[]> {
  const out: StoredActivity[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const got = await s.store.activities.query({}, cursor, 1000);
    out.push(...got.items);
    cursor = got.nextCursor;
    if (!cursor) break;
  }
  return out;
}

/** Files under `dir` left half-written: a temp file is only ever there while a write runs. */
function strayFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tmp$|\.tmp-/.test(e.name))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe.each(['archive', 'clear'] as const)('%s while detection has queued work', (choice) => {
  it('waits for detection, reports no error and leaves no stray file', async () => {
    session = await openLocalSession(dataDir, {
      detection: true,
      extra: { geolocationDir: null, http: { sleep: async () => undefined } },
    });
    const s = session;
    await s.connector.connectToken({ token: 'integration-token-1', apiBase: alpha.base, backfillDays: 30 });
    expect((await s.connector.waitForIdle()).error).toBeNull();
    const pipeline = s.detection!.pipeline;
    await pipeline.settled();
    expect(isSwitchable(s.store)).toBe(true);
    const store = s.store as SwitchableStore;

    // Detection mid-evaluation (as when a sync has just ended) with more queued behind it — the
    // whole organisation again, as a re-read window commits it — and in the same tick the store is
    // set aside, as the connector does for another organisation (connector.ts setAside).
    const stored = await allActivities(s);
    expect(stored.length).toBe(2000);
    pipeline.onActivitiesCommitted(stored.slice(0, 1000));
    const inFlight = pipeline.settled();
    pipeline.onActivitiesCommitted(stored.slice(1000));
    expect(pipeline.detection.pendingCount()).toBeGreaterThan(0);
    const archive = archiveDir(dataDir, { id: 'org-alpha', name: 'Alpha Freight' }, Date.now());
    await store.replace(async () =>
      choice === 'archive' ? moveStoreTo(dataDir, archive) : deleteStore(dataDir, Date.now()),
    );

    // The evaluation that was running finished, in the old store, before it moved; nothing of it
    // is left queued for the new one.
    expect(await inFlight).not.toBeNull();
    expect(pipeline.detection.pendingCount()).toBe(0);
    expect(stderr.filter((line) => /Detection failed|ENOENT/.test(line))).toEqual([]);
    expect(strayFiles(dataDir)).toEqual([]);
    expect(store.alerts.count()).toBe(0);
    if (choice === 'archive') {
      // The old organisation's baselines were saved in its own store before it moved.
      expect(fs.existsSync(path.join(archive, 'store', 'baselines.json'))).toBe(true);
    }

    // Detection carries on in the new store: the next organisation syncs and is judged there.
    await s.connector.connectToken({
      token: 'integration-token-1',
      apiBase: beta.base,
      backfillDays: 30,
      otherOrganisation: 'clear',
    });
    expect((await s.connector.waitForIdle()).error).toBeNull();
    await pipeline.settled();
    expect(stderr.filter((line) => /Detection failed|ENOENT/.test(line))).toEqual([]);
    expect(strayFiles(dataDir)).toEqual([]);
    // Beta's activity spans its last 5 days, Alpha's 20: an alert seen earlier was judged from Alpha's.
    const fromAlpha = store.alerts.query({}, null, 500).items.filter((a) => a.firstSeen < Date.now() - 6 * DAY);
    expect(fromAlpha.map((a) => `${a.id} ${a.title}`)).toEqual([]);
  });
});
