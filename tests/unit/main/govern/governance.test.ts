// Governance against the real demo community: every action goes out over HTTP, is read back,
// logged, and refused when it could lock the organisation out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../../main/demo/index';
import { openGovernance, type GovernanceWiring } from '../../../../main/console/governance-wiring';
import { createAutomaticGovernance } from '../../../../main/govern/automatic';
import { readGovernanceSettings, writeGovernanceSettings } from '../../../../main/govern/settings';
import { FileSecretStore } from '../../../../main/runtime/secrets';
import { openLocalSession, type LocalSession } from '../../../../main/sync/local-session';
import type { StoredUser } from '../../../../main/store/types';
import { tempDir } from '../../../support/cli';

let demo: DemoServer;
let session: LocalSession;
let wiring: GovernanceWiring;
let dir: string;
/** A user the console knows but Workplace does not (deleted since the last sync). */
const GHOST = '999999999999';

const fastHttp = { retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 5_000 };

async function open() {
  session = await openLocalSession(dir, { extra: { geolocationDir: null } });
  wiring = await openGovernance({
    store: session.store,
    secrets: new FileSecretStore(dir),
    userAgent: 'WorkplaceGuard-test/1.0',
    http: fastHttp,
  });
}

beforeAll(async () => {
  demo = await startDemoServer({ users: 40, days: 8, seed: 'govern-console' });
  dir = tempDir('wg-govern-');
  await open();
  await session.connector.connectToken({ token: demo.integrationToken, apiBase: demo.baseUrl, backfillDays: 1 });
  await session.connector.waitForIdle();
  await writeGovernanceSettings(session.store.meta, { ownAccount: demo.inspect.connectedAdminId });
});
afterAll(async () => {
  await session?.close();
  await demo?.close();
});

function people(): StoredUser[] {
  return session.store.users
    .list(null, null, 1000)
    .items.filter((u) => u.active && !u.admin && u.claimed && u.email && u.id !== GHOST);
}
/** What Workplace itself says (SCIM, with a token of the test's own: the console's may be revoked by a test). */
async function scimActive(id: string): Promise<boolean> {
  const token = demo.tokens.issue({ kind: 'integration' });
  const res = await fetch(`${demo.baseUrl}/Users/${id}`, {
    headers: { authorization: `Bearer ${token}`, 'user-agent': 'test' },
  });
  return ((await res.json()) as { active: boolean }).active;
}

describe('governance actions against the demo community', () => {
  it('suspend: SCIM reports active:false, sign-ins fail, the log and the local record say so at once', async () => {
    const u = people()[0];
    const r = await wiring.governance.request({ action: 'suspend', user: u.email!, reason: 'Impossible travel' });
    expect(r).toMatchObject({ state: 'succeeded', route: 'scim-patch', action: 'suspend', automatic: false });
    expect(await scimActive(u.id)).toBe(false);
    expect(demo.inspect.simulateLogin(u.id).success).toBe(false);
    expect(session.store.users.get(u.id)?.active).toBe(false);
    const again = await wiring.governance.request({ action: 'suspend', user: u.id, reason: 'double click' });
    expect(again.id).toBe(r.id);
    const deactivations = demo.groundTruth
      .eventIds()
      .map((id) => demo.groundTruth.event(id))
      .filter((e) => e?.event === 'Account Deactivated' && e.target_username === u.email);
    expect(deactivations).toHaveLength(1);
    const reverted = await wiring.governance.revert(r.id);
    expect(reverted).toMatchObject({ action: 'unsuspend', state: 'succeeded', revertOf: r.id });
    expect(await scimActive(u.id)).toBe(true);
  });

  it('a suspend just after a revert is sent again, not taken for a double click of the first', async () => {
    const u = people()[0];
    const first = await wiring.governance.request({ action: 'suspend', user: u.id, reason: 'Spray source' });
    await wiring.governance.revert(first.id);
    expect(await scimActive(u.id)).toBe(true);
    const again = await wiring.governance.request({ action: 'suspend', user: u.id, reason: 'It came back' });
    expect(again.id).not.toBe(first.id);
    expect(again).toMatchObject({ state: 'succeeded', reason: 'It came back' });
    expect(await scimActive(u.id)).toBe(false);
    // A double click of this one is still one change.
    expect((await wiring.governance.request({ action: 'suspend', user: u.id, reason: 'x' })).id).toBe(again.id);
    await wiring.governance.revert(again.id);
  });

  it('sign-out: a Forced Logout for that user arrives with the next sync', async () => {
    const u = people()[1];
    const r = await wiring.governance.request({ action: 'signout', user: u.email!, reason: 'Token theft suspected' });
    expect(r.state).toBe('succeeded');
    await session.connector.syncNow();
    await session.connector.waitForIdle();
    const page = await session.store.activities.query({ type: 'logout.forced' }, null, 50);
    expect(page.items.some((a) => a.target === u.email || a.target === u.id)).toBe(true);
  });

  it('notify: the message reaches that user, naming the reason', async () => {
    const u = people()[2];
    const r = await wiring.governance.request({
      action: 'notify',
      user: u.id,
      reason: 'Alert: activity from a Tor exit',
      message: 'Hello, we saw a sign-in from a Tor exit node (alert: Activity from anonymous IP).',
    });
    expect(r.state).toBe('succeeded');
    const delivered = demo.inspect.messages().filter((m) => m.recipientId === u.id);
    expect(delivered).toHaveLength(1);
    expect(JSON.stringify(delivered[0])).toMatch(/Tor exit node/);
  });

  it('refuses the own account, the last active admin and an unconfirmed admin, and sends nothing', async () => {
    const before = demo.groundTruth.eventCount();
    const own = session.store.users.get(demo.inspect.connectedAdminId)!;
    await expect(wiring.governance.request({ action: 'suspend', user: own.id, reason: 'x' })).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringMatching(/your own account/),
    });
    const admins = session.store.users.list(null, null, 1000).items.filter((u) => u.admin && u.active);
    const otherAdmin = admins.find((a) => a.id !== own.id)!;
    await expect(
      wiring.governance.request({ action: 'signout', user: otherAdmin.id, reason: 'x' }),
    ).rejects.toMatchObject({ code: 'refused', message: expect.stringMatching(/type their email/) });
    await expect(
      wiring.governance.request({ action: 'suspend', user: otherAdmin.id, reason: 'x', automatic: true }),
    ).rejects.toMatchObject({ code: 'refused', message: expect.stringMatching(/never taken automatically/) });
    expect(demo.groundTruth.eventCount()).toBe(before);
    expect(wiring.log.list({ state: ['refused'] }).length).toBeGreaterThanOrEqual(3);
  });

  it('the last active admin is never suspended, even with a typed confirmation', async () => {
    // Mark every admin but one inactive locally, then try the remaining one (not the own account).
    const admins = session.store.users.list(null, null, 1000).items.filter((u) => u.admin && u.active);
    const keep = admins.find((a) => a.id !== demo.inspect.connectedAdminId)!;
    const saved = admins.filter((a) => a.id !== keep.id);
    await session.store.users.upsertMany(saved.map((a) => ({ ...a, active: false })));
    try {
      await expect(
        wiring.governance.request({ action: 'suspend', user: keep.id, reason: 'x', confirmAdmin: keep.email }),
      ).rejects.toMatchObject({ code: 'refused', message: expect.stringMatching(/last active system admin/) });
    } finally {
      await session.store.users.upsertMany(saved);
    }
  });

  it('without an own account marked, suspend and sign-out are refused with the way to set it', async () => {
    await writeGovernanceSettings(session.store.meta, { ownAccount: null });
    try {
      await expect(
        wiring.governance.request({ action: 'suspend', user: people()[3].id, reason: 'x' }),
      ).rejects.toMatchObject({ code: 'refused', message: expect.stringMatching(/Mark your own account/) });
    } finally {
      await writeGovernanceSettings(session.store.meta, { ownAccount: demo.inspect.connectedAdminId });
    }
  });
});

describe('faults: queued or failed with the provider error, never dropped', () => {
  it('rate limited → queued with the reason; sent once on flush when the limit lifts', async () => {
    const u = people()[4];
    demo.faults.set({ rateLimitAfter: 0, rateLimitCalls: 1000 });
    let r;
    try {
      r = await wiring.governance.request({ action: 'suspend', user: u.id, reason: 'Spray source' });
      expect(r.state).toBe('queued');
      expect(r.note).toMatch(/rate-limiting/);
      expect(r.providerError).toBeTruthy();
      expect(wiring.governance.pendingCount()).toBe(1);
    } finally {
      demo.faults.reset();
    }
    const [sent] = await wiring.governance.flush();
    expect(sent).toMatchObject({ id: r.id, state: 'succeeded' });
    expect(await scimActive(u.id)).toBe(false);
    expect(wiring.governance.pendingCount()).toBe(0);
  });

  it('token revoked (190) during an action → queued until reconnect, with the reason', async () => {
    const u = people()[5];
    // The re-read of the target goes through; the sign-out call itself meets the revoked token.
    demo.faults.set({ revokeTokenAfter: 1 });
    try {
      const r = await wiring.governance.request({ action: 'signout', user: u.id, reason: 'x' });
      expect(r.state).toBe('queued');
      expect(r.note).toMatch(/reconnect/);
      expect(r.providerError).toMatch(/token|190/i);
      expect(demo.inspect.userState(u.id)).toMatchObject({ forcedLogouts: 0 });
    } finally {
      demo.faults.reset();
    }
    // Reconnecting (a new token) sends what was queued, once.
    await new FileSecretStore(dir).set('workplace.accessToken', demo.tokens.issue({ kind: 'integration' }));
    const [sent] = await wiring.governance.flush();
    expect(sent).toMatchObject({ action: 'signout', state: 'succeeded' });
    expect(demo.inspect.userState(u.id)).toMatchObject({ forcedLogouts: 1 });
  });

  it('5xx bursts are retried; a refusal (a client error) fails with the provider text and can be retried', async () => {
    const u = people()[6];
    demo.faults.set({ serverErrorAfter: 0, serverErrorCount: 1, serverErrorStatus: 503 });
    try {
      const r = await wiring.governance.request({ action: 'suspend', user: u.id, reason: 'x' });
      expect(r.state).toBe('succeeded');
    } finally {
      demo.faults.reset();
    }
    const ghost = { ...people()[7], id: GHOST, email: 'gone@brightwave.example', name: 'Gone User' };
    await session.store.users.upsertMany([ghost]);
    const f = await wiring.governance.request({ action: 'signout', user: ghost.id, reason: 'x' });
    expect(f.state).toBe('failed');
    expect(f.providerError).toBeTruthy();
    const retried = await wiring.governance.retry(f.id);
    expect(retried).toMatchObject({ retryOf: f.id, state: 'failed' });
  });

  it('412 on PATCH → the PUT built from a fresh read suspends, verified by reading the user back', async () => {
    const u = people()[0];
    demo.faults.set({ scimPreconditionFailed: 'patch' });
    try {
      const r = await wiring.governance.request({ action: 'suspend', user: u.id, reason: 'Password spray source' });
      expect(r).toMatchObject({ state: 'succeeded', route: 'scim-put', note: expect.stringMatching(/read back/) });
    } finally {
      demo.faults.reset();
    }
    expect(await scimActive(u.id)).toBe(false);
    expect(demo.inspect.simulateLogin(u.id).success).toBe(false);
    expect(session.store.users.get(u.id)?.active).toBe(false);
  });

  it('412 on PATCH and PUT → failed with the provider text, nothing changed; retried from the log', async () => {
    const u = people()[0];
    demo.faults.set({ scimPreconditionFailed: 'patch-and-put' });
    let failed;
    try {
      failed = await wiring.governance.request({ action: 'suspend', user: u.id, reason: 'Leaked credentials' });
      expect(failed).toMatchObject({ state: 'failed', note: 'Workplace refused the action.' });
      expect(failed.providerError).toMatch(/Resource has changed on the server/);
      expect(await scimActive(u.id)).toBe(true);
      expect(session.store.users.get(u.id)?.active).toBe(true);
      expect(wiring.governance.pendingCount()).toBe(0);
    } finally {
      demo.faults.reset();
    }
    const retried = await wiring.governance.retry(failed.id);
    expect(retried).toMatchObject({ retryOf: failed.id, state: 'succeeded', route: 'scim-patch' });
    expect(await scimActive(u.id)).toBe(false);
    expect(wiring.log.get(failed.id)).toMatchObject({ state: 'failed' });
  });

  it('network down → queued; survives a restart; sent exactly once when the organisation is back', async () => {
    const u = people()[8];
    const realBase = demo.baseUrl;
    // Point the saved connection at a port nobody listens on (the organisation is unreachable).
    const conn = session.store.meta.get<{ urls: Record<string, string> }>('connection')!;
    const dead = 'http://127.0.0.1:9';
    await session.store.meta.set('connection', {
      ...conn,
      urls: Object.fromEntries(Object.keys(conn.urls).map((k) => [k, dead])),
    });
    const r = await wiring.governance.request({ action: 'suspend', user: u.id, reason: 'Offline action' });
    expect(r.state).toBe('queued');
    expect(r.note).toMatch(/could not be reached/);
    await session.close();
    await open();
    expect(wiring.governance.pendingCount()).toBe(1);
    await session.store.meta.set('connection', {
      ...conn,
      urls: Object.fromEntries(Object.keys(conn.urls).map((k) => [k, realBase])),
    });
    await wiring.governance.flush();
    await wiring.governance.flush();
    expect(wiring.log.get(r.id)).toMatchObject({ state: 'succeeded' });
    const deactivations = demo.groundTruth
      .eventIds()
      .map((id) => demo.groundTruth.event(id))
      .filter((e) => e?.event === 'Account Deactivated' && e.target_username === u.email);
    expect(deactivations).toHaveLength(1);
  });
});

describe('automatic actions from policies', () => {
  it('dry run logs what would have been done and sends nothing', async () => {
    const auto = createAutomaticGovernance({
      governance: wiring.governance,
      log: wiring.log,
      settings: () => readGovernanceSettings(session.store.meta),
    });
    const u = people()[9];
    const before = demo.groundTruth.eventCount();
    const [r] = await auto.handle({
      policyId: 'impossible-travel',
      alertId: 'al_1',
      alertTitle: 'Impossible travel',
      user: u.id,
      userName: u.name,
      actions: ['suspend'],
    });
    expect(r).toMatchObject({ state: 'dry-run', automatic: true, requestedBy: 'policy:impossible-travel' });
    expect(demo.groundTruth.eventCount()).toBe(before);
  });

  it('live: marked automatic, and the per-day cap on suspends holds', async () => {
    await writeGovernanceSettings(session.store.meta, { automaticDryRun: false, automaticSuspendsPerDay: 1 });
    const auto = createAutomaticGovernance({
      governance: wiring.governance,
      log: wiring.log,
      settings: () => readGovernanceSettings(session.store.meta),
    });
    try {
      const [a, b] = [people()[10], people()[11]];
      const first = await auto.handle({
        policyId: 'activity:mass-download',
        alertId: 'al_2',
        alertTitle: 'Mass download',
        user: a.id,
        userName: a.name,
        actions: ['suspend', 'notify'],
      });
      expect(first.map((r) => [r.action, r.state, r.automatic])).toEqual([
        ['suspend', 'succeeded', true],
        ['notify', 'succeeded', true],
      ]);
      expect(demo.inspect.messages().some((m) => m.recipientId === a.id)).toBe(true);
      const [second] = await auto.handle({
        policyId: 'activity:mass-download',
        alertId: 'al_3',
        alertTitle: 'Mass download',
        user: b.id,
        userName: b.name,
        actions: ['suspend'],
      });
      expect(second).toMatchObject({ state: 'refused', note: expect.stringMatching(/daily cap of 1/) });
      expect(await scimActive(b.id)).toBe(true);
    } finally {
      await writeGovernanceSettings(session.store.meta, { automaticDryRun: true, automaticSuspendsPerDay: 3 });
    }
  });
});
