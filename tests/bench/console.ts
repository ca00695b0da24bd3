// Console bench: the built console in Debian Chromium over the real browser host (`serve`), on a
// store of the bench's size (2 M activities, 10,000 users at full size) synthesised straight into
// the data directory. Prints, never asserts: navigation to the timeline → first rows painted;
// applying a filter → rows and match count updated; DOM rows while scrolling; scroll frame p95;
// the same for the Users list. "Painted" is measured in the page: the time from the click to the
// second animation frame after the rows are in the DOM (the frame that shows them).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { openStore } from '../../main/store/index';
import type { StoredUser } from '../../main/store/types';
import { CHROMIUM_QUIET_FLAGS, findChromium } from '../../main/runtime/local-tools';
import { pages, rng, synthUsers } from './store';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, 'bin', 'workplace-guard.mjs');

/** What the bench looks for on screen; one place to change when the markup does. */
const SEL = {
  nav: (id: string) => `nav [data-nav="${id}"]`,
  timelineRow: '[data-testid="activity-timeline"] [data-row]',
  timelineScroller: '[data-testid="activity-timeline"]',
  search: '[data-testid="activity-search"]',
  countReady: '[data-testid="match-count"][data-count]',
  usersRow: '[data-testid="users-table"] [data-row]',
  usersScroller: '[data-testid="users-table"]',
};

async function fillStore(dir: string, events: number, report: (l: string) => void) {
  const rand = rng(42);
  const users = synthUsers(rand);
  const store = await openStore(dir);
  try {
    await store.users.upsertMany(
      users.map<StoredUser>((u, i) => ({
        id: u.id,
        email: u.email,
        name: u.name,
        title: null,
        department: null,
        active: true,
        admin: i % 500 === 0,
        claimed: i % 40 !== 0,
        authMethod: i % 7 === 0 ? 'password' : 'sso',
        termDate: null,
        managerId: null,
        raw: {},
      })),
    );
    const t = performance.now();
    let added = 0;
    for (const page of pages(events, users, Date.now() - 3_600_000, rand))
      added += (await store.activities.append(page)).added;
    report(
      `console: store of ${added.toLocaleString('en-US')} activities, ${users.length.toLocaleString('en-US')} users ` +
        `filled in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  } finally {
    await store.close();
  }
}

function serve(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, '--json', 'serve'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    readline.createInterface({ input: child.stdout! }).once('line', (line) => {
      try {
        resolve({ child, url: (JSON.parse(line) as { url: string }).url });
      } catch {
        reject(new Error(`serve printed ${line}: ${stderr}`));
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
}

/**
 * The little of the DOM the in-page functions use, typed here: this file is type-checked with the
 * Node programs (no DOM lib), and the functions below run in Chromium, not in Node.
 */
interface PageElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
  querySelectorAll(s: string): ArrayLike<PageElement>;
}
interface PageGlobals {
  document: {
    body: PageElement;
    scrollingElement: PageElement | null;
    querySelector(s: string): PageElement | null;
    querySelectorAll(s: string): ArrayLike<PageElement>;
  };
  requestAnimationFrame(cb: () => void): number;
  MutationObserver: new (cb: () => void) => {
    observe(t: PageElement, o: Record<string, boolean>): void;
    disconnect(): void;
  };
  __painted: Promise<number>;
  __t0: number;
}

/**
 * In the page: run `act`, then resolve with ms until the 2nd frame after `selector` matches (and,
 * with `changed`, the text of `changed.selector` differs from `changed.before`). No eval: the CSP forbids it.
 */
async function paintedAfter(
  page: Page,
  act: () => Promise<void>,
  selector: string,
  changed?: { ready: string; attr: string; before: string | null },
): Promise<number> {
  await page.evaluate(
    ({ selector, changed }) => {
      const w = globalThis as unknown as PageGlobals;
      const { document } = w;
      w.__t0 = performance.now();
      w.__painted = new Promise<number>((resolve) => {
        const done = () =>
          w.requestAnimationFrame(() => w.requestAnimationFrame(() => resolve(performance.now() - w.__t0)));
        const ok = () =>
          document.querySelector(selector) &&
          (!changed || (document.querySelector(changed.ready)?.getAttribute(changed.attr) ?? null) !== changed.before);
        if (ok()) return done();
        // A screen that never shows the rows is a figure too (NaN, reported), not a hung bench.
        setTimeout(() => resolve(Number.NaN), 20_000);
        const mo = new w.MutationObserver(() => {
          if (!ok()) return;
          mo.disconnect();
          done();
        });
        mo.observe(document.body, { childList: true, subtree: true, characterData: true });
      });
    },
    { selector, changed },
  );
  await act();
  const ms = await page.evaluate(() => (globalThis as unknown as PageGlobals).__painted);
  if (Number.isNaN(ms)) await page.screenshot({ path: path.join(os.tmpdir(), 'wg-bench-console-timeout.png') });
  return ms;
}

/** Scrolls a list down in steps, one per frame; returns DOM row maximum and frame-time p95. */
async function scrollFrames(page: Page, scroller: string, row: string, steps: number) {
  return page.evaluate(
    async ({ scroller, row, steps }) => {
      const w = globalThis as unknown as PageGlobals;
      const { document } = w;
      const el = document.querySelector(scroller)!;
      const target =
        [el, ...Array.from(el.querySelectorAll('*'))].find((e) => e.scrollHeight > e.clientHeight + 10) ??
        document.scrollingElement!;
      const frames: number[] = [];
      let maxRows = 0;
      let last = performance.now();
      for (let i = 0; i < steps; i++) {
        target.scrollTop += 400;
        await new Promise<void>((r) => w.requestAnimationFrame(r));
        const now = performance.now();
        frames.push(now - last);
        last = now;
        maxRows = Math.max(maxRows, document.querySelectorAll(row).length);
      }
      frames.sort((a, b) => a - b);
      return { maxRows, p95: frames[Math.floor(frames.length * 0.95)], p50: frames[Math.floor(frames.length / 2)] };
    },
    { scroller, row, steps },
  );
}

/** "median 120 ms, worst 180 ms" (a run that never updated counts as failed, not as a number). */
function spread(runs: number[]): string {
  const ok = runs.filter((r) => Number.isFinite(r)).sort((a, b) => a - b);
  const failed = runs.length - ok.length;
  if (!ok.length) return `never updated in ${runs.length} runs`;
  const text = `median ${ok[Math.floor(ok.length / 2)].toFixed(0)} ms, worst ${ok[ok.length - 1].toFixed(0)} ms`;
  return failed ? `${text} (${failed} of ${runs.length} never updated)` : text;
}

export async function benchConsole(report: (line: string) => void, opts: { events: number }) {
  const probe = findChromium();
  if (!probe.found) return report(`console: skipped — ${probe.reason}`);
  if (!fs.existsSync(path.join(ROOT, 'out', 'renderer', 'index.html')))
    return report('console: skipped — the console is not built (npm run build)');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-bench-console-'));
  let host: ChildProcess | null = null;
  const browser = await chromium.launch({
    executablePath: probe.path!,
    headless: true,
    args: ['--no-sandbox', ...CHROMIUM_QUIET_FLAGS],
  });
  try {
    await fillStore(dataDir, opts.events, report);
    const started = await serve(dataDir);
    host = started.child;
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    // tsx compiles the in-page functions with esbuild's keepNames, which calls a `__name` helper
    // that exists only in Node: give the page a no-op one.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.goto(started.url);
    await page.locator(SEL.nav('dashboard')).waitFor();

    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.locator(SEL.nav('dashboard')).click();
      runs.push(await paintedAfter(page, () => page.locator(SEL.nav('activity')).click(), SEL.timelineRow));
    }
    runs.sort((a, b) => a - b);
    report(
      `console: timeline — navigation → first rows painted: median ${runs[2].toFixed(0)} ms, ` +
        `worst ${runs[4].toFixed(0)} ms (target ≤ 300 ms)`,
    );

    // Updated = the match count has settled on the new filter's number (data-count is set only
    // when the count is not loading) and rows are on screen.
    const countOf = async () => page.locator(SEL.countReady).first().getAttribute('data-count');
    const applied = async (act: () => Promise<void>) =>
      paintedAfter(page, act, SEL.timelineRow, { ready: SEL.countReady, attr: 'data-count', before: await countOf() });
    const suggested = [
      'Failed sign-ins',
      'Admin activity',
      'Password and 2FA changes',
      'Failed sign-ins',
      'Admin activity',
    ];
    const queryRuns: number[] = [];
    for (const name of suggested) {
      await page.getByRole('button', { name: 'Queries' }).click();
      queryRuns.push(await applied(() => page.getByRole('menuitem', { name, exact: true }).click()));
    }
    report(
      `console: timeline — suggested query applied → rows and count updated: ${spread(queryRuns)} (target ≤ 200 ms)`,
    );
    await page.getByRole('button', { name: 'Clear all' }).click();
    const input = page.locator(SEL.search).first();
    const typed: number[] = [];
    for (const who of ['grace', 'hugo', 'mia', 'olga', 'paul']) typed.push(await applied(() => input.fill(who)));
    report(
      `console: timeline — typed search → rows and count updated: ${spread(typed)} ` +
        '(includes the 300 ms wait for typing to pause)',
    );
    await input.fill('');
    const scroll = await scrollFrames(page, SEL.timelineScroller, SEL.timelineRow, 120);
    report(
      `console: timeline — scrolling 120 frames: DOM rows ≤ ${scroll.maxRows} (target ≤ 100), ` +
        `frame p50 ${scroll.p50.toFixed(1)} ms, p95 ${scroll.p95.toFixed(1)} ms (target ≤ 20 ms)`,
    );

    const usersFirst = await paintedAfter(page, () => page.locator(SEL.nav('users')).click(), SEL.usersRow);
    const usersScroll = await scrollFrames(page, SEL.usersScroller, SEL.usersRow, 120);
    report(
      `console: users (10,000) — navigation → first rows painted ${usersFirst.toFixed(0)} ms; scrolling: ` +
        `DOM rows ≤ ${usersScroll.maxRows}, frame p95 ${usersScroll.p95.toFixed(1)} ms`,
    );
  } finally {
    await browser.close();
    if (host && host.exitCode === null) {
      const exited = new Promise((r) => host!.once('exit', r));
      host.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
