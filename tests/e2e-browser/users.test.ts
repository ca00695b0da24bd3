// The Users list and a user's page in Debian Chromium over the real browser host connected to
// the in-app demo community (no mocks): the total of matches, a virtualized table whose DOM
// stays small while scrolling loads everyone, filters and sorts done by the engine, and the
// user page with priority, alerts, places on the map, IPs, devices, timeline and governance.
// Screenshots (1280×800 and 1024×700) go to docs/screenshots/. Waits on the page, never the clock.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuardBridge } from '../../preload/contract';
import { ROOT } from '../support/cli';
import { browserAvailable, startHostAndBrowser, type HostAndBrowser } from './helpers';

const SHOTS = path.join(ROOT, 'docs', 'screenshots');

describe.skipIf(!browserAvailable())('the Users list and a user page over a connected demo', () => {
  let h: HostAndBrowser;

  async function openUsers() {
    await h.page.locator('nav [data-nav="users"]').click();
    await h.page.getByRole('heading', { level: 1, name: 'Users', exact: true }).waitFor();
    await h.page.locator('[data-user-id]').first().waitFor();
  }
  const rows = () => h.page.locator('[data-testid="users-table"] [data-user-id]');
  const totalText = () => h.page.getByTestId('users-total');
  async function engineTotal(input: object): Promise<number> {
    return h.page.evaluate(async (i) => {
      const guard = (window as unknown as { guard: GuardBridge }).guard;
      const r = await guard.users.list({ ...i, limit: 1 });
      if (!r.ok) throw new Error(r.error.message);
      return r.value.total;
    }, input);
  }
  async function pick(label: string, option: string) {
    await h.page.getByLabel(label, { exact: true }).first().click();
    await h.page.getByRole('option', { name: option, exact: true }).click();
  }
  async function shot(name: string) {
    const close = h.page.locator('[aria-live="polite"] .mantine-Notification-closeButton');
    for (let i = 0; i < 10 && (await close.count()) > 0; i++) await close.first().click();
    await h.page.screenshot({ path: path.join(SHOTS, name), fullPage: false });
  }

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    h = await startHostAndBrowser({ extraArgs: ['--demo'] });
    await h.page.locator('[data-testid="connector-state"][data-state="connected"]').waitFor({ timeout: 120_000 });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  it('shows the total and keeps the DOM small while scrolling loads everyone', async () => {
    await openUsers();
    const total = await engineTotal({});
    expect(total).toBeGreaterThan(200); // more than one page, so scrolling must load
    await totalText()
      .filter({ hasText: `${total.toLocaleString()} users match — everyone synced` })
      .waitFor();
    expect(await rows().count()).toBeLessThanOrEqual(40);
    const scroller = h.page.getByTestId('users-table');
    // Scroll to the end until every page is in: bounded, each step waiting for rows to arrive.
    for (let i = 0; i < 50; i++) {
      const loaded = Number(
        ((await totalText().textContent()) ?? '').replace(/^.*· ([\d,]+) loaded.*$/s, '$1').replace(/,/g, ''),
      );
      if (loaded >= total) break;
      await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await totalText()
        .filter({ hasNotText: `· ${loaded.toLocaleString()} loaded` })
        .waitFor();
    }
    await totalText()
      .filter({ hasText: `· ${total.toLocaleString()} loaded` })
      .waitFor();
    expect(await rows().count()).toBeLessThanOrEqual(40);
    await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
    await rows().first().waitFor();
    await shot('users.png');
    await h.page.setViewportSize({ width: 1024, height: 700 });
    // Nothing clipped at 1024: the table fits its frame without a horizontal scroll.
    const overflow = await scroller.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('users-1024.png');
    await h.page.setViewportSize({ width: 1280, height: 800 });
  });

  it('filters by admin and by open alerts with the engine’s count, and sorts by priority', async () => {
    await openUsers();
    await pick('Admin', 'Admins');
    const admins = await engineTotal({ admin: true });
    expect(admins).toBeGreaterThan(0);
    await totalText()
      .filter({ hasText: `${admins.toLocaleString()} user` })
      .waitFor();
    await totalText().filter({ hasText: 'these filters' }).waitFor();
    const badges = await rows().evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    for (const text of badges) expect(text).toContain('Admin');
    await pick('Admin', 'Any');
    await pick('Open alerts', 'With open alerts');
    const flagged = await engineTotal({ openAlerts: true });
    expect(flagged).toBeGreaterThan(0);
    await totalText()
      .filter({ hasText: `${flagged.toLocaleString()} user` })
      .waitFor();
    await h.page.getByRole('button', { name: 'Sort by Priority' }).click();
    await h.page.locator('[role="columnheader"][aria-sort="descending"]', { hasText: 'Priority' }).waitFor();
    expect(await h.page.evaluate(() => location.hash)).toMatch(/sort=priority/);
    const expected = await h.page.evaluate(async () => {
      const guard = (window as unknown as { guard: GuardBridge }).guard;
      const r = await guard.users.list({ openAlerts: true, sort: 'priority', limit: 3 });
      if (!r.ok) throw new Error(r.error.message);
      return r.value.items.map((u) => u.id);
    });
    await h.page.locator(`[data-testid="users-table"] [data-user-id="${expected[0]}"]`).waitFor();
    const shown = await rows().evaluateAll((els) => els.slice(0, 3).map((e) => e.getAttribute('data-user-id')));
    expect(shown).toEqual(expected);
  });

  it('opens the user page: priority, alerts, places, IPs, devices, timeline and the actions', async () => {
    await openUsers();
    await pick('Open alerts', 'With open alerts');
    await h.page.getByRole('button', { name: 'Sort by Priority' }).click();
    await h.page.locator('[role="columnheader"][aria-sort="descending"]', { hasText: 'Priority' }).waitFor();
    await rows().first().click();
    const drawer = h.page.getByRole('dialog');
    await drawer.getByTestId('user-priority').waitFor();
    await drawer.getByTestId('user-open-alerts').waitFor();
    await drawer.getByTestId('user-alerts').waitFor();
    await drawer.getByTestId('world-map').waitFor();
    await drawer.getByText('IP addresses').waitFor();
    await drawer.getByText('Devices').waitFor();
    await drawer.getByTestId('user-timeline').waitFor();
    await drawer.getByRole('button', { name: 'Suspend' }).waitFor();
    expect(await drawer.getByText(/^Could not /).count()).toBe(0);
    await shot('user-page.png');
    await h.page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    expect(h.consoleErrors).toEqual([]);
  });
});
