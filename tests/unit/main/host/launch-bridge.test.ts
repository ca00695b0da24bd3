// The page's side of the launch token, in Debian's Chromium: the bridge trades the token in
// the fragment for the secret before its first call, erases the fragment, and a second page
// opened with the same launch URL gets a clear refusal instead of a console.
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, type RunningConsole } from '../../../../main/console/open-console';
import { startHost, type RunningHost } from '../../../../main/host/server';
import { CHROMIUM_QUIET_FLAGS, findChromium } from '../../../../main/runtime/local-tools';
import { ROOT, tempDir } from '../../../support/cli';

const probe = findChromium();
let running: RunningConsole;
let host: RunningHost;
let browser: Browser;
const warnings: string[] = [];

beforeAll(async () => {
  if (!probe.found) return;
  running = await openConsole({ shell: 'browser', dataDir: tempDir() });
  host = await startHost({
    api: running.api,
    events: running.events,
    rendererDir: path.join(ROOT, 'out', 'renderer'),
    warn: (line) => warnings.push(line),
  });
  browser = await chromium.launch({
    executablePath: probe.path!,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', ...CHROMIUM_QUIET_FLAGS],
  });
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
  await running?.close();
});

describe.skipIf(!probe.found)('launch token in the browser', () => {
  it('is traded for the secret before the first call, and the fragment is erased', async () => {
    const launchUrl = host.launchUrl();
    const page = await (await browser.newContext()).newPage();
    await page.goto(launchUrl);
    const info = await page.evaluate(() =>
      (globalThis as unknown as { guard: { app: { info(): Promise<unknown> } } }).guard.app.info(),
    );
    expect(info).toMatchObject({ ok: true, value: { name: 'Workplace Guard', shell: 'browser' } });
    // The token is gone from the address; what remains of the fragment is the console's own route.
    const after = new URL(page.url());
    expect(`${after.origin}${after.pathname}`).toBe(`${host.origin}/`);
    expect(after.hash).not.toContain('launch');
    expect(after.hash === '' || after.hash.startsWith('#/')).toBe(true);

    // The same launch URL again, in a fresh context: already used, refused in plain words.
    const again = await (await browser.newContext()).newPage();
    await again.goto(launchUrl);
    const refused = await again.evaluate(() =>
      (globalThis as unknown as { guard: { app: { info(): Promise<unknown> } } }).guard.app.info(),
    );
    expect(refused).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'This launch link was already used or has expired.' },
    });
    expect(warnings.join('\n')).not.toContain(new URL(launchUrl).hash.slice('#launch='.length));
  });
});
