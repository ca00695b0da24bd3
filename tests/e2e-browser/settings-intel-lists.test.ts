// Issue 9 req 1 on the Settings screen in Debian Chromium over the real browser host: the IP lists
// card shows every list with its last refresh and stale flag, online refresh is an opt-in switch
// with a daily schedule, a URL main refuses says why under the field, and an unsaved URL draft
// holds the screen like any unsaved setting. (No Refresh now here: it would reach the Internet.)
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuardBridge } from '../../preload/contract';
import { ROOT, tempDir } from '../support/cli';
import { browserAvailable, startHostAndBrowser, type HostAndBrowser } from './helpers';

const SHOTS = path.join(ROOT, 'docs', 'screenshots');

describe.skipIf(!browserAvailable())('IP lists on the Settings screen', () => {
  let h: HostAndBrowser;
  const card = () => h.page.getByTestId('intel-lists-card');
  const stored = () => h.page.evaluate(async () => (window as unknown as { guard: GuardBridge }).guard.intel.lists());

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    h = await startHostAndBrowser({ dataDir: tempDir('wg-e2e-intel-lists-') });
    await h.page.getByRole('heading', { name: 'Workplace Guard' }).first().waitFor();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('lists every list with freshness; online refresh and the schedule are saved at once', async () => {
    await h.page.locator('nav [data-nav="settings"]').click();
    await h.page.getByRole('heading', { level: 1, name: 'Settings', exact: true }).waitFor();
    await card().getByRole('table').waitFor();
    const before = await stored();
    if (!before.ok) throw new Error(before.error.message);
    expect(before.value.lists.length).toBeGreaterThan(0);
    for (const list of before.value.lists) {
      const row = card().getByTestId(`intel-list-${list.id}`);
      expect(await row.textContent()).toContain(list.name);
      expect(await row.textContent()).toContain(list.stale ? 'Stale' : 'Fresh');
    }
    // Off by default: nothing is fetched, Refresh now and the schedule wait for the opt-in.
    expect(before.value.online).toBe(false);
    expect(await card().getByRole('button', { name: 'Refresh now' }).isDisabled()).toBe(true);

    await card().getByRole('switch', { name: 'Refresh the lists online' }).click();
    await card().getByRole('button', { name: 'Refresh now' }).and(h.page.locator(':not([disabled])')).waitFor();
    // The schedule is enabled once main has the opt-in (its radio hides behind its label).
    await card()
      .getByRole('radio', { name: 'Daily' })
      .and(h.page.locator(':not([disabled])'))
      .waitFor({ state: 'attached' });
    await card().locator('label', { hasText: 'Daily' }).click();
    await expect
      .poll(async () => {
        const r = await stored();
        return r.ok && { online: r.value.online, schedule: r.value.schedule };
      })
      .toEqual({ online: true, schedule: 'daily' });
    // Saved at once, so nothing here counts as unsaved.
    await h.page.getByText('No unsaved changes').waitFor();
  });

  it('a URL main refuses says why; an unsaved URL holds the screen until undone', async () => {
    const first = await stored();
    if (!first.ok) throw new Error(first.error.message);
    const list = first.value.lists[0]!;
    const row = card().getByTestId(`intel-list-${list.id}`);
    const urls = row.getByRole('textbox');
    await urls.fill('http://lists.example.com/tor.txt');
    await row.getByRole('button', { name: 'Save URLs' }).click();
    // Plain http to another machine is refused by main (https, or http on this machine only).
    await row.locator('.mantine-InputWrapper-error').waitFor();
    const after = await stored();
    expect(after.ok && after.value.lists[0]!.urls).toEqual(list.urls);

    await h.page.locator('nav [data-nav="users"]').click();
    await h.page.getByText('Leave without saving?').waitFor();
    await h.page.getByRole('button', { name: 'Keep editing' }).click();
    expect(await urls.inputValue()).toBe('http://lists.example.com/tor.txt');
    await row.getByRole('button', { name: 'Undo' }).click();
    expect(await urls.inputValue()).toBe(list.urls.join('\n'));
    // Undone: the refusal was about the draft, so it goes with it.
    await row.locator('.mantine-InputWrapper-error').waitFor({ state: 'detached' });

    for (const [width, height, suffix] of [
      [1280, 800, ''],
      [1024, 700, '-1024'],
    ] as const) {
      await h.page.setViewportSize({ width, height });
      await card().scrollIntoViewIfNeeded();
      await h.page.evaluate(() =>
        Promise.all(
          document
            .getAnimations()
            .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
            .map((a) => a.finished.catch(() => undefined)),
        ),
      );
      await h.page.screenshot({ path: path.join(SHOTS, `settings-ip-lists${suffix}.png`) });
    }
    await h.page.setViewportSize({ width: 1280, height: 800 });
    await h.page.locator('nav [data-nav="users"]').click();
    await h.page.getByRole('heading', { level: 1, name: 'Users', exact: true }).waitFor();
    expect(h.consoleErrors).toEqual([]);
  });
});
