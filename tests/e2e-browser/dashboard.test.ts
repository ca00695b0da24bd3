// The Dashboard in Debian Chromium over the real browser host connected to the in-app demo
// community (no mocks), in a browser set to Pacific/Chatham (UTC+12:45/+13:45) so days cut in
// UTC would show: open alerts by severity linking to the queue, users by priority opening their
// page, sign-ins on the offline world map, days in the admin's zone with clickable bars, security
// types before file traffic, intel freshness, and no card in its error state. Screenshots in
// light (1280×800, 1024×700) and dark go to docs/screenshots/. Waits on the page, never the clock.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuardBridge } from '../../preload/contract';
import { ROOT } from '../support/cli';
import { browserAvailable, startHostAndBrowser, type HostAndBrowser } from './helpers';

const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const ZONE = 'Pacific/Chatham';

describe.skipIf(!browserAvailable())('the Dashboard over a connected demo', () => {
  let h: HostAndBrowser;
  let page: Page;

  async function openDashboard(p: Page) {
    await p.locator('nav [data-nav="dashboard"]').click();
    await p.getByRole('heading', { level: 1, name: 'Dashboard', exact: true }).waitFor();
  }
  /** The Dashboard with every card loaded: alerts counted, map placed, days drawn, lists read. */
  async function loaded(p: Page) {
    await p.locator('[data-testid="dashboard-alerts"] [data-severity="High"]').waitFor({ timeout: 60_000 });
    await p.locator('[data-testid="dashboard-top-users"] [data-user-id]').first().waitFor();
    await p.locator('[data-testid="world-map"] [data-country]').first().waitFor();
    await p.locator('[data-testid="dashboard-days"] [data-day]').first().waitFor();
    await p.locator('[data-testid="dashboard-types"] [data-type-group]').first().waitFor();
    await p.locator('[data-testid="dashboard-intel"] [data-list]').first().waitFor();
    // A card in its error state fails the test, whatever else is on screen.
    expect(await p.getByText(/^Could not /).count()).toBe(0);
  }
  /** Waits until the URL fragment (decoded) holds `part`: the screen has taken the filter. */
  async function urlHas(p: Page, part: string) {
    await p.waitForFunction((s) => decodeURIComponent(location.hash).includes(s), part);
  }
  async function shot(p: Page, name: string) {
    const close = p.locator('[aria-live="polite"] .mantine-Notification-closeButton');
    for (let i = 0; i < 10 && (await close.count()) > 0; i++) await close.first().click();
    await p.screenshot({ path: path.join(SHOTS, name), fullPage: false });
  }

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    h = await startHostAndBrowser({ extraArgs: ['--demo'] });
    // The first sync has finished when the header says Connected.
    await h.page.locator('[data-testid="connector-state"][data-state="connected"]').waitFor({ timeout: 120_000 });
    // The same console in a browser living in Chatham: the days must follow the browser's zone.
    const context = await h.browser.newContext({
      viewport: { width: 1280, height: 800 },
      colorScheme: 'light',
      timezoneId: ZONE,
    });
    page = await context.newPage();
    page.on('pageerror', (err) => h.consoleErrors.push(String(err)));
    await page.goto(h.url);
    await page.locator('[data-testid="connector-state"][data-state="connected"]').waitFor();
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  it('shows every card over the connected demo, days cut in the browser’s time zone', async () => {
    await openDashboard(page);
    await loaded(page);
    await page.getByText(`Days are cut in your time zone (${ZONE})`).waitFor();
    const today = new Intl.DateTimeFormat('en-CA', {
      timeZone: ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date());
    const days = await page
      .locator('[data-testid="dashboard-days"] [data-day]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-day')));
    expect(days).toHaveLength(30);
    expect(days[29]).toBe(today);
    // The figures agree with the engine asked the same question in the same zone, and are labelled apart.
    const engine = await page.evaluate(async (zone) => {
      const guard = (window as unknown as { guard: GuardBridge }).guard;
      const now = new Date();
      const since = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 29).getTime();
      const r = await guard.dashboard.activityByDay({ since, timeZone: zone });
      const t = await guard.dashboard.totals();
      if (!r.ok || !t.ok) throw new Error('dashboard call failed');
      return { window: r.value.total, stored: t.value.activities };
    }, ZONE);
    const figure = async (id: string) =>
      Number(((await page.getByTestId(id).textContent()) ?? '').replace(/[^\d]/g, ''));
    expect(engine.window).toBeGreaterThan(0);
    expect(await figure('stat-activities-window')).toBe(engine.window);
    expect(await figure('stat-stored')).toBe(engine.stored);
    expect(engine.stored).toBeGreaterThanOrEqual(engine.window);
    await page.getByText('Activities, last 30 days').waitFor();
    await page.getByText(/all activities ever synced/).waitFor();
    // Security before file traffic, whatever the counts.
    const groups = await page
      .locator('[data-testid="dashboard-types"] [data-type-group]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-type-group')));
    expect(groups[0]).toBe('security');
    if (groups.includes('files')) expect(groups.indexOf('files')).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="dashboard-intel"] [data-list]').count()).toBeGreaterThan(0);
    await shot(page, 'dashboard.png');
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-full.png'), fullPage: true });
    await page.setViewportSize({ width: 1024, height: 700 });
    await shot(page, 'dashboard-1024.png');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('opens the Alerts queue on one severity from its count', async () => {
    await openDashboard(page);
    await loaded(page);
    const row = page.locator('[data-testid="dashboard-alerts"] [data-severity="High"]');
    expect(Number((await row.locator('[data-count]').textContent())?.replace(/\D/g, ''))).toBeGreaterThan(0);
    await row.click();
    await page.getByRole('heading', { level: 1, name: 'Alerts', exact: true }).waitFor();
    await urlHas(page, 'severity=High');
    // The queue took the link's filter: its Severity select shows High.
    expect(await page.getByLabel('Severity', { exact: true }).first().inputValue()).toBe('High');
  });

  it('opens a top user’s page from the priority list', async () => {
    await openDashboard(page);
    await loaded(page);
    const first = page.locator('[data-testid="dashboard-top-users"] [data-user-id]').first();
    const name = (await first.locator('p').first().textContent())!;
    await first.click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('heading', { name, exact: true }).waitFor();
    await drawer.getByTestId('user-priority').waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
  });

  it('opens one local day in the timeline from its bar', async () => {
    await openDashboard(page);
    await loaded(page);
    const bar = page.locator('[data-testid="dashboard-days"] [data-day]').last();
    const day = (await bar.getAttribute('data-day'))!;
    await bar.click();
    await page.getByRole('heading', { level: 1, name: 'Activity', exact: true }).waitFor();
    // The timeline writes its filter into the URL once it has taken it: wait for that, then read it.
    await urlHas(page, `since=${day}T00:00`);
    await urlHas(page, `until=${day}T23:59`);
  });

  it('opens a country’s sign-ins in the timeline from the map', async () => {
    await openDashboard(page);
    await loaded(page);
    const country = page.locator('[data-testid="world-map"] [data-country]').first();
    const code = (await country.getAttribute('data-country'))!;
    await country.click();
    await page.getByRole('heading', { level: 1, name: 'Activity', exact: true }).waitFor();
    await urlHas(page, `country=${code}`);
    await urlHas(page, 'login.success');
  });

  it('reads in dark mode too', async () => {
    const dark = await h.browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
    const p = await dark.newPage();
    await p.goto(h.url);
    await openDashboard(p);
    await loaded(p);
    await shot(p, 'dashboard-dark.png');
    await dark.close();
    expect(h.consoleErrors).toEqual([]);
  });
});
