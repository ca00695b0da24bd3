// The facade on its own: every operation of the contract against a real store in a temporary
// directory, real file-backed settings and secrets, and a real connector syncing from the demo
// community over loopback HTTP. Each answer is also checked against the contract's output schema.
import { openGovernance } from '../../../../main/console/governance-wiring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type ConsoleApi, type Settings } from '../../../../preload/contract';
import { createConsole } from '../../../../main/console/console';
import { startDemoServer, type DemoServer } from '../../../../main/demo/index';
import { GuardEvents } from '../../../../main/runtime/events';
import { FileSecretStore } from '../../../../main/runtime/secrets';
import { FileSettingsStore } from '../../../../main/runtime/settings';
import { openStore } from '../../../../main/store/index';
import type { Store } from '../../../../main/store/types';
import { createConnector, type Connector } from '../../../../main/sync/connector';
import { createDemoAutoConsentFlow } from '../../../../main/workplace/consent-auto';
import { tempDir } from '../../../support/cli';

let demo: DemoServer;
let dataDir: string;
let store: Store;
let connector: Connector;
let secrets: FileSecretStore;
let api: ConsoleApi;
const opened: string[] = [];
const settingsChanges: Settings[] = [];
let demoConnects = 0;

/** The answer, checked against the operation's output schema (what dispatch would do). */
async function valid<T>(feature: keyof typeof contract, method: string, answer: Promise<T>): Promise<T> {
  const value = await answer;
  const op = (contract[feature] as Record<string, { output: { parse(v: unknown): unknown } }>)[method];
  expect(op, `${feature}.${method} is in the contract`).toBeDefined();
  return op.output.parse(value) as T;
}

async function rejection(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  return p.then(
    () => {
      throw new Error('expected the operation to fail');
    },
    (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
  );
}

beforeAll(async () => {
  demo = await startDemoServer({ users: 40, days: 3 });
  dataDir = tempDir('guard-console-');
  store = await openStore(dataDir);
  secrets = new FileSecretStore(dataDir);
  const settings = new FileSettingsStore(dataDir);
  const events = new GuardEvents();
  connector = createConnector({
    store,
    secrets,
    settings,
    events,
    consentFlow: () => createDemoAutoConsentFlow(),
    userAgent: 'WorkplaceGuard-console-test',
  });
  api = createConsole({
    shell: 'node',
    name: 'Workplace Guard',
    version: '9.9.9',
    versions: { node: process.versions.node },
    dataDir,
    store,
    connector,
    settings,
    secrets,
    events,
    openExternal: async (url) => void opened.push(url),
    connectDemo: async () => {
      demoConnects++;
      return connector.status();
    },
    governance: await openGovernance({ store, secrets, userAgent: 'WorkplaceGuard-console-test' }),
    onSettingsChanged: (s) => settingsChanges.push(s),
  });
});
afterAll(async () => {
  await connector?.close();
  await store?.close();
  await demo?.close();
});

describe('console facade', () => {
  it('app.info describes this console: shell, data directory, keyring and attributions', async () => {
    const info = await valid('app', 'info', api.app.info(undefined));
    expect(info).toMatchObject({ name: 'Workplace Guard', version: '9.9.9', shell: 'node', dataDir });
    expect(info.keyring).toEqual(secrets.status());
    expect(info.attributions.map((a) => a.name)).toEqual(expect.arrayContaining([expect.stringMatching(/DB-IP/)]));
  });

  it('app.openExternal opens only vetted links', async () => {
    await expect(valid('app', 'openExternal', api.app.openExternal({ url: 'https://db-ip.com' }))).resolves.toEqual({
      ok: true,
    });
    expect(opened).toEqual(['https://db-ip.com/']);
    for (const url of ['http://example.com/', 'https://127.0.0.1/', 'https://user:pw@example.com/']) {
      expect((await rejection(api.app.openExternal({ url }))).code).toBe('refused');
    }
    expect(opened).toEqual(['https://db-ip.com/']);
  });

  it('before connecting: status is Not connected, sync and lists answer honestly', async () => {
    expect((await valid('connector', 'status', api.connector.status(undefined))).state).toBe('not_connected');
    expect((await rejection(api.connector.syncNow(undefined))).code).toBe('not_connected');
    expect(await valid('activities', 'list', api.activities.list({}))).toEqual({ items: [], nextCursor: null });
    expect(await valid('users', 'list', api.users.list({}))).toEqual({ items: [], nextCursor: null, total: 0 });
    expect(await valid('activities', 'countsByDay', api.activities.countsByDay({}))).toEqual([]);
  });

  it('connector.connectDemo is the demo starter the console was given', async () => {
    await valid('connector', 'connectDemo', api.connector.connectDemo(undefined));
    expect(demoConnects).toBe(1);
  });

  it('connector.connectToken connects and syncs everything into the store', async () => {
    const first = await valid(
      'connector',
      'connectToken',
      api.connector.connectToken({ token: demo.integrationToken, apiBase: demo.baseUrl }),
    );
    expect(first).toMatchObject({ state: 'first_sync', method: 'token', apiBase: demo.baseUrl });
    expect((await connector.waitForIdle()).ok).toBe(true);
    const status = await valid('connector', 'status', api.connector.status(undefined));
    expect(status).toMatchObject({ state: 'connected', error: null });
    expect(store.activities.count()).toBe(demo.groundTruth.eventCount());
  });

  it('activities.list pages newest first with the limit asked, 100 by default, and filters', async () => {
    const total = store.activities.count();
    expect(total).toBeGreaterThan(120);
    const byDefault = await valid('activities', 'list', api.activities.list({}));
    expect(byDefault.items).toHaveLength(100);
    const first = await valid('activities', 'list', api.activities.list({ limit: 7 }));
    expect(first.items).toHaveLength(7);
    expect(first.nextCursor).not.toBeNull();
    const second = await valid('activities', 'list', api.activities.list({ limit: 7, cursor: first.nextCursor! }));
    const ids = new Set(first.items.map((a) => a.id));
    expect(second.items.some((a) => ids.has(a.id))).toBe(false);
    const all = [...first.items, ...second.items].map((a) => a.at);
    expect(all).toEqual([...all].sort((a, b) => b - a));
    const type = first.items[0].type;
    const ofType = await valid('activities', 'list', api.activities.list({ filter: { type }, limit: 500 }));
    expect(ofType.items.length).toBeGreaterThan(0);
    expect(ofType.items.every((a) => a.type === type)).toBe(true);
  });

  it('activities.get returns the activity with its raw event, or not_found', async () => {
    const [one] = (await api.activities.list({ limit: 1 })).items;
    const got = await valid('activities', 'get', api.activities.get({ id: one.id }));
    expect(got).toMatchObject(one);
    expect(got.raw).toEqual(expect.objectContaining({}));
    expect(await rejection(api.activities.get({ id: 'no-such-activity' }))).toEqual({
      code: 'not_found',
      message: 'That activity is not in the local store.',
    });
  });

  it('activities.countsByDay and countsByType each add up to every stored activity', async () => {
    const total = store.activities.count();
    const byDay = await valid('activities', 'countsByDay', api.activities.countsByDay({}));
    const byType = await valid('activities', 'countsByType', api.activities.countsByType({}));
    expect(byDay.reduce((n, d) => n + d.count, 0)).toBe(total);
    expect(byType.reduce((n, t) => n + t.count, 0)).toBe(total);
    const [top] = byType;
    const filtered = await api.activities.countsByDay({ filter: { type: top.type } });
    expect(filtered.reduce((n, d) => n + d.count, 0)).toBe(top.count);
  });

  it('users.list pages and searches, with each user’s last activity', async () => {
    const all = await valid('users', 'list', api.users.list({ limit: 1000 }));
    expect(all.items).toHaveLength(store.users.count());
    expect(all.nextCursor).toBeNull();
    expect(all.items.some((u) => u.lastActivityAt !== null)).toBe(true);
    const page = await valid('users', 'list', api.users.list({ limit: 5 }));
    expect(page.items).toHaveLength(5);
    const rest = await valid('users', 'list', api.users.list({ limit: 1000, cursor: page.nextCursor! }));
    expect([...page.items, ...rest.items].map((u) => u.id).sort()).toEqual(all.items.map((u) => u.id).sort());
    const someone = all.items.find((u) => u.email)!;
    const found = await valid('users', 'list', api.users.list({ search: someone.email! }));
    expect(found.items.map((u) => u.id)).toContain(someone.id);
  });

  it('users.summary counts a user’s own activity, or answers not_found', async () => {
    const { items } = await api.users.list({ limit: 1000 });
    const active = items.find((u) => u.lastActivityAt !== null)!;
    const summary = await valid('users', 'summary', api.users.summary({ id: active.id }));
    expect(summary.user.id).toBe(active.id);
    expect(summary.activityCount).toBeGreaterThan(0);
    expect(summary.lastActivityAt).toBe(active.lastActivityAt);
    expect((await rejection(api.users.summary({ id: 'no-such-user' }))).code).toBe('not_found');
  });

  it('alerts, governance, policies and posture answer in their contract shapes', async () => {
    await valid('alerts', 'list', api.alerts.list({}));
    await valid('alerts', 'list', api.alerts.list({ status: 'Resolved' }));
    await valid('governance', 'log', api.governance.log(undefined));
    await valid('policies', 'list', api.policies.list(undefined));
    const report = await valid('posture', 'report', api.posture.report(undefined));
    expect(report.recommendations[0].id).toBe('adopt-sso');
    await valid('governance', 'getSettings', api.governance.getSettings(undefined));
  });

  it('settings.update persists to disk, tells running services, and settings.get reads it back', async () => {
    const before = await valid('settings', 'get', api.settings.get(undefined));
    const after = await valid('settings', 'update', api.settings.update({ syncIntervalMinutes: 45 }));
    expect(after).toEqual({ ...before, syncIntervalMinutes: 45 });
    expect(settingsChanges.at(-1)).toEqual(after);
    expect(new FileSettingsStore(dataDir).get()).toEqual(after);
    expect(await api.settings.get(undefined)).toEqual(after);
  });

  it('connector.syncNow and cancelSync return the status; disconnect keeps the data', async () => {
    const syncing = await valid('connector', 'syncNow', api.connector.syncNow(undefined));
    expect(syncing.state).toBe('connected');
    const cancelled = await valid('connector', 'cancelSync', api.connector.cancelSync(undefined));
    expect(cancelled.progress.running).toBe(false);
    const count = store.activities.count();
    const gone = await valid('connector', 'disconnect', api.connector.disconnect(undefined));
    expect(gone.state).toBe('disconnected');
    expect((await api.activities.list({ limit: 500 })).items.length).toBe(Math.min(500, count));
  });

  it('connector.connectAppCredentials and connectConsent connect with their own methods', async () => {
    const creds = await valid(
      'connector',
      'connectAppCredentials',
      api.connector.connectAppCredentials({ ...demo.adminCenter, apiBase: demo.baseUrl }),
    );
    expect(creds.method).toBe('app_credentials');
    await connector.waitForIdle();
    await api.connector.disconnect(undefined);
    const consent = await valid(
      'connector',
      'connectConsent',
      api.connector.connectConsent({ appId: demo.appId, appSecret: demo.appSecret, apiBase: demo.baseUrl }),
    );
    expect(consent.method).toBe('consent');
    await connector.waitForIdle();
    expect(connector.status().state).toBe('connected');
  });
});
