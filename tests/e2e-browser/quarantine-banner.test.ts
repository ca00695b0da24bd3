// Issue 8 requirement 6 in the browser: a store with a damaged partition (torn by hand before the
// console starts) opens with that hour set aside, and both the Connector screen and the Dashboard
// say so in plain words with the fix — over the real browser host, in Debian Chromium. Screenshots
// go to docs/screenshots/.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../main/store/index';
import { ROOT, tempDir } from '../support/cli';
import type { StoredActivity } from '../../main/store/types';
import { browserAvailable, openScreen, settledScreenshot, startHostAndBrowser, type HostAndBrowser } from './helpers';

const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const T0 = Date.UTC(2024, 4, 1);
const HOUR = 3_600_000;

const act = (id: string, at: number): StoredActivity => ({
  id,
  at,
  type: 'login.success',
  event: 'Logged in',
  actor: 'alice@example.com',
  target: null,
  ip: '198.51.100.7',
  country: 'FR',
  city: 'Paris',
  lat: 48.85,
  lon: 2.35,
  radiusKm: 20,
  admin: false,
  impersonated: false,
  userAgent: null,
  summary: 'alice@example.com logged in',
  raw: { id, event: 'Logged in', timestamp: Math.floor(at / 1000) },
});

describe.skipIf(!browserAvailable())('the quarantine banner in the browser console', () => {
  let h: HostAndBrowser;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const dataDir = tempDir('wg-e2e-quarantine-');
    const store = await openStore(dataDir);
    await store.activities.append([0, 1, 2].flatMap((k) => [0, 1].map((j) => act(`h${k}-${j}`, T0 + k * HOUR + j))));
    await store.close();
    fs.writeFileSync(
      path.join(dataDir, 'store', 'activities', '2024-05-01', '01.json'),
      '{"v":1,"hour":"2024-05-01T01","activities":[{"id":"h1-0",',
    );
    h = await startHostAndBrowser({ dataDir });
    await h.page.getByRole('heading', { name: 'Workplace Guard' }).first().waitFor();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('says on the Connector screen what was set aside, for which hour, and the fix', async () => {
    await openScreen(h.page, 'connector', 'Connector');
    const banner = h.page.getByTestId('quarantine-banner');
    await banner.getByText('Damaged files were set aside').waitFor();
    const text = await banner.innerText();
    expect(text).toMatch(/2024/);
    expect(text).toMatch(/How to fix it:/);
    await settledScreenshot(h.page, path.join(SHOTS, 'connector-quarantine.png'));
  });

  it('says the same on the Dashboard', async () => {
    await openScreen(h.page, 'dashboard', 'Dashboard');
    await h.page.getByTestId('quarantine-banner').getByText('Damaged files were set aside').waitFor();
    await settledScreenshot(h.page, path.join(SHOTS, 'dashboard-quarantine.png'));
    expect(h.consoleErrors).toEqual([]);
  });
});
