// The own account asked at connect (issue 10 req 2), through the contract of a real console on
// a temporary data dir, connected over HTTP to the demo community: kept until the first sync has
// read the users, then the own account (as the user's email) — or, matching no one, a warning and
// suspend / sign-out still refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../../main/demo/index';
import { dispatch } from '../../../../main/console/dispatch';
import { openConsole, type RunningConsole } from '../../../../main/console/open-console';
import type { GovernanceSettingsView } from '../../../../preload/contract';
import { tempDir } from '../../../support/cli';

let demo: DemoServer;
const open: RunningConsole[] = [];

beforeAll(async () => {
  demo = await startDemoServer({ users: 40, days: 4, seed: 'own-account-at-connect' });
});
afterAll(async () => {
  for (const c of open) await c.close();
  await demo?.close();
});

async function ok<T>(running: RunningConsole, op: string, input?: unknown): Promise<T> {
  const r = await dispatch(running.api, op, input);
  if (!r.ok) throw new Error(`${op} failed: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

async function consoleConnectedWith(ownAccount: string) {
  const running = await openConsole({ shell: 'node', dataDir: tempDir('wg-own-account-') });
  open.push(running);
  // Registered before connecting: the match is announced once the users are synced.
  const announced = running.events.next('governance.settings');
  await ok(running, 'connector.connectToken', {
    token: demo.integrationToken,
    apiBase: demo.baseUrl,
    ownAccount,
  });
  return { running, announced };
}

describe('own account asked at connect', () => {
  it('names a synced user (any case) → after the first users sync it is the own account, as the email', async () => {
    const admin = demo.groundTruth.users().find((u) => u.id === demo.inspect.connectedAdminId)!;
    const { running, announced } = await consoleConnectedWith(`  ${admin.email.toUpperCase()} `);
    const event = await announced;
    expect(event).toMatchObject({ ownAccount: admin.email, askedOwnAccount: null });
    expect(running.store.users.count()).toBeGreaterThan(0);
    const settings = await ok<GovernanceSettingsView>(running, 'governance.getSettings');
    expect(settings).toMatchObject({ ownAccount: admin.email, askedOwnAccount: null });
    // The protection now holds: the admin's own account is refused by name.
    const preview = await ok<{ refusal: string | null }>(running, 'governance.preview', {
      action: 'suspend',
      user: admin.id,
      reason: 'test',
    });
    expect(preview.refusal).toMatch(/your own account/);
  });

  it('matches no one → a warning that suspend and sign-out stay refused, and nothing is set', async () => {
    const { running, announced } = await consoleConnectedWith('nobody@elsewhere.example');
    const event = await announced;
    expect(event.ownAccount).toBeNull();
    expect(event.askedOwnAccount).toMatchObject({ asked: 'nobody@elsewhere.example', unmatched: true });
    expect(event.askedOwnAccount?.message).toMatch(
      /No synced user is "nobody@elsewhere.example".*Suspend and sign-out stay refused until you set your own account/,
    );
    const settings = await ok<GovernanceSettingsView>(running, 'governance.getSettings');
    expect(settings.ownAccount).toBeNull();
    expect(settings.askedOwnAccount?.unmatched).toBe(true);
    const someone = running.store.users.list(null, null, 100).items.find((u) => u.active && !u.admin)!;
    const r = await dispatch(running.api, 'governance.run', { action: 'suspend', user: someone.id, reason: 'test' });
    expect(r).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringMatching(/own account/) } });

    // Setting it on the Governance screen answers the question: the warning goes with it.
    const admin = demo.groundTruth.users().find((u) => u.id === demo.inspect.connectedAdminId)!;
    await ok(running, 'governance.updateSettings', { ownAccount: admin.id });
    const after = await ok<GovernanceSettingsView>(running, 'governance.getSettings');
    expect(after).toMatchObject({ ownAccount: admin.email, askedOwnAccount: null });
  });

  it('an own account longer than the contract allows is refused before anything connects', async () => {
    const running = await openConsole({ shell: 'node', dataDir: tempDir('wg-own-account-') });
    open.push(running);
    const r = await dispatch(running.api, 'connector.connectToken', {
      token: demo.integrationToken,
      apiBase: demo.baseUrl,
      ownAccount: `${'x'.repeat(320)}@example.com`,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(running.connector.status().state).toBe('not_connected');
  });
});
