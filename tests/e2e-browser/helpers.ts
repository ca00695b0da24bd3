// Starts the real browser host (the `serve` command, in its own process, on a fresh data
// directory) and Debian's Chromium through playwright-core. Without Chromium the tests fail
// under CI=true and skip loudly otherwise.
import type { ChildProcess } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_QUIET_FLAGS, findChromium } from '../../main/runtime/local-tools';
import { startCliJson, stopChild, tempDir } from '../support/cli';

export const chromiumProbe = findChromium();

/** Use as `describe.skipIf(!browserAvailable())`: throws under CI so a missing Chromium is a failure there. */
export function browserAvailable(): boolean {
  if (chromiumProbe.found) return true;
  if (process.env.CI === 'true')
    throw new Error(`Chromium is required for the browser end-to-end tests under CI: ${chromiumProbe.reason}`);
  console.warn(`\n!!! SKIPPING browser end-to-end tests: ${chromiumProbe.reason} !!!\n`);
  return false;
}

export interface HostAndBrowser {
  url: string;
  origin: string;
  secret: string;
  dataDir: string;
  browser: Browser;
  page: Page;
  host: ChildProcess;
  consoleErrors: string[];
  close(): Promise<void>;
}

export async function startHostAndBrowser(
  opts: { dataDir?: string; colorScheme?: 'light' | 'dark'; extraArgs?: string[] } = {},
): Promise<HostAndBrowser> {
  const dataDir = opts.dataDir ?? tempDir('wg-e2e-');
  const started = await startCliJson<{ url: string; origin: string }>([
    '--data-dir',
    dataDir,
    '--json',
    'serve',
    ...(opts.extraArgs ?? []),
  ]);
  const browser = await chromium.launch({
    executablePath: chromiumProbe.path!,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', ...CHROMIUM_QUIET_FLAGS],
  });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: opts.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  await page.goto(started.first.url);
  return {
    url: started.first.url,
    origin: started.first.origin,
    secret: new URL(started.first.url).hash.replace('#secret=', ''),
    dataDir,
    browser,
    page,
    host: started.child,
    consoleErrors,
    async close() {
      await browser.close();
      await stopChild(started.child);
    },
  };
}

/** Opens a screen from the navigation and waits for its heading. */
export async function openScreen(page: Page, id: string, heading: string): Promise<void> {
  await page.locator(`nav [data-nav="${id}"]`).click();
  await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
}

/** Screenshots show the screen, not the toasts of what the test did before, once transitions end. */
export async function settledScreenshot(page: Page, file: string): Promise<void> {
  const close = page.locator('[aria-live="polite"] .mantine-Notification-closeButton');
  for (let i = 0; i < 10 && (await close.count()) > 0; i++) await close.first().click();
  // Dialogs and drawers fade in (and closed toasts fade out): wait for the transitions that end.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  await page.screenshot({ path: file, fullPage: false });
}
