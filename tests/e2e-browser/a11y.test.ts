// Accessible and responsive (issue 11 req 6), in Debian's Chromium over a connected demo
// community: axe-core finds no serious or critical violation on any screen, light or dark; the
// navigation folds to icons below 1200 px; at 1024×700 no screen scrolls sideways and no control
// sticks out of the content area.
import axe from 'axe-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/index';
import type { GuardBridge, ScreenId } from '../../preload/contract';
import { ScreenIdSchema } from '../../preload/contract';
import { browserAvailable, startHostAndBrowser, type HostAndBrowser } from './helpers';

const screens: ScreenId[] = ScreenIdSchema.options;

type Finding = { id: string; impact: string | null; help: string; targets: string[] };

describe.skipIf(!browserAvailable())('accessibility and layout of every screen', () => {
  let demo: DemoServer;
  let h: HostAndBrowser;

  /** Opens a screen through its URL and waits until it has settled into data (no skeletons). */
  async function open(screen: ScreenId) {
    await h.page.goto(`${h.origin}/#/${screen}`);
    await h.page.locator(`nav [data-nav="${screen}"][aria-current="page"]`).waitFor();
    await h.page.getByRole('heading', { level: 1 }).first().waitFor();
    await h.page.locator('main [aria-busy="true"]').first().waitFor({ state: 'detached' });
  }

  async function seriousViolations(): Promise<Finding[]> {
    // Evaluated through the DevTools protocol, so the console's CSP (no inline scripts) stays as it is.
    await h.page.evaluate(axe.source);
    const found = await h.page.evaluate(async () => {
      const run = (window as unknown as { axe: typeof axe }).axe.run;
      const result = await run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        // The selector and the start of the element, so the report says which control it is.
        targets: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}  ${n.html.slice(0, 140)}`),
      }));
    });
    return found.filter((f) => f.impact === 'serious' || f.impact === 'critical');
  }

  beforeAll(async () => {
    demo = await startDemoServer({ users: 60, days: 7, seed: 'e2e-a11y' });
    h = await startHostAndBrowser();
    await h.page.getByRole('heading', { name: 'Workplace Guard' }).first().waitFor();
    await h.page.evaluate(
      async ({ token, apiBase }) => {
        const r = await (window as unknown as { guard: GuardBridge }).guard.connector.connectToken({ token, apiBase });
        if (!r.ok) throw new Error(r.error.message);
      },
      { token: demo.integrationToken, apiBase: demo.baseUrl },
    );
    await h.page.locator('[data-testid="connector-state"][data-state="connected"]').waitFor({ timeout: 120_000 });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await demo?.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`no serious or critical axe violation on any screen, ${scheme}`, async () => {
      await h.page.emulateMedia({ colorScheme: scheme });
      await h.page.reload();
      const problems: string[] = [];
      for (const screen of screens) {
        await open(screen);
        expect(await h.page.evaluate(() => document.documentElement.dataset.mantineColorScheme)).toBe(scheme);
        for (const v of await seriousViolations()) {
          problems.push(`${screen} (${scheme}): ${v.impact} ${v.id} — ${v.help}\n    ${v.targets.join('\n    ')}`);
        }
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });
  }

  it('folds the navigation to icons below 1200 px, each still named', async () => {
    await h.page.emulateMedia({ colorScheme: 'light' });
    await open('dashboard');
    const navWidth = () => h.page.locator('nav[aria-label="Main navigation"]').evaluate((n) => n.clientWidth);
    expect(await navWidth()).toBeGreaterThan(200);
    await h.page.setViewportSize({ width: 1199, height: 800 });
    await expect.poll(navWidth).toBeLessThan(100);
    expect(await h.page.getByRole('button', { name: 'Users', exact: true }).count()).toBe(1);
    await h.page.getByRole('button', { name: 'Expand the navigation' }).click();
    await expect.poll(navWidth).toBeGreaterThan(200);
    await h.page.getByRole('button', { name: 'Collapse the navigation' }).click();
    await expect.poll(navWidth).toBeLessThan(100);
    await h.page.setViewportSize({ width: 1280, height: 800 });
  });

  it('at 1024×700 no screen scrolls sideways and no control sticks out of the content', async () => {
    await h.page.setViewportSize({ width: 1024, height: 700 });
    const problems: string[] = [];
    for (const screen of screens) {
      await open(screen);
      const found = await h.page.evaluate(() => {
        const out: string[] = [];
        const page = document.scrollingElement!;
        if (page.scrollWidth > window.innerWidth + 1) out.push(`page is ${page.scrollWidth}px wide`);
        const main = document.querySelector('main')!.getBoundingClientRect();
        const scrolls = (el: Element | null): boolean => {
          for (let e = el?.parentElement; e && e !== document.body; e = e.parentElement) {
            const o = getComputedStyle(e).overflowX;
            if (o === 'auto' || o === 'scroll') return true;
          }
          return false;
        };
        for (const el of Array.from(document.querySelectorAll('main button, main a, main input, main [role="tab"]'))) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0 || scrolls(el)) continue;
          if (r.right > main.right + 1 || r.left < main.left - 1) {
            const name = (el.getAttribute('aria-label') ?? el.textContent ?? el.tagName).trim().slice(0, 40);
            out.push(
              `"${name}" spans ${Math.round(r.left)}–${Math.round(r.right)}px, the content ends at ${main.right}px`,
            );
          }
        }
        return out;
      });
      problems.push(...found.map((f) => `${screen}: ${f}`));
    }
    await h.page.setViewportSize({ width: 1280, height: 800 });
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
