// Console bench: the built console in Debian Chromium over the real browser host (`serve`), on a
// store of the bench's size (2 M activities, 10,000 users at full size) synthesised straight into
// the data directory. Prints, never asserts: navigation to the timeline → first rows painted;
// applying a filter → rows and match count updated; DOM rows while scrolling; scroll frame p95;
// the same for the Users list. "Painted" is measured in the page: the time from the click (or the
// last keystroke) to the second animation frame after the rows are in the DOM (the frame that
// shows them). A filter counts as applied once the match count shows the new number and the
// timeline is no longer busy loading the new filter's first page (rows of the old one stay
// on screen until then). The time is counted from when Playwright is asked to act, which includes
// its own checks before the input reaches the page (for a click: the element stable over two
// frames, hit-testing); the figures from the input event itself are printed beside them.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { GuardEvents } from '../../main/runtime/events';
import { openStore } from '../../main/store/index';
import { openSyncDetection } from '../../main/sync/sync-detection';
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
  timelineBusy: '[role="grid"][aria-busy="true"]',
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
    // A sync leaves detection's baselines beside the activities it stored. Without them the host
    // rebuilds them from all 2 M activities when it starts (minutes of its main thread), and the
    // figures below would time that rebuild, not the console an admin opens after a sync.
    const d = performance.now();
    const detection = await openSyncDetection({ store, events: new GuardEvents(), dataDir: dir });
    await detection.pipeline.settled();
    await detection.pipeline.detection.settledWrites();
    await detection.close();
    report(
      `console: detection's baselines built as a sync leaves them in ${((performance.now() - d) / 1000).toFixed(1)} s`,
    );
  } finally {
    await store.close();
  }
}

/**
 * Fills `dir`, or with BENCH_CONSOLE_STORE=<folder> copies a store filled there by an earlier run
 * (filling 2 M activities and their baselines takes minutes; a copy, seconds). Each run still
 * starts from the store as a sync left it: the host's writes go to the copy.
 */
async function filledStore(dir: string, events: number, report: (l: string) => void) {
  const kept = process.env.BENCH_CONSOLE_STORE;
  if (!kept) return fillStore(dir, events, report);
  const source = path.join(path.resolve(kept), `activities-${events}`);
  if (!fs.existsSync(path.join(source, '.filled'))) {
    await fillStore(dir, events, report);
    fs.rmSync(source, { recursive: true, force: true });
    fs.cpSync(dir, source, { recursive: true });
    fs.writeFileSync(path.join(source, '.filled'), new Date().toISOString());
    return;
  }
  const t = performance.now();
  fs.cpSync(source, dir, { recursive: true, filter: (from) => path.basename(from) !== '.filled' });
  const filled = fs.readFileSync(path.join(source, '.filled'), 'utf8');
  const took = ((performance.now() - t) / 1000).toFixed(1);
  const size = events.toLocaleString('en-US');
  report(`console: store of ${size} activities copied from ${source} (filled ${filled}) in ${took} s`);
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
    addEventListener(type: string, cb: (e: { timeStamp: number }) => void, o: { capture: boolean }): void;
    removeEventListener(type: string, cb: (e: { timeStamp: number }) => void, o: { capture: boolean }): void;
  };
  requestAnimationFrame(cb: () => void): number;
  MutationObserver: new (cb: () => void) => {
    observe(t: PageElement, o: Record<string, boolean | string[]>): void;
    disconnect(): void;
  };
  __painted: Promise<number>;
  __t0: number;
  /** When the first input event (pointer, key or input) of the action reached the page. */
  __input: number;
  /** Resolves once no engine call is in flight (CALL_COUNTER). */
  __callsIdle(): Promise<void>;
  /** Keydown times of the burst being typed, and the listener that notes them. */
  __keys: number[];
  __onKey: (e: { timeStamp: number }) => void;
}

/**
 * Counts the page's engine calls in flight (fetches to the host's /api/call/…), so the bench can
 * wait for a screen to finish loading before it times the next navigation. Observes, changes nothing.
 */
const CALL_COUNTER = `(() => {
  const realFetch = globalThis.fetch.bind(globalThis);
  let inFlight = 0;
  const idle = [];
  globalThis.__callsIdle = () => (inFlight === 0 ? Promise.resolve() : new Promise((r) => idle.push(r)));
  globalThis.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.includes('api/call/')) return realFetch(input, init);
    inFlight++;
    return realFetch(input, init).finally(() => {
      if (--inFlight === 0) for (const resolve of idle.splice(0)) resolve();
    });
  };
})();`;

/**
 * In the page: run `act`, then resolve with ms until the 2nd frame after `selector` matches. With
 * `reload`, also after the screen has been seen loading (the `ready` mark gone or the `busy` one
 * shown) and then settled again: a new filter's rows and count are both on screen. No eval: the
 * CSP forbids it. `fromInput` is the same end measured from the action's first input event.
 */
async function paintedAfter(
  page: Page,
  act: () => Promise<void>,
  selector: string,
  reload?: { ready: string; busy: string },
): Promise<{ fromAct: number; fromInput: number }> {
  await page.evaluate(
    ({ selector, reload }) => {
      const w = globalThis as unknown as PageGlobals;
      const { document } = w;
      w.__t0 = performance.now();
      w.__input = Number.NaN;
      const types = ['pointerdown', 'keydown', 'input'];
      const onInput = (e: { timeStamp: number }) => {
        w.__input = e.timeStamp;
        for (const type of types) document.removeEventListener(type, onInput, { capture: true });
      };
      for (const type of types) document.addEventListener(type, onInput, { capture: true });
      w.__painted = new Promise<number>((resolve) => {
        const done = () =>
          w.requestAnimationFrame(() => w.requestAnimationFrame(() => resolve(performance.now() - w.__t0)));
        let seenLoading = false;
        const ok = () => {
          if (reload && (!document.querySelector(reload.ready) || document.querySelector(reload.busy))) {
            seenLoading = true;
            return false;
          }
          return document.querySelector(selector) !== null && (!reload || seenLoading);
        };
        if (ok()) return done();
        // A screen that never shows the rows is a figure too (NaN, reported), not a hung bench.
        setTimeout(() => resolve(Number.NaN), 20_000);
        const mo = new w.MutationObserver(() => {
          if (!ok()) return;
          mo.disconnect();
          done();
        });
        mo.observe(document.body, {
          childList: true,
          subtree: true,
          characterData: true,
          attributes: true,
          attributeFilter: ['aria-busy', 'data-count'],
        });
      });
    },
    { selector, reload },
  );
  await act();
  const [ms, inputAt] = await page.evaluate(async () => {
    const w = globalThis as unknown as PageGlobals;
    return [await w.__painted, w.__input - w.__t0];
  });
  if (Number.isNaN(ms)) await page.screenshot({ path: path.join(os.tmpdir(), 'wg-bench-console-timeout.png') });
  return { fromAct: ms, fromInput: ms - inputAt };
}

/** Runs timed from the action and from its input event, for `spread`. */
function timings() {
  const fromAct: number[] = [];
  const fromInput: number[] = [];
  return {
    fromAct,
    fromInput,
    add(t: { fromAct: number; fromInput: number }) {
      fromAct.push(t.fromAct);
      fromInput.push(t.fromInput);
    },
  };
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
    await filledStore(dataDir, opts.events, report);
    const started = await serve(dataDir);
    host = started.child;
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    // tsx compiles the in-page functions with esbuild's keepNames, which calls a `__name` helper
    // that exists only in Node: give the page a no-op one.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.addInitScript({ content: CALL_COUNTER });
    await page.goto(started.url);
    await page.locator(SEL.nav('dashboard')).waitFor();

    const callsSettled = async () => {
      // Two frames: the screen's effects have run and sent their calls; then wait for their answers.
      await page.evaluate(
        () =>
          new Promise<void>((resolve) => {
            const w = globalThis as unknown as PageGlobals;
            w.requestAnimationFrame(() => w.requestAnimationFrame(() => resolve()));
          }),
      );
      await page.evaluate(() => (globalThis as unknown as PageGlobals).__callsIdle());
    };

    // From a Dashboard that has finished loading (what an admin navigates from), and from one
    // whose own queries are still running in the engine (a quick click straight through it).
    const settledRuns = timings();
    const hurriedRuns = timings();
    for (let i = 0; i < 5; i++) {
      await page.locator(SEL.nav('dashboard')).click();
      await page.getByRole('heading', { level: 1, name: 'Dashboard', exact: true }).waitFor();
      await callsSettled();
      settledRuns.add(await paintedAfter(page, () => page.locator(SEL.nav('activity')).click(), SEL.timelineRow));
      await page.locator(SEL.nav('dashboard')).click();
      hurriedRuns.add(await paintedAfter(page, () => page.locator(SEL.nav('activity')).click(), SEL.timelineRow));
    }
    report(
      `console: timeline — navigation → first rows painted: ${spread(settledRuns.fromAct)} (target ≤ 300 ms; ` +
        `from the click's input event: ${spread(settledRuns.fromInput)}); ` +
        `straight on from a Dashboard still loading: ${spread(hurriedRuns.fromAct)}`,
    );

    // Updated = the match count and the timeline were seen loading the new filter and have both
    // settled (data-count is set only when the count is not loading; the grid is aria-busy while
    // its first page loads), with rows on screen.
    const applied = async (act: () => Promise<void>) =>
      paintedAfter(page, act, SEL.timelineRow, { ready: SEL.countReady, busy: SEL.timelineBusy });
    const suggested = [
      'Failed sign-ins',
      'Admin activity',
      'Password and 2FA changes',
      'Failed sign-ins',
      'Admin activity',
    ];
    const queryRuns = timings();
    for (const name of suggested) {
      await page.getByRole('button', { name: 'Queries' }).click();
      queryRuns.add(await applied(() => page.getByRole('menuitem', { name, exact: true }).click()));
    }
    report(
      `console: timeline — suggested query applied → rows and count updated: ${spread(queryRuns.fromAct)} ` +
        `(target ≤ 200 ms; from the click's input event: ${spread(queryRuns.fromInput)})`,
    );
    await applied(() => page.getByRole('button', { name: 'Clear all' }).click());
    const input = page.locator(SEL.search).first();
    // Typed as a person types (a key every 60 ms, faster than the pause the search waits for
    // within a burst of keys), timed from the last keystroke.
    const typeAllButLast = async (word: string) => {
      await input.press('Control+A');
      await input.pressSequentially(word.slice(0, -1), { delay: 60 });
    };
    // After the partial word has been answered: the last keystroke follows a pause, so it applies at once.
    const typed = timings();
    for (const who of ['grace', 'hugo', 'mia', 'olga', 'paul']) {
      await typeAllButLast(who);
      // A pause longer than the search waits for, so the partial word applies, and its answer:
      // the figure is the last keystroke's own (a burst's is the next figure).
      await page.waitForTimeout(250);
      await callsSettled();
      typed.add(await applied(() => input.press(who.slice(-1))));
    }
    report(
      `console: timeline — typed search, last keystroke after a pause → rows and count updated: ` +
        `${spread(typed.fromAct)} (target ≤ 200 ms; from the key's input event: ${spread(typed.fromInput)})`,
    );
    // In one burst: keys closer together than the pause the search waits for (TYPING_PAUSE_MS, read from the page), so
    // the last one waits for typing to pause before it applies. Done once the count is the whole
    // word's (data-text), not the answer to the burst's first key, which applies at once and may
    // still be coming back. The gap before each last key is measured in the page: a burst slowed
    // past the pause (a busy machine) is a keystroke after a pause, and is counted apart.
    const burst = timings();
    const lastGaps: number[] = [];
    const pauseMs = Number(await page.locator('[data-typing-pause-ms]').first().getAttribute('data-typing-pause-ms'));
    for (const who of ['olga', 'grace', 'paul', 'mia', 'hugo']) {
      await input.press('Control+A');
      await input.press('Delete');
      await callsSettled();
      await page.evaluate(() => {
        const w = globalThis as unknown as PageGlobals;
        w.__keys = [];
        w.__onKey ??= (e: { timeStamp: number }) => w.__keys.push(e.timeStamp);
        w.document.addEventListener('keydown', w.__onKey, { capture: true });
      });
      await input.pressSequentially(who.slice(0, -1), { delay: 25 });
      burst.add(
        await paintedAfter(
          page,
          async () => {
            await page.waitForTimeout(25);
            await input.press(who.slice(-1));
          },
          SEL.timelineRow,
          { ready: `${SEL.countReady}[data-text="${who}"]`, busy: SEL.timelineBusy },
        ),
      );
      lastGaps.push(
        await page.evaluate(() => {
          const w = globalThis as unknown as PageGlobals;
          w.document.removeEventListener('keydown', w.__onKey, { capture: true });
          return w.__keys.at(-1)! - w.__keys.at(-2)!;
        }),
      );
    }
    const bursts = lastGaps.filter((g) => g < pauseMs).length;
    const medianGap = [...lastGaps].sort((a, b) => a - b)[Math.floor(lastGaps.length / 2)];
    const slowed = bursts < lastGaps.length ? ' (the rest applied at once)' : '';
    report(
      `console: timeline — typed search in one burst, last keystroke → rows and count updated: ` +
        `${spread(burst.fromInput)} from the key's input event (includes the ${pauseMs} ms pause a burst ` +
        `waits for; target ≤ 200 ms); gap before the last key: median ${medianGap.toFixed(0)} ms, ` +
        `${bursts} of ${lastGaps.length} shorter than the pause${slowed}`,
    );
    const entered = timings();
    for (const who of ['mia', 'grace', 'olga', 'hugo', 'paul']) {
      // The word in one input event, then Enter at once: timed from the word (a few ms before Enter).
      entered.add(
        await applied(async () => {
          await input.fill(who);
          await input.press('Enter');
        }),
      );
    }
    report(
      `console: timeline — search entered (word, then Enter) → rows and count updated: ${spread(entered.fromAct)} ` +
        `(target ≤ 200 ms; from the word's input event: ${spread(entered.fromInput)})`,
    );
    // Back to the whole timeline, and only then scroll it (not while its first page is reloading).
    await applied(() => input.fill(''));
    const scroll = await scrollFrames(page, SEL.timelineScroller, SEL.timelineRow, 120);
    report(
      `console: timeline — scrolling 120 frames: DOM rows ≤ ${scroll.maxRows} (target ≤ 100), ` +
        `frame p50 ${scroll.p50.toFixed(1)} ms, p95 ${scroll.p95.toFixed(1)} ms (target ≤ 20 ms)`,
    );

    const usersFirst = (await paintedAfter(page, () => page.locator(SEL.nav('users')).click(), SEL.usersRow)).fromAct;
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
