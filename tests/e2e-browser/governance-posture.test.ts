// One-click response and posture in Debian Chromium, over the real browser host connected to
// the demo community (no mocks): suspend a user from their page through the confirmation
// dialog, see it in the governance log and in Workplace, find the own account refused, and
// read the posture screen. Screenshots go to docs/screenshots/.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/index';
import { ROOT, runCli, tempDir } from '../support/cli';
import { browserAvailable, startHostAndBrowser, type HostAndBrowser, openScreen, settledScreenshot } from './helpers';

const SHOTS = path.join(ROOT, 'docs', 'screenshots');

describe.skipIf(!browserAvailable())('governance and posture in the browser console', () => {
  let demo: DemoServer;
  let h: HostAndBrowser;
  const dataDir = tempDir('wg-e2e-govern-');

  const open = (id: string, heading: string) => openScreen(h.page, id, heading);
  const shot = (name: string) => settledScreenshot(h.page, path.join(SHOTS, name));

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    demo = await startDemoServer({ users: 60, days: 8, seed: 'e2e-govern' });
    const c = await runCli(['--data-dir', dataDir, 'connect', '--api-base', demo.baseUrl, '--backfill-days', '8'], {
      env: { WORKPLACE_TOKEN: demo.integrationToken },
    });
    expect(c.code, c.stderr).toBe(0);
    const own = await runCli(['--data-dir', dataDir, 'governance', 'own-account', demo.inspect.connectedAdminId]);
    expect(own.code, own.stderr).toBe(0);
    h = await startHostAndBrowser({ dataDir });
    await h.page.getByRole('heading', { name: 'Workplace Guard' }).first().waitFor();
  });
  afterAll(async () => {
    await h?.close();
    await demo?.close();
  });

  it('suspends a user from their page: who, what and why first; the result at once; Workplace agrees', async () => {
    const victim = demo.groundTruth
      .users()
      .find((u) => u.kind === 'person' && u.active && u.claimed && !u.administrator && !u.former)!;
    await open('users', 'Users');
    await h.page
      .getByRole('textbox', { name: /search/i })
      .first()
      .fill(victim.email);
    await h.page.getByText(victim.email, { exact: true }).first().click();
    const drawer = h.page.getByRole('dialog');
    await drawer.getByRole('button', { name: 'Suspend' }).click();
    const modal = h.page.getByRole('dialog', { name: 'Suspend user' });
    await modal.getByTestId('governance-statement').waitFor();
    expect(await modal.getByTestId('governance-statement').textContent()).toContain(victim.email);
    await modal.getByLabel(/Reason/).fill('Impossible travel: Amsterdam then Singapore within 40 minutes');
    await shot('governance-confirm.png');
    await modal.getByRole('button', { name: 'Suspend', exact: true }).click();
    await modal.getByText(`Done: ${victim.email}`).waitFor();
    expect(demo.inspect.userState(victim.id)).toMatchObject({ active: false });
    await modal.getByRole('button', { name: 'Close' }).click();
    await modal.waitFor({ state: 'detached' });
    await h.page.keyboard.press('Escape'); // and the user drawer
    await h.page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('refuses the own account in the dialog before anything is sent', async () => {
    const before = demo.groundTruth.eventCount();
    await open('users', 'Users');
    const admin = demo.groundTruth.users().find((u) => u.id === demo.inspect.connectedAdminId)!;
    await h.page
      .getByRole('textbox', { name: /search/i })
      .first()
      .fill(admin.email);
    await h.page.getByText(admin.email, { exact: true }).first().click();
    await h.page.getByRole('dialog').getByRole('button', { name: 'Sign out everywhere' }).click();
    const modal = h.page.getByRole('dialog', { name: 'Sign out of every session' });
    await modal.getByText('The console will not do this').waitFor();
    await modal.getByText(/your own account/).waitFor();
    expect(await modal.getByRole('button', { name: 'Sign out everywhere' }).isDisabled()).toBe(true);
    await shot('governance-refused.png');
    await modal.getByRole('button', { name: 'Cancel' }).click();
    await modal.waitFor({ state: 'detached' });
    await h.page.keyboard.press('Escape');
    await h.page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(demo.groundTruth.eventCount()).toBe(before);
  });

  it('lists the action in the governance log with its result and offers revert', async () => {
    await open('governance', 'Governance');
    const log = h.page.getByTestId('governance-log');
    await log.waitFor();
    await log.getByText('Succeeded').first().waitFor();
    await log.getByText(/Impossible travel: Amsterdam/).waitFor();
    await log.getByRole('button', { name: 'Revert' }).first().waitFor();
    // The own account set by the CLI shows in the safety settings.
    const own = h.page.getByLabel('Your own account (username or id)');
    await own.waitFor();
    expect(await own.inputValue()).toMatch(/@/);
    await shot('governance.png');
  });

  it('shows the posture score with Adopt SSO first and its affected accounts', async () => {
    await open('posture', 'Posture');
    await h.page.getByTestId('posture-score').waitFor();
    const first = h.page.locator('[data-testid^="posture-"]').nth(1);
    expect(await first.getAttribute('data-testid')).toBe('posture-adopt-sso');
    await h.page.getByText(/active accounts use SSO/).waitFor();
    await shot('posture.png');
    expect(h.consoleErrors).toEqual([]);
  });
});
