// The connector against the demo community's fault injection: each fault the real service can
// produce, and what the admin ends up with. Waits are injected (recorded, not slept).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../../main/demo/index';
import type { Store } from '../../../../main/store/types';
import { type Connector } from '../../../../main/sync/connector';
import { openStore, storedIds, tempDir } from './fixtures/temp-store';
import { testConnector } from './fixtures/test-connector';

let demo: DemoServer;
let store: Store;
let connector: Connector;
let waits: { reason: string; ms: number }[];
const warnings: string[] = [];

beforeAll(async () => {
  demo = await startDemoServer({ users: 150, days: 6, seed: 'faults' });
});
afterAll(() => demo?.close());
beforeEach(async () => {
  demo.faults.reset();
  const dir = tempDir('guard-faults-');
  store = await openStore(dir);
  waits = [];
  warnings.length = 0;
  connector = testConnector(store, dir, {
    userAgent: 'WorkplaceGuard-test (faults)',
    // Real timers, as before: these faults are about what the client does between attempts.
    timers: undefined,
    onWarning: (w) => warnings.push(w),
    http: { sleep: async () => undefined, onWait: (w) => waits.push({ reason: w.reason, ms: w.ms }) },
  });
});
afterEach(async () => {
  await connector.close();
  await store.close();
});

const all = () => demo.groundTruth.eventIds().sort();
const connectToken = async (token = demo.integrationToken) => {
  await connector.connectToken({ token, apiBase: demo.baseUrl, backfillDays: 30 });
  return connector.waitForIdle();
};

describe('sync against demo faults', () => {
  it('duplicates across pages, shuffled pages, short pages and mixed timestamp formats: exact result', async () => {
    demo.faults.set({ duplicateAcrossPages: true, outOfOrder: true, shortPages: true, timestampFormat: 'mixed' });
    const r = await connectToken();
    expect(r.ok).toBe(true);
    expect(r.duplicates).toBeGreaterThan(0);
    expect(await storedIds(store)).toEqual(all());
  });

  it('a 5xx burst is retried with backoff', async () => {
    demo.faults.set({ serverErrorAfter: 3, serverErrorCount: 3, serverErrorStatus: 503 });
    const r = await connectToken();
    expect(r.ok).toBe(true);
    expect(waits.filter((w) => w.reason === 'retry')).toHaveLength(3);
    expect(await storedIds(store)).toEqual(all());
  });

  it('rate limits are waited out for estimated_time_to_regain_access', async () => {
    demo.faults.set({ rateLimitAfter: 4, rateLimitCode: 32, rateLimitCalls: 2, rateLimitRegainMinutes: 3 });
    const r = await connectToken();
    expect(r.ok).toBe(true);
    expect(waits.some((w) => w.reason === 'rate_limited' && w.ms === 180_000)).toBe(true);
    expect(await storedIds(store)).toEqual(all());
  });

  it('a malformed (truncated JSON) page is retried, nothing lost', async () => {
    demo.faults.set({ malformedPage: 2 });
    const r = await connectToken();
    expect(r.ok).toBe(true);
    expect(waits.filter((w) => w.reason === 'retry').length).toBeGreaterThanOrEqual(1);
    expect(await storedIds(store)).toEqual(all());
  });

  it('a page pointing back at itself is re-read once, not looped on', async () => {
    demo.faults.set({ repeatNextOnPage: 2 });
    const r = await connectToken();
    expect(r.ok).toBe(true);
    expect(warnings.join('\n')).toMatch(/repeated a page cursor/);
    expect(await storedIds(store)).toEqual(all());
  });

  it('a revoked token stops the sync at once with Error — reconnect, and keeps what was synced', async () => {
    demo.faults.set({ revokeTokenAfter: 4 });
    const token = demo.tokens.issue({ kind: 'integration' });
    const r = await connectToken(token);
    expect(r.error?.code).toBe('token_invalid');
    expect(waits).toEqual([]);
    expect(connector.status()).toMatchObject({
      state: 'error',
      error: { code: 'token_invalid', fix: expect.stringMatching(/^Reconnect/) },
    });
  });

  it('Admin Center app credentials renew an expired token and carry on', async () => {
    demo.faults.set({ expireTokenAfter: 10 });
    await connector.connectAppCredentials({ ...demo.adminCenter, apiBase: demo.baseUrl, backfillDays: 30 });
    const r = await connector.waitForIdle();
    expect(r.ok).toBe(true);
    expect(await storedIds(store)).toEqual(all());
  });

  it('a token without the audit-log permission disables only security activity', async () => {
    const token = demo.tokens.issue({ kind: 'integration', permissions: ['manage_accounts', 'manage_work_profiles'] });
    const r = await connectToken(token);
    expect(r.ok).toBe(true);
    expect(r.users).toBeGreaterThan(100);
    expect(connector.status()).toMatchObject({
      state: 'connected',
      disabledFeatures: [{ feature: 'Security activity', permission: 'Read security audit logs' }],
    });
  });

  it('consent: the dialog form is completed and every call carries appsecret_proof (the demo checks it)', async () => {
    await connector.connectConsent({
      appId: demo.appId,
      appSecret: demo.appSecret,
      apiBase: demo.baseUrl,
      backfillDays: 30,
      demo: true,
    });
    const r = await connector.waitForIdle();
    expect(r.ok).toBe(true);
    expect(await storedIds(store)).toEqual(all());
  });
});
