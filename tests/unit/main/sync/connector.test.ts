import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorStatus } from '../../../../preload/contract';
import { GuardEvents } from '../../../../main/runtime/events';
import { MemorySecretStore } from '../../../../main/runtime/secrets';
import { FileSettingsStore } from '../../../../main/runtime/settings';
import type { Store } from '../../../../main/store/types';
import { createConnector, type Connector, type ConnectorDeps } from '../../../../main/sync/connector';
import { CONNECTION_KEY } from '../../../../main/sync/connection';
import { SYSTEM_ALERTS_KEY, type SystemAlert } from '../../../../main/sync/connector-status';
import type { Timers } from '../../../../main/sync/scheduler';
import { appsecretProof } from '../../../../main/workplace/appsecret-proof';
import { createDemoAutoConsentFlow } from '../../../../main/workplace/consent-auto';
import { makeEvents, startFakeWorkplace, type FakeWorkplace } from './fixtures/fake-workplace';
import { openStore, tempDir } from './fixtures/temp-store';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 4, 20, 12, 0, 0);

/** Timers the test fires by hand: no waiting. */
function manualTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      pending.set(next, { fn, ms });
      return next++;
    },
    clearTimeout: (h) => void pending.delete(h as number),
  };
  return {
    timers,
    pending,
    fireAll() {
      const all = [...pending.values()];
      pending.clear();
      for (const t of all) t.fn();
    },
  };
}

let fw: FakeWorkplace;
let dir: string;
let store: Store;
let events: GuardEvents;
let secrets: MemorySecretStore;
let connector: Connector;
let statuses: ConnectorStatus[];
let clock: number;
let timers: ReturnType<typeof manualTimers>;

function make(extra: Partial<ConnectorDeps> = {}): Connector {
  return createConnector({
    store,
    secrets,
    settings: new FileSettingsStore(dir),
    events,
    consentFlow: () => createDemoAutoConsentFlow(),
    userAgent: 'WorkplaceGuard-test',
    now: () => clock,
    http: { sleep: async () => undefined },
    timers: timers.timers,
    geolocationDir: null,
    ...extra,
  });
}

beforeEach(async () => {
  fw = await startFakeWorkplace({ pageSize: 50 });
  fw.users = [{ id: 'u1', email: 'ann@bw.example', name: 'Ann', admin: true }];
  fw.events = makeEvents(120, NOW - 10 * DAY, NOW - 1000);
  dir = tempDir('guard-connector-');
  store = await openStore(dir);
  events = new GuardEvents();
  secrets = new MemorySecretStore();
  statuses = [];
  events.on('connector.status', (s) => statuses.push(s));
  clock = NOW;
  timers = manualTimers();
  connector = make();
});
afterEach(async () => {
  await connector.close();
  await store.close();
  await fw.close();
});

describe('connector', () => {
  it('token: connecting → first sync → connected, with the first sync started before returning', async () => {
    const s = await connector.connectToken({ token: 'integration-token-1', apiBase: fw.base });
    expect(s).toMatchObject({
      state: 'first_sync',
      method: 'token',
      organisation: { id: 'org-1', name: 'Brightwave Logistics' },
      apiBase: fw.base,
    });
    const result = await connector.waitForIdle();
    expect(result).toMatchObject({ ok: true, added: 120, users: 1 });
    expect(connector.status()).toMatchObject({
      state: 'connected',
      lastSyncAt: NOW,
      lastActivityAt: expect.any(Number),
      error: null,
    });
    expect(statuses.map((x) => x.state)).toEqual(expect.arrayContaining(['connecting', 'first_sync', 'connected']));
    // Secrets only through the secrets interface; the connection record holds none.
    expect(await secrets.get('workplace.accessToken')).toBe('integration-token-1');
    expect(JSON.stringify(store.meta.get(CONNECTION_KEY))).not.toContain('integration-token-1');
  });

  it('persists the status: a new connector over the same store reports it', async () => {
    await connector.connectToken({ token: 'integration-token-1', apiBase: fw.base });
    await connector.waitForIdle();
    const again = make();
    expect(again.status()).toMatchObject({ state: 'connected', organisation: { name: 'Brightwave Logistics' } });
    await again.close();
  });

  it('refuses a second organisation while connected, and keeps data labelled after disconnect', async () => {
    await connector.connectToken({ token: 'integration-token-1', apiBase: fw.base });
    await connector.waitForIdle();
    fw.org = { id: 'org-2', name: 'Other Org' };
    await expect(connector.connectToken({ token: 'integration-token-2', apiBase: fw.base })).rejects.toMatchObject({
      code: 'already_connected',
      message: expect.stringMatching(/holds the data of Brightwave Logistics \(org-1\); Other Org \(org-2\)/),
    });
    expect(connector.status().state).toBe('connected');
    expect(await secrets.get('workplace.accessToken')).toBe('integration-token-1');
    const d = await connector.disconnect();
    expect(d).toMatchObject({ state: 'disconnected', organisation: { name: 'Brightwave Logistics' } });
    expect(store.activities.count()).toBe(120);
    expect(await secrets.get('workplace.accessToken')).toBeNull();
    await expect(connector.syncNow()).rejects.toMatchObject({ code: 'not_connected' });
  });

  it('a bad token fails the connect with a clear error and leaves the state as it was', async () => {
    fw.faults.errors.set('/community', 190);
    await expect(connector.connectToken({ token: 'bad-token-123', apiBase: fw.base })).rejects.toMatchObject({
      code: 'token_invalid',
    });
    expect(connector.status().state).toBe('not_connected');
  });

  it('190 during a sync → Error with Reconnect as the fix, a system alert, and no retries on the timer', async () => {
    await connector.connectToken({ token: 'integration-token-1', apiBase: fw.base });
    await connector.waitForIdle();
    connector.startScheduler();
    await connector.waitForIdle();
    fw.faults.errors.set('/security_audit_logs', 190);
    clock += 16 * 60_000;
    timers.fireAll();
    const r = await connector.waitForIdle();
    expect(r.error?.code).toBe('token_invalid');
    const s = connector.status();
    expect(s.state).toBe('error');
    expect(s.error?.fix).toMatch(/^Reconnect/);
    const alerts = store.meta.get<SystemAlert[]>(SYSTEM_ALERTS_KEY)!;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'connector.error', code: 'token_invalid' });
    const calls = fw.allRequests.length;
    timers.fireAll();
    connector.onResume();
    connector.onOnline();
    await connector.waitForIdle();
    expect(fw.allRequests.length).toBe(calls);
    // Reconnecting the same organisation clears the error and keeps "connected" (first sync done).
    fw.faults.errors.clear();
    const again = await connector.connectToken({ token: 'integration-token-9', apiBase: fw.base });
    expect(again.state).toBe('connected');
    await connector.waitForIdle();
    expect(connector.status()).toMatchObject({ state: 'connected', error: null });
  });

  it('consent: auto-consent, code exchange, and appsecret_proof on every later call', async () => {
    const s = await connector.connectConsent({
      appId: 'app-1',
      appSecret: 'app-secret-1',
      apiBase: fw.base,
      demo: true,
    });
    expect(s).toMatchObject({ state: 'first_sync', method: 'demo' });
    await connector.waitForIdle();
    const apiCalls = fw.allRequests.filter(
      (r) => !['/dialog/work/app_install/', '/oauth/access_token'].includes(r.url.pathname),
    );
    expect(apiCalls.length).toBeGreaterThan(3);
    for (const r of apiCalls) {
      const time = Number(r.url.searchParams.get('appsecret_time'));
      expect(r.url.searchParams.get('appsecret_proof')).toBe(appsecretProof('consent-token-1', 'app-secret-1', time));
      expect(r.headers.authorization).toBe('Bearer consent-token-1');
      expect(r.headers['user-agent']).toBe('WorkplaceGuard-test');
    }
  });

  it('consent: a wrong state is refused', async () => {
    connector = make({
      consentFlow: () => ({
        authorize: async ({ buildUrl }) => ({
          code: 'GOOD-CODE',
          state: 'forged',
          redirectUri: new URL(buildUrl('http://127.0.0.1/cb')).searchParams.get('redirect_uri')!,
        }),
      }),
    });
    await expect(
      connector.connectConsent({ appId: 'a', appSecret: 'app-secret-1', apiBase: fw.base }),
    ).rejects.toMatchObject({ code: 'refused', message: expect.stringMatching(/state mismatch/) });
    expect(connector.status().state).toBe('not_connected');
  });

  it('closing the consent (cancel) refuses the connect and leaves nothing connected', async () => {
    let opened!: () => void;
    const dialogOpen = new Promise<void>((r) => (opened = r));
    connector = make({
      consentFlow: () => ({
        authorize: ({ signal }) =>
          new Promise((_resolve, reject) => {
            opened();
            signal?.addEventListener('abort', () => reject(new Error('window closed')));
          }),
      }),
    });
    const pending = connector.connectConsent({ appId: 'a', appSecret: 'app-secret-1', apiBase: fw.base });
    await dialogOpen;
    expect(connector.status().state).toBe('connecting');
    const after = await connector.cancelSync();
    await expect(pending).rejects.toMatchObject({ code: 'refused', message: 'Connecting was cancelled.' });
    expect(after.state).toBe('not_connected');
    expect(store.meta.get(CONNECTION_KEY)).toBeNull();
  });

  it('app credentials: token from /work_get_token used as Bearer', async () => {
    await connector.connectAppCredentials({ appId: 'ac-1', appSecret: 'ac-secret-1', apiBase: fw.base });
    await connector.waitForIdle();
    expect(connector.status()).toMatchObject({ state: 'connected', method: 'app_credentials' });
    expect(fw.allRequests.find((r) => r.url.pathname === '/security_audit_logs')?.headers.authorization).toBe(
      'Bearer admin-center-token',
    );
    expect(await secrets.get('workplace.appSecret')).toBe('ac-secret-1');
  });

  it('scheduler: at start, every N minutes after the last sync, on resume and online; never two at once', async () => {
    await connector.connectToken({ token: 'integration-token-1', apiBase: fw.base });
    await connector.waitForIdle();
    const audits = () => fw.auditRequests.length;
    connector.startScheduler();
    await connector.waitForIdle();
    expect(connector.status().nextSyncAt).toBe(clock + 15 * 60_000);
    let n = audits();
    clock += 15 * 60_000;
    timers.fireAll();
    await connector.waitForIdle();
    expect(audits()).toBeGreaterThan(n);
    n = audits();
    clock += 60_000;
    connector.onResume();
    const first = connector.waitForIdle();
    connector.onOnline();
    await connector.syncNow();
    const [a, b] = await Promise.all([first, connector.waitForIdle()]);
    expect(a).toBe(b);
    expect(audits()).toBe(n + 1);
    connector.stopScheduler();
    expect(connector.status().nextSyncAt).toBeNull();
  });

  it('cancelSync stops a running sync; the next one resumes', async () => {
    fw.events = makeEvents(600, NOW - 10 * DAY, NOW - 1000);
    let cancelled = false;
    connector = make({
      onActivitiesCommitted: async () => {
        if (!cancelled) {
          cancelled = true;
          // Not awaited: the sync being cancelled is waiting for this callback.
          void connector.cancelSync();
        }
      },
    });
    await connector.connectToken({ token: 'integration-token-1', apiBase: fw.base });
    const r = await connector.waitForIdle();
    expect(r.cancelled).toBe(true);
    expect(connector.status().state).toBe('first_sync');
    await connector.syncNow();
    const r2 = await connector.waitForIdle();
    expect(r2.ok).toBe(true);
    expect(store.activities.count()).toBe(600);
    expect(connector.status().state).toBe('connected');
  });
});
