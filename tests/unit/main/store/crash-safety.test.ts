// Crash safety of the store's commit path: an append worker is SIGKILLed again and again — at
// random moments, and deterministically at each commit step (mid-write, after the dictionary,
// after the data, after the index, after the checkpoint) through the test-only kill points — and
// after every kill the store must open with no corruption, every page up to the checkpoint
// present, nothing twice and nothing never sent.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../../main/store/index';
import type { KillStep } from '../../../../main/store/kill-points';
import { tempDir } from './fixtures';
import { workerPage } from './helpers/worker-data';

const root = path.resolve(__dirname, '../../../..');
const CHECKPOINT_KEY = 'crash-test.checkpoint';
/** Pages a self-killing worker may write before its kill point must have come. */
const MAX_PAGES_PER_RUN = 30;

const workers: ChildProcess[] = [];
afterAll(async () => {
  for (const c of workers) {
    if (c.exitCode !== null || c.signalCode !== null) continue;
    const gone = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await gone;
  }
});

interface Run {
  /** Last page the worker reported committed (startPage - 1 if none). */
  committed: number;
  signal: NodeJS.Signals | null;
}

/**
 * Starts the append worker at `startPage`. `killAfter`: the parent SIGKILLs it right after its
 * n-th reported commit (landing wherever the next append happens to be). `killAt`: the worker
 * kills itself at that commit step (WG_TEST_KILL_AT).
 */
function runWorker(dir: string, startPage: number, kill: { killAfter?: number; killAt?: string }): Promise<Run> {
  const env = { ...process.env };
  if (kill.killAt) env.WG_TEST_KILL_AT = kill.killAt;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(__dirname, 'helpers/append-worker.ts'),
      dir,
      String(startPage),
      ...(kill.killAt ? [String(startPage + MAX_PAGES_PER_RUN)] : []),
    ],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  workers.push(child);
  return new Promise((resolve, reject) => {
    let last = startPage - 1;
    let seen = 0;
    let buffered = '';
    child.stdout!.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const m = /^committed (\d+)$/.exec(line);
        if (!m) continue;
        last = Number(m[1]);
        if (++seen === kill.killAfter) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      signal
        ? resolve({ committed: last, signal })
        : reject(new Error(`worker exited with ${code}${kill.killAt ? ` without reaching ${kill.killAt}` : ''}`)),
    );
  });
}

/**
 * Everything a kill must leave true; returns the checkpoint. `attemptedUpTo` is the last page
 * that may have landed (the one in flight when killed).
 */
async function checkAfterKill(dir: string, committed: number, attemptedUpTo: number): Promise<number> {
  const store = await openStore(dir);
  try {
    expect(store.corruptions()).toEqual([]);
    const checkpoint = store.meta.get<number>(CHECKPOINT_KEY) ?? -1;
    // The checkpoint is never ahead of the data, nor behind what the worker reported.
    expect(checkpoint).toBeGreaterThanOrEqual(committed);
    for (let p = 0; p <= checkpoint; p++) for (const a of workerPage(p)) expect(store.activities.has(a.id)).toBe(true);
    const attempted = new Set<string>();
    for (let p = 0; p <= attemptedUpTo; p++) for (const a of workerPage(p)) attempted.add(a.id);
    // Everything listed is unique and was actually sent; count agrees with the listing.
    const listed: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await store.activities.query({}, cursor, 500);
      listed.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.length).toBe(store.activities.count());
    expect(listed.filter((id) => !attempted.has(id))).toEqual([]);
    return checkpoint;
  } finally {
    await store.close();
  }
}

/** Replays every page, as a sync without any checkpoint would: exactly the missing ones are new. */
async function checkReplay(dir: string, attemptedUpTo: number): Promise<void> {
  const store = await openStore(dir);
  const all = Array.from({ length: attemptedUpTo + 1 }, (_, p) => workerPage(p)).flat();
  const unique = new Set(all.map((a) => a.id));
  const before = store.activities.count();
  const r = await store.activities.append(all);
  expect(r.added).toBe(unique.size - before);
  expect(store.activities.count()).toBe(unique.size);
  expect(store.corruptions()).toEqual([]);
  await store.close();
}

/**
 * Kill points, each hit at its first occurrence and at later ones (a page touches six hours, so
 * later hits land in rewrites of existing partitions, and mid-write in sidecars and meta.json).
 */
const KILL_POINTS: `${KillStep}:${number}`[] = [
  'mid-write:1',
  'mid-write:2',
  'mid-write:13',
  'mid-write:20',
  'after-dictionary:1',
  'after-dictionary:9',
  'after-data:1',
  'after-data:8',
  'after-index:1',
  'after-index:8',
  'after-checkpoint:1',
  'after-checkpoint:2',
];

describe('append survives SIGKILL', () => {
  it('at each commit step, deterministically: no corruption, the checkpoint behind the data', async () => {
    const dir = tempDir();
    let next = 0;
    let attemptedUpTo = -1;
    for (const killAt of KILL_POINTS) {
      const run = await runWorker(dir, next, { killAt });
      // Killed by its own kill point, so that step was reached (not some other way of dying).
      expect(run.signal, killAt).toBe('SIGKILL');
      attemptedUpTo = Math.max(attemptedUpTo, run.committed + 1);
      const checkpoint = await checkAfterKill(dir, run.committed, attemptedUpTo);
      next = checkpoint + 1; // resume from the checkpoint, as the sync does
    }
    await checkReplay(dir, attemptedUpTo);
  }, 300_000);

  it('at arbitrary moments: reopens consistent every time, and resuming de-duplicates', async () => {
    const dir = tempDir();
    let next = 0;
    let attemptedUpTo = -1;
    for (let round = 0; round < 10; round++) {
      // Killed while it is already inside the next append: somewhere between reading, the
      // dictionary append, the partition rename, the sidecar rename and the checkpoint.
      const run = await runWorker(dir, next, { killAfter: 1 + (round % 4) });
      attemptedUpTo = run.committed + 1; // the page in flight when killed may or may not have landed
      const checkpoint = await checkAfterKill(dir, run.committed, attemptedUpTo);
      next = checkpoint + 1;
    }
    await checkReplay(dir, attemptedUpTo);
  }, 300_000);
});
