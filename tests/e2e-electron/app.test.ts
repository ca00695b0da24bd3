// The desktop app driven through Playwright's Electron driver. Where this machine has no
// Electron binary (offline installs) the tests are reported as skipped, with the reason.
import fs from 'node:fs';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MENU_ITEM_IDS } from '../../main/electron/menu-ids';
import { findElectronBinary } from '../../main/runtime/local-tools';
import { ROOT, tempDir } from '../support/cli';

const probe = findElectronBinary(ROOT);
const built = fs.existsSync(path.join(ROOT, 'out', 'main', 'index.js'));
const reason = !probe.found
  ? `no Electron binary: ${probe.reason}`
  : !built
    ? 'the app is not built (npm run build)'
    : '';
if (reason) console.warn(`\n!!! SKIPPING Electron end-to-end tests — ${reason} !!!\n`);

describe.skipIf(Boolean(reason))(`Electron app${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let app: ElectronApplication;
  let page: Page;
  beforeAll(async () => {
    app = await electron.launch({
      executablePath: probe.path!,
      args: [ROOT, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      env: { ...process.env, WORKPLACE_GUARD_DATA_DIR: tempDir('wg-electron-') },
    });
    page = await app.firstWindow();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('opens the main window on the app origin with the shell rendered', async () => {
    // The window exists before its page has loaded: wait for the shell, then read the URL.
    await page.getByText('Workplace Guard').first().waitFor();
    expect(page.url()).toBe('app://guard/index.html');
  });

  it('exposes window.guard with per-feature namespaces and no ipcRenderer or require', async () => {
    const shape = await page.evaluate(() => ({
      features: Object.keys((window as unknown as { guard: object }).guard).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(shape.features).toEqual([
      'activities',
      'alerts',
      'app',
      'connector',
      'events',
      'governance',
      'policies',
      'posture',
      'settings',
      'users',
    ]);
    expect(shape.require).toBe('undefined');
    expect(shape.process).toBe('undefined');
  });

  it('round-trips a contract call and refuses hostile input', async () => {
    const info = await page.evaluate(() =>
      (window as unknown as { guard: { app: { info(): Promise<unknown> } } }).guard.app.info(),
    );
    expect(info).toMatchObject({ ok: true, value: { shell: 'electron' } });
    const bad = await page.evaluate(() =>
      (window as unknown as { guard: { activities: { get(i: unknown): Promise<unknown> } } }).guard.activities.get({
        id: 'x'.repeat(10_000_000),
      }),
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('denies window.open and navigation away from the app', async () => {
    // window.open returns the main process's verdict synchronously: null when it was denied.
    const denied = await page.evaluate(() => window.open('https://example.com') === null);
    expect(denied).toBe(true);
    expect(app.windows()).toHaveLength(1);
    // Listen for main's will-navigate for this very URL, then navigate and wait for it: once it
    // has fired, the baseline's verdict is made, so the page's URL shows it.
    await app.evaluate(({ BrowserWindow }) => {
      const wc = BrowserWindow.getAllWindows()[0].webContents;
      (globalThis as { navigationAttempt?: Promise<string> }).navigationAttempt = new Promise((resolve) =>
        wc.once('will-navigate', (e) => resolve(e.url)),
      );
    });
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    const attempted = await app.evaluate(
      () => (globalThis as { navigationAttempt?: Promise<string> }).navigationAttempt,
    );
    expect(attempted).toBe('https://example.com/');
    expect(page.url()).toBe('app://guard/index.html');
  });

  it('Help → About and File → Settings… show their screens (the app.navigate event)', async () => {
    const click = (id: string) =>
      app.evaluate(({ Menu }, itemId) => Menu.getApplicationMenu()?.getMenuItemById(itemId)?.click(), id);
    await click(MENU_ITEM_IDS.about);
    await page.getByRole('heading', { name: 'About', exact: true }).waitFor();
    await click(MENU_ITEM_IDS.settings);
    await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor();
  });
});
