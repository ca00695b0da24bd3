// The whole story an admin lives, in Debian Chromium over the real browser host and the demo
// community, with no mocks: connect through the demo's consent page (a real tab, a real click on
// "Add to Workplace") → watch the first sync's progress → alerts arrive → open the
// impossible-travel alert → suspend the user from it → the governance log shows the success and
// the demo server reports the user inactive → stop the demo server → the timeline, the alert and
// the user are still there to review, offline, with the banner that says so.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/index';
import type { GuardBridge } from '../../preload/contract';
import { ROOT, tempDir } from '../support/cli';
import { browserAvailable, startHostAndBrowser, type HostAndBrowser, openScreen } from './helpers';

const SHOTS = path.join(ROOT, 'docs', 'screenshots');

describe.skipIf(!browserAvailable())('the admin’s story, end to end in Chromium', () => {
  let demo: DemoServer | null = null;
  let h: HostAndBrowser;
  let suspendedUser = '';

  const open = (id: string, heading: string) => openScreen(h.page, id, heading);
  async function closeToasts() {
    const close = h.page.locator('[aria-live="polite"] .mantine-Notification-closeButton');
    for (let i = 0; i < 10 && (await close.count()) > 0; i++) await close.first().click();
  }

  beforeAll(async () => {
    // Pages slowed a little so the first sync's progress can be watched, as it would be live.
    demo = await startDemoServer({ users: 80, days: 14, seed: 'e2e-alerts', faults: { slowMs: 40 } });
    h = await startHostAndBrowser({ dataDir: tempDir('wg-e2e-story-') });
    await h.page.getByRole('heading', { name: 'Workplace Guard' }).first().waitFor();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await demo?.close();
  });

  it('connects through the demo consent page and shows the first sync as it runs', async () => {
    const d = demo!;
    await open('connector', 'Connector');
    await h.page.getByRole('tab', { name: 'Add to Workplace' }).click();
    await h.page.getByLabel(/^App ID/).fill(d.appId);
    await h.page.getByLabel(/^App secret/).fill(d.appSecret);
    await h.page.getByLabel(/Your own account/).fill(d.incidents.connectedAdmin.email);
    await h.page.getByLabel(/API base URL/).fill(d.baseUrl);
    await h.page.getByRole('button', { name: 'Add to Workplace' }).click();

    // The browser host hands the consent page over as a link; the admin opens it in a tab.
    await h.page.getByText('Waiting for consent').waitFor();
    const [consent] = await Promise.all([
      h.page.context().waitForEvent('page'),
      h.page.getByTestId('consent-page-link').click(),
    ]);
    await consent.getByRole('button', { name: 'Add to Workplace' }).click();
    await consent.getByText(/received the consent/).waitFor();
    await consent.close();

    const progress = h.page.getByTestId('sync-progress');
    await progress.getByText(/Syncing (users|activity)/).waitFor({ timeout: 60_000 });
    await h.page.screenshot({ path: path.join(SHOTS, 'story-first-sync.png') });
    await progress.getByText('Finished').waitFor({ timeout: 180_000 });
    const activities = Number(
      ((await progress.getByText('Activities').locator('xpath=following-sibling::*[1]').textContent()) ?? '0').replace(
        /\D/g,
        '',
      ),
    );
    expect(activities).toBeGreaterThan(1000);
  }, 240_000);

  it('raises the alerts; the impossible-travel alert tells its story; the user is suspended from it', async () => {
    await open('alerts', 'Alerts');
    const travel = h.page.getByTestId('alert-row-impossible-travel').first();
    await travel.waitFor({ timeout: 120_000 });
    await travel.getByRole('button').first().click();
    const evidence = h.page.getByTestId('travel-evidence');
    expect(await evidence.textContent()).toMatch(/Distance[\d,.\s]+km/);
    expect(await h.page.getByTestId('travel-map').locator('circle').count()).toBe(2);

    await h.page.getByRole('button', { name: 'Suspend', exact: true }).click();
    const modal = h.page.getByRole('dialog', { name: 'Suspend user' });
    const statement = (await modal.getByTestId('governance-statement').textContent()) ?? '';
    suspendedUser = /[\w.+-]+@[\w.-]+/.exec(statement)?.[0] ?? '';
    expect(suspendedUser).not.toBe('');
    const reason = modal.getByLabel(/Reason/);
    if (!(await reason.inputValue())) await reason.fill('Impossible travel');
    const typed = modal.getByLabel(/This is a system admin account/);
    if (await typed.count()) await typed.fill(suspendedUser);
    await modal.getByRole('button', { name: 'Suspend', exact: true }).click();
    await modal.getByText(/^Done: /).waitFor();
    await modal.getByRole('button', { name: 'Close' }).click();
  }, 240_000);

  it('logs the suspension as sent and verified, and the demo community reports the user inactive', async () => {
    await open('governance', 'Governance');
    const row = h.page.getByTestId('governance-log').locator('tr', { hasText: suspendedUser }).first();
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Suspend/i);
    expect(await row.textContent()).toMatch(/Succeeded|Success|Done/i);
    const id = await h.page.evaluate(async (email) => {
      const guard = (window as unknown as { guard: GuardBridge }).guard;
      const r = await guard.users.list({ search: email, limit: 1 });
      if (!r.ok) throw new Error(r.error.message);
      return r.value.items[0]?.id ?? '';
    }, suspendedUser);
    expect(demo!.inspect.userState(id)).toMatchObject({ active: false });
    await closeToasts();
    await h.page.screenshot({ path: path.join(SHOTS, 'story-governance.png') });
  }, 120_000);

  it('keeps the timeline, the alert and the user reviewable once the organisation is unreachable', async () => {
    await demo!.close();
    demo = null;
    await h.page.evaluate(async () => {
      const guard = (window as unknown as { guard: GuardBridge }).guard;
      await guard.connector.syncNow(undefined);
    });
    await h.page.getByTestId('offline-banner').waitFor({ timeout: 120_000 });

    await open('activity', 'Activity');
    await h.page.getByTestId('activity-timeline').locator('[data-row]').first().waitFor();
    await open('alerts', 'Alerts');
    await h.page.getByTestId('alert-row-impossible-travel').first().waitFor();
    await open('users', 'Users');
    // The list is virtualized (only rows in view are in the page): search for the person.
    await h.page.locator('main').getByRole('textbox', { name: 'Search', exact: true }).fill(suspendedUser);
    await h.page.getByText(suspendedUser).first().waitFor();
    await closeToasts();
    await h.page.screenshot({ path: path.join(SHOTS, 'story-offline.png') });
    expect(h.consoleErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  }, 240_000);
});
