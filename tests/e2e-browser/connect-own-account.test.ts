// Issue 10 in Debian Chromium over the real browser host and the demo community: the connect form
// asks for the admin's own account, which becomes the own account once the first sync has read the
// users; and the activity drawer's response buttons open the one confirmation that names the user,
// the action and the reason, and act. Screenshots go to docs/screenshots/.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/index';
import { ROOT, tempDir } from '../support/cli';
import { browserAvailable, startHostAndBrowser, type HostAndBrowser, openScreen, settledScreenshot } from './helpers';

const SHOTS = path.join(ROOT, 'docs', 'screenshots');

describe.skipIf(!browserAvailable())('own account at connect, and response from the activity drawer', () => {
  let demo: DemoServer;
  let h: HostAndBrowser;

  const open = (id: string, heading: string) => openScreen(h.page, id, heading);
  const shot = (name: string) => settledScreenshot(h.page, path.join(SHOTS, name));
  const connectedAdmin = () => demo.groundTruth.users().find((u) => u.id === demo.inspect.connectedAdminId)!;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    demo = await startDemoServer({ users: 40, days: 3, seed: 'e2e-own-account' });
    h = await startHostAndBrowser({ dataDir: tempDir('wg-e2e-own-account-') });
    await h.page.getByRole('heading', { name: 'Workplace Guard' }).first().waitFor();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await demo?.close();
  });

  it('asks for the own account in the token form; after the first sync it is the own account', async () => {
    const admin = connectedAdmin();
    await open('connector', 'Connector');
    await h.page.getByRole('tab', { name: 'Custom integration token' }).click();
    await h.page.getByLabel('Access token').fill(demo.integrationToken);
    await h.page.getByLabel(/Your own account/).fill(admin.email);
    await h.page.getByLabel(/API base URL/).fill(demo.baseUrl);
    await shot('connect-own-account.png');
    await h.page.getByRole('button', { name: 'Connect with token' }).click();
    await h.page.locator('[data-testid="connector-state"][data-state="connected"]').waitFor({ timeout: 90_000 });

    await open('governance', 'Governance');
    const own = h.page.getByLabel('Your own account (username or id)');
    // Matched after the users sync, pushed as an event: the card shows it without a reload.
    await own.and(h.page.locator(`[value="${admin.email}"]`)).waitFor({ timeout: 30_000 });
    expect(await h.page.getByText('Mark your own account').count()).toBe(0);
  }, 150_000);

  it('signs a user out from the activity drawer: one confirmation naming who, what and why', async () => {
    const victim = demo.groundTruth
      .users()
      .find((u) => u.kind === 'person' && u.active && u.claimed && !u.administrator && !u.former)!;
    await open('activity', 'Activity');
    await h.page.getByRole('textbox', { name: 'Search the activity' }).fill(victim.email);
    const rows = h.page.getByTestId('activity-timeline').getByRole('row');
    await rows.first().waitFor();
    // The search also finds activity where the victim is the target: take the first row they did.
    const modal = h.page.getByRole('dialog', { name: 'Sign out of every session' });
    const statement = modal.getByTestId('governance-statement');
    let found = false;
    for (let i = 0; i < Math.min(5, await rows.count()) && !found; i++) {
      await rows.nth(i).click();
      const drawer = h.page.getByRole('dialog', { name: 'Activity details' });
      await drawer.getByText('Respond').waitFor();
      await drawer.getByRole('button', { name: 'Sign out everywhere' }).click();
      await statement.waitFor();
      found = ((await statement.textContent()) ?? '').includes(victim.email);
      if (!found) {
        await modal.getByRole('button', { name: 'Cancel' }).click();
        await modal.waitFor({ state: 'detached' });
        await h.page.keyboard.press('Escape');
        await drawer.waitFor({ state: 'detached' });
      }
    }
    expect(found).toBe(true);
    const actor = victim.email;
    expect(await modal.getByLabel(/Reason/).inputValue()).toMatch(/^Activity .+ on /);
    await shot('activity-signout-confirm.png');
    await modal.getByRole('button', { name: 'Sign out everywhere' }).click();
    await modal.getByText(`Done: ${actor}`).waitFor();
    expect(demo.inspect.userState(victim.id)).toMatchObject({ forcedLogouts: 1 });
    await shot('activity-signout-done.png');
    await modal.getByRole('button', { name: 'Close' }).click();
    await modal.waitFor({ state: 'detached' });
    await h.page.keyboard.press('Escape');
    await h.page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('an own account that matches no synced user is a plain warning on the Governance screen', async () => {
    const admin = connectedAdmin();
    await open('governance', 'Governance');
    // Reconnecting (the same organisation) with a mistyped own account: checked against the users at once.
    await h.page.evaluate(
      async ({ token, apiBase }) => {
        type Bridge = { connector: { connectToken(i: unknown): Promise<unknown> } };
        await (window as unknown as { guard: Bridge }).guard.connector.connectToken({
          token,
          apiBase,
          ownAccount: 'hanna.miler@typo.example',
        });
      },
      { token: demo.integrationToken, apiBase: demo.baseUrl },
    );
    const warning = h.page.getByRole('alert').filter({ hasText: 'Your own account was not found' });
    await warning.waitFor({ timeout: 30_000 });
    expect(await warning.textContent()).toContain('No synced user is "hanna.miler@typo.example"');
    expect(await warning.textContent()).toContain(`Your own account stays ${admin.email}`);
    await shot('governance-own-account-not-found.png');
    expect(h.consoleErrors).toEqual([]);
  });
});
