// The console's screens in Debian Chromium against the real browser host: every screen is
// reachable from the navigation, the connector offers its ways to connect, settings survive a
// reload, and the geolocation attribution is shown. Waits on UI state, never on the clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, startHostAndBrowser, type HostAndBrowser, openScreen } from './helpers';

const screens = [
  ['dashboard', 'Dashboard'],
  ['activity', 'Activity'],
  ['alerts', 'Alerts'],
  ['users', 'Users'],
  ['governance', 'Governance'],
  ['policies', 'Policies'],
  ['posture', 'Posture'],
  ['connector', 'Connector'],
  ['settings', 'Settings'],
  ['about', 'About'],
] as const;

describe.skipIf(!browserAvailable())('browser console screens', () => {
  let h: HostAndBrowser;

  const open = (id: string, heading: string) => openScreen(h.page, id, heading);

  beforeAll(async () => {
    h = await startHostAndBrowser();
    await h.page.getByRole('heading', { name: 'Workplace Guard' }).first().waitFor();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows the product name and the connector state in the header', async () => {
    const badge = h.page.getByTestId('connector-state');
    await badge.waitFor();
    expect(await badge.getAttribute('data-state')).toMatch(
      /^(not_connected|connecting|first_sync|connected|error|disconnected)$/,
    );
  });

  it('reaches every screen from the navigation, each with its heading', async () => {
    for (const [id, heading] of screens) {
      await open(id, heading);
      expect(await h.page.locator(`nav [data-nav="${id}"]`).getAttribute('aria-current')).toBe('page');
      // Each screen settles into data, an empty state or an error — never an endless skeleton.
      await h.page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
    }
  });

  it('offers the demo and the three ways to connect on the Connector screen', async () => {
    await open('connector', 'Connector');
    await h.page.getByRole('button', { name: 'Explore the demo community' }).first().waitFor();
    for (const name of ['Add to Workplace', 'Custom integration token', 'Admin Center app credentials']) {
      await h.page.getByRole('tab', { name }).waitFor();
    }
    // Secrets are typed into password fields.
    await h.page.getByRole('tab', { name: 'Custom integration token' }).click();
    expect(await h.page.getByLabel('Access token').getAttribute('type')).toBe('password');
  });

  it('says plainly that nothing is open before anything was synced', async () => {
    await open('alerts', 'Alerts');
    await h.page.getByText('No alerts yet').waitFor();
    await h.page.getByText(/Nothing open\. Detection evaluates every sync/).waitFor();
  });

  it('round-trips a settings change through main and back after a reload', async () => {
    await open('settings', 'Settings');
    const interval = h.page.getByLabel('Sync every (minutes)');
    await interval.waitFor();
    const before = await interval.inputValue();
    const next = before === '37' ? '38' : '37';
    await interval.fill(next);
    await h.page.getByRole('button', { name: 'Save changes' }).click();
    await h.page.getByText('Settings saved').waitFor();
    await h.page.getByText('No unsaved changes').waitFor();

    const stored = await h.page.evaluate(async () =>
      (window as unknown as { guard: { settings: { get(): Promise<unknown> } } }).guard.settings.get(),
    );
    expect(stored).toMatchObject({ ok: true, value: { syncIntervalMinutes: Number(next) } });

    await h.page.reload();
    await h.page.getByRole('heading', { name: 'Workplace Guard' }).first().waitFor();
    await open('settings', 'Settings');
    await expect.poll(() => h.page.getByLabel('Sync every (minutes)').inputValue()).toBe(next);
  });

  it('shows the DB-IP attribution and the data directory on About', async () => {
    await open('about', 'About');
    await h.page.getByText('IP Geolocation by DB-IP (db-ip.com)').waitFor();
    expect(await h.page.getByTestId('data-dir').textContent()).toContain(h.dataDir);
  });

  it('logged no console errors on the way', () => {
    expect(h.consoleErrors).toEqual([]);
  });
});
