// The fault suite's rig: the sync tests' fake Workplace holding the data, the hostile proxy in
// front of it, a real store on disk, and the real sync engine driven through the real client —
// with a short request deadline, so "bounded" means the call returns, not a wall-clock limit.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { Store } from '../../../../../main/store/types';
import { runSync, type SyncResult, type SyncRunOptions } from '../../../../../main/sync/engine';
import { createWorkplaceClient } from '../../../../../main/workplace/client';
import { integrationToken } from '../../../../../main/workplace/credentials';
import type { WaitInfo } from '../../../../../main/workplace/http';
import { resolveUrls } from '../../../../../main/workplace/urls';
import { makeEvents, startFakeWorkplace, type FakeWorkplace } from '../../sync/fixtures/fake-workplace';
import { openStore, storedIds, tempDir } from '../../sync/fixtures/temp-store';
import { startHostileWorkplace, type HostileWorkplace } from './hostile-workplace';

export const DAY = 86_400_000;
export const NOW = Date.UTC(2026, 4, 20, 12, 0, 0);
export const PAGE = 40;
/**
 * The request deadline in these tests: well under the 30 s default so a stall costs little, yet
 * long enough that a loaded CI machine does not miss it on a healthy request (the stall tests
 * pass a shorter one and assert nothing that a spurious retry could change).
 */
export const TEST_TIMEOUT_MS = 8000;

export interface Rig {
  fw: FakeWorkplace;
  hostile: HostileWorkplace;
  store: Store;
  dir: string;
  /** Every wait the client announced (rate limits, retries), with its `until`. */
  waits: WaitInfo[];
  /** unhandledRejection / uncaughtException seen while the rig was up: must stay empty. */
  crashes: unknown[];
  sync(extra?: Partial<SyncRunOptions>): Promise<SyncResult>;
  /** The server behaves again: one more sync, then every event is stored exactly once. */
  behaveAndCheck(): Promise<SyncResult>;
  close(): Promise<void>;
}

export async function startRig(opts: { events?: number; timeoutMs?: number } = {}): Promise<Rig> {
  const fw = await startFakeWorkplace({ pageSize: PAGE });
  fw.users = [
    { id: 'u1', email: 'ann@brightwave.example', name: 'Ann', admin: true },
    { id: 'u2', email: 'bob@brightwave.example', name: 'Bob' },
  ];
  fw.events = makeEvents(opts.events ?? 200, NOW - 10 * DAY, NOW - 1000);
  const hostile = await startHostileWorkplace(fw.base);
  const dir = tempDir('guard-faults-');
  const store = await openStore(dir);
  const waits: WaitInfo[] = [];
  const crashes: unknown[] = [];
  const onCrash = (reason: unknown) => void crashes.push(reason);
  process.on('unhandledRejection', onCrash);
  process.on('uncaughtException', onCrash);
  let clock = NOW;

  const sync = (extra: Partial<SyncRunOptions> = {}) => {
    const client = createWorkplaceClient({
      urls: resolveUrls({ apiBase: hostile.base }),
      credentials: integrationToken('integration-token'),
      userAgent: 'fault-suite',
      auditPageLimit: PAGE,
      timeoutMs: opts.timeoutMs ?? TEST_TIMEOUT_MS,
      retry: { maxAttempts: 3, maxRateLimitWaits: 3 },
      now: () => clock,
      // Waits pass at once, but move the clock, as the real ones would.
      sleep: async (ms, signal) => {
        signal?.throwIfAborted();
        clock += ms;
      },
      onWait: (w) => void waits.push(w),
    });
    return runSync({ store, client, orgId: 'org-1', enricher: null, backfillDays: 30, now: () => clock, ...extra });
  };

  return {
    fw,
    hostile,
    store,
    dir,
    waits,
    crashes,
    sync,
    async behaveAndCheck() {
      hostile.behave();
      clock += 60_000;
      const r = await sync();
      expect(r.error).toBeNull();
      expect(r.ok).toBe(true);
      const ids = await storedIds(store);
      expect(ids).toEqual(fw.idsBetween(NOW - 30 * DAY));
      expect(new Set(ids).size).toBe(ids.length);
      expect(crashes).toEqual([]);
      return r;
    },
    async close() {
      process.off('unhandledRejection', onCrash);
      process.off('uncaughtException', onCrash);
      await store.close();
      await hostile.close();
      await fw.close();
    },
  };
}

/** A failed sync reports one clear line (no stack, no newline) and a status a person can act on. */
export function expectOneClearLine(r: SyncResult, pattern: RegExp): void {
  expect(r.ok).toBe(false);
  expect(r.progress.phase).toBe('failed');
  expect(r.error?.message).toMatch(pattern);
  expect(r.error?.message).not.toMatch(/\n|\bat .*\.ts:\d+/);
}

/** Another origin that answers every request with an empty page — the trap of a blind redirect. */
export async function startImpostor(): Promise<{ base: string; hits: number; close(): Promise<void> }> {
  const state = { hits: 0 };
  const server = http.createServer((_req, res) => {
    state.hits++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: [], paging: {} }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    base,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  });
}
