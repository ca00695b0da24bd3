// Detection in Debian Chromium over the real browser host and the demo community (no mocks): the
// console connects while the Alerts screen is open and the demo's incidents arrive without a
// reload (the `alerts.new` event); the impossible-travel alert shows both places on the offline
// map with distance and speed; the user is suspended from it through the confirmation dialog and
// the alert resolved with a classification; the Policies screen lists the eight, and a new
// activity policy is previewed over stored history before it is saved; an IP range is
// added and an overlapping one refused. Screenshots go to docs/screenshots/.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/index';
import type { GuardBridge } from '../../preload/contract';
import { ROOT, tempDir } from '../support/cli';
import { browserAvailable, startHostAndBrowser, type HostAndBrowser, openScreen } from './helpers';

const SHOTS = path.join(ROOT, 'docs', 'screenshots');

describe.skipIf(!browserAvailable())('alerts, policies and IP ranges in the browser console', () => {
  let demo: DemoServer;
  let h: HostAndBrowser;
  const dataDir = tempDir('wg-e2e-alerts-');

  const open = (id: string, heading: string) => openScreen(h.page, id, heading);
  /** Screenshots show the screen, not the toasts of what the test did before: close them first. */
  async function shot(name: string) {
    const close = h.page.locator('[aria-live="polite"] .mantine-Notification-closeButton');
    for (let i = 0; i < 10 && (await close.count()) > 0; i++) await close.first().click();
    // Dialogs and drawers fade in (and closed toasts fade out): wait for the transitions that end.
    await h.page.evaluate(() =>
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
          .map((a) => a.finished.catch(() => undefined)),
      ),
    );
    await h.page.screenshot({ path: path.join(SHOTS, name), fullPage: false });
  }
  async function pick(label: string, option: string, scope: Pick<Page, 'getByLabel'> = h.page) {
    await scope.getByLabel(label, { exact: true }).first().click();
    await h.page.getByRole('option', { name: option, exact: true }).click();
  }

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    demo = await startDemoServer({ users: 80, days: 14, seed: 'e2e-alerts' });
    h = await startHostAndBrowser({ dataDir });
    await h.page.getByRole('heading', { name: 'Workplace Guard' }).first().waitFor();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await demo?.close();
  });

  it('raises the demo incidents while the Alerts screen is open, counted in the navigation', async () => {
    await open('alerts', 'Alerts');
    await h.page.getByText('No alerts yet').waitFor();
    const token = demo.integrationToken;
    const apiBase = demo.baseUrl;
    const ownAccount = demo.inspect.connectedAdminId;
    await h.page.evaluate(
      async ({ token, apiBase }) => {
        const guard = (window as unknown as { guard: GuardBridge }).guard;
        const r = await guard.connector.connectToken({ token, apiBase });
        if (!r.ok) throw new Error(r.error.message);
      },
      { token, apiBase },
    );
    // Detection runs at the end of the sync; the queue fills in through the event, no reload.
    const travel = h.page.getByTestId('alert-row-impossible-travel').first();
    await travel.waitFor({ timeout: 180_000 });
    // Connected as a token, the admin marks their own account once it is synced (as the connect
    // form asks), so governance may act on anyone else.
    await h.page.evaluate(async (ownAccount) => {
      const own = await (window as unknown as { guard: GuardBridge }).guard.governance.updateSettings({ ownAccount });
      if (!own.ok) throw new Error(own.error.message);
    }, ownAccount);
    await h.page
      .getByText(/^New (High|Medium|Low|Informational) alert/)
      .first()
      .waitFor();
    const badge = h.page.getByTestId('open-alerts-count');
    await badge.waitFor();
    expect(Number(await badge.textContent())).toBeGreaterThan(0);
    const expected = demo.incidents.incidents.filter((i) => i.kind === 'attack').map((i) => i.policy);
    expect(expected).toContain('impossible-travel');
    await shot('alerts.png');
  }, 240_000);

  it('opens the impossible-travel alert: both places, distance and speed; suspends the user; resolves', async () => {
    await h.page.getByTestId('alert-row-impossible-travel').first().getByRole('button').click();
    const map = h.page.getByTestId('travel-map');
    await map.waitFor();
    const evidence = h.page.getByTestId('travel-evidence');
    expect(await evidence.textContent()).toMatch(/Distance[\d,.\s]+km/);
    expect(await evidence.textContent()).toMatch(/Implied speed[\d,.\s]+km\/h/);
    expect(await map.locator('circle').count()).toBe(2);
    await h.page.getByTestId('linked-activities').locator('tr').first().waitFor();
    await h.page.getByTestId('user-behaviour').waitFor();
    await shot('alert-impossible-travel.png');

    await h.page.getByRole('button', { name: 'Suspend', exact: true }).click();
    const modal = h.page.getByRole('dialog', { name: 'Suspend user' });
    await modal.getByTestId('governance-statement').waitFor();
    const reason = modal.getByLabel(/Reason/);
    if (!(await reason.inputValue())) await reason.fill('Impossible travel');
    expect(await modal.textContent()).not.toContain('The console will not do this');
    // An admin account asks for its email typed out (the dialog names it in the label).
    const typed = modal.getByLabel(/This is a system admin account/);
    if (await typed.count()) {
      const label = (await modal.getByText(/This is a system admin account/).textContent()) ?? '';
      await typed.fill(/Type (\S+) to confirm/.exec(label)![1]!);
    }
    await shot('alert-suspend-confirm.png');
    await modal.getByRole('button', { name: 'Suspend', exact: true }).click();
    await modal.getByText(/^Done: /).waitFor();
    await modal.getByRole('button', { name: 'Close' }).click();
    await modal.waitFor({ state: 'detached' });

    const classify = h.page.getByTestId('classify');
    await pick('Classification', 'True positive', classify);
    await classify.getByRole('button', { name: 'Save' }).click();
    await h.page.getByTestId('alert-status').getByText('Resolved').waitFor();
    const history = await h.page.getByText(/status New → Resolved/).count();
    expect(history).toBe(1);
  }, 120_000);

  it('lists the eight anomaly policies with sensitivity and scope', async () => {
    await open('policies', 'Policies');
    const rows = h.page.getByTestId('anomaly-policies').locator('tbody > tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(8);
    await h.page.getByTestId('policy-impossible-travel').getByRole('button', { name: 'Settings' }).click();
    await h.page.getByText('min distance km').waitFor();
    await shot('policies.png');
  });

  it('previews a new activity policy over stored history before saving it', async () => {
    await open('policies', 'Policies');
    await pick('New activity policy from a template', 'Admin activity from a non-corporate IP');
    await h.page.getByRole('button', { name: 'Preview over stored history' }).click();
    const preview = h.page.getByTestId('replay-preview');
    await preview.getByText(/Would have raised \d+ alerts? \([\d,]+ matching of [\d,]+ activities checked/).waitFor();
    // The demo's admins work from the office and from home: some of it is from non-corporate addresses.
    const checked = Number((await preview.innerText()).match(/of ([\d,]+) activities checked/)![1]!.replace(/,/g, ''));
    expect(checked).toBeGreaterThan(0);
    // The editor's buttons in the middle: the filter above them, the preview's summary and first rows below.
    await h.page
      .getByRole('button', { name: 'Preview over stored history' })
      .evaluate((b) => b.scrollIntoView({ block: 'center' }));
    await shot('policy-editor-replay.png');
    await h.page.getByRole('button', { name: 'Save policy' }).click();
    await h.page.getByTestId('activity-policies').getByText('Admin activity from a non-corporate IP').waitFor();
  });

  it('adds an IP range and refuses an overlapping one with a clear message', async () => {
    await open('ip-ranges', 'IP ranges');
    await h.page.getByLabel('Range (CIDR) or address').fill('198.51.100.0/24');
    await pick('Category', 'VPN');
    await h.page.getByLabel('Name').fill('Company VPN exits');
    await h.page.getByRole('button', { name: 'Add range' }).click();
    const table = h.page.getByTestId('ip-ranges-table');
    await table.getByText('198.51.100.0/24').waitFor();
    await h.page.getByLabel('Range (CIDR) or address').fill('198.51.100.128/25');
    await h.page.getByRole('button', { name: 'Add range' }).click();
    await h.page.getByText(/overlaps the existing range "Company VPN exits" 198\.51\.100\.0\/24/).waitFor();
    await shot('ip-ranges.png');
    expect(h.consoleErrors).toEqual([]);
  });
});
