// What the Connector screen reads beyond the status (issue 11 req 4), over the real connector,
// a real store on disk and a Workplace-compatible server on loopback: the history of the last
// syncs, the permissions as the last sync found them, the determinate first-sync progress, and
// a failed connect that says why and what to do for the way it was tried.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../../../preload/contract';
import { connectorPermissions } from '../../../../main/console/connector-ops';
import { GuardEvents } from '../../../../main/runtime/events';
import type { Store } from '../../../../main/store/types';
import { type Connector } from '../../../../main/sync/connector';
import { KEEP_SYNCS, readSyncHistory, recordSync, SYNC_HISTORY_KEY } from '../../../../main/sync/sync-history';
import type { SyncResult } from '../../../../main/sync/engine';
import { IDLE_PROGRESS } from '../../../../main/sync/progress';
import { makeEvents, startFakeWorkplace, type FakeWorkplace } from './fixtures/fake-workplace';
import { openStore, tempDir } from './fixtures/temp-store';
import { testConnector } from './fixtures/test-connector';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 4, 20, 12, 0, 0);

let fw: FakeWorkplace;
let dir: string;
let store: Store;
let events: GuardEvents;
let connector: Connector;
let clock: number;

beforeEach(async () => {
  fw = await startFakeWorkplace({ pageSize: 20 });
  fw.users = [{ id: 'u1', email: 'ann@bw.example', name: 'Ann', admin: true }];
  fw.events = makeEvents(100, NOW - 10 * DAY, NOW - 1000);
  dir = tempDir('guard-insights-');
  store = await openStore(dir);
  events = new GuardEvents();
  clock = NOW;
  connector = testConnector(store, dir, {
    events,
    now: () => clock,
  });
});
afterEach(async () => {
  await connector.close();
  await store.close();
  await fw.close();
});

describe('sync history', () => {
  it('records each finished sync, newest first, and keeps it across a reopen of the store', async () => {
    await connector.connectToken({ token: 'integration-token-1', apiBase: fw.base });
    await connector.waitForIdle();
    clock += 60_000;
    fw.faults.errors.set('/security_audit_logs', 190);
    await connector.syncNow();
    await connector.waitForIdle();

    const history = readSyncHistory(store.meta);
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({ outcome: 'failed', error: { code: 'token_invalid' }, added: 0 });
    expect(history[1]).toMatchObject({ outcome: 'ok', users: 1, added: 100, error: null, startedAt: NOW });

    await connector.close();
    await store.close();
    store = await openStore(dir);
    expect(readSyncHistory(store.meta)).toEqual(history);
  });

  it('keeps only the newest entries and drops unreadable ones instead of failing', async () => {
    const result = (i: number): SyncResult => ({
      ok: true,
      cancelled: false,
      error: null,
      fix: null,
      errorKind: null,
      users: 1,
      added: i,
      duplicates: 0,
      quarantined: 0,
      warnings: [],
      disabledFeatures: [],
      startedAt: i * 1000,
      finishedAt: i * 1000 + 500,
      progress: IDLE_PROGRESS,
    });
    for (let i = 1; i <= KEEP_SYNCS + 5; i++) await recordSync(store.meta, result(i));
    const kept = readSyncHistory(store.meta);
    expect(kept).toHaveLength(KEEP_SYNCS);
    expect(kept[0].added).toBe(KEEP_SYNCS + 5);
    expect(readSyncHistory(store.meta, 3).map((h) => h.added)).toEqual([55, 54, 53]);

    await store.meta.set(SYNC_HISTORY_KEY, [{ startedAt: 'yesterday' }, kept[0], 42, { ...kept[1], outcome: '?' }]);
    expect(readSyncHistory(store.meta)).toEqual([kept[0]]);
    await store.meta.set(SYNC_HISTORY_KEY, { not: 'a list' });
    expect(readSyncHistory(store.meta)).toEqual([]);
  });
});

describe('permissions', () => {
  it('are unchecked before the first sync, then granted or missing as the sync found them', async () => {
    expect(connectorPermissions(connector.status()).items.every((p) => p.state === 'unchecked')).toBe(true);
    fw.faults.errors.set('/security_audit_logs', 10);
    await connector.connectToken({ token: 'integration-token-1', apiBase: fw.base });
    await connector.waitForIdle();
    const perms = connectorPermissions(connector.status());
    expect(perms.checkedAt).toBe(NOW);
    expect(perms.items.find((p) => p.permission === 'Read security audit logs')?.state).toBe('missing');
    expect(perms.items.filter((p) => p.state === 'granted').map((p) => p.permission)).toEqual(
      expect.arrayContaining(['Manage accounts', 'Read community info']),
    );
    expect(perms.items.some((p) => p.state === 'unchecked')).toBe(false);
  });
});

describe('first-sync progress', () => {
  it('reports the share of the window covered, rising to 1, never ahead of the phase', async () => {
    const seen: SyncProgress[] = [];
    events.on('sync.progress', (p) => seen.push(p));
    await connector.connectToken({ token: 'integration-token-1', apiBase: fw.base });
    await connector.waitForIdle();
    const during = seen.filter((p) => p.phase === 'activities' && typeof p.windowFraction === 'number');
    expect(during.length).toBeGreaterThan(2);
    const fractions = during.map((p) => p.windowFraction!);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.some((f) => f > 0 && f < 1)).toBe(true);
    expect(seen.filter((p) => p.phase === 'users').every((p) => !p.windowFraction)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ phase: 'done', windowFraction: 1 });
  });
});

describe('a failed connect', () => {
  it('says, for a refused token, to copy or create the token again — not to approve consent', async () => {
    fw.faults.errors.set('/community', 190);
    const err = await connector.connectToken({ token: 'bad-token-123', apiBase: fw.base }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'token_invalid' });
    const message = (err as Error).message;
    expect(message).toMatch(/^Connecting with the custom integration token failed: Workplace rejected/);
    expect(message).toMatch(/Fix: Copy the access token again from the Workplace Admin Panel/);
    expect(message).not.toMatch(/consent/i);
    expect(connector.status().state).toBe('not_connected');
  });

  it('says, for unreachable servers, to check the network and the API base URL', async () => {
    await fw.close();
    const err = await connector
      .connectToken({ token: 'integration-token-1', apiBase: fw.base })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'network' });
    expect((err as Error).message).toMatch(/Fix: Check this computer’s network connection, and the API base URL/);
    fw = await startFakeWorkplace();
  });

  it('says, for a missing permission, which permissions to grant and where', async () => {
    fw.faults.errors.set('/community', 10);
    const err = await connector
      .connectToken({ token: 'integration-token-1', apiBase: fw.base })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'permission_missing' });
    expect((err as Error).message).toMatch(/Fix: In the Workplace Admin Panel .*“Read community info”/);
  });
});
