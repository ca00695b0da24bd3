// Crash safety, proven: a child process syncs the demo community into one data directory and
// is SIGKILLed at a random moment (after a random number of committed pages, or after a random
// delay) again and again — and, in a second run, at each store commit step in turn; each time the
// store must open without corruption, and a final uninterrupted sync must leave exactly the
// demo's ground truth — no gaps, no duplicates.
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../../main/demo/index';
import { openStore } from '../../../../main/store/index';
import { storedIds, tempDir } from './fixtures/temp-store';
import { seededRandom } from '../../../support/random';

const ROOT = path.resolve(__dirname, '../../../..');
const BIN = path.join(ROOT, 'bin', 'workplace-guard.mjs');
const KILLS = 20;

/** Deterministic so a failure can be replayed. */
const rng = seededRandom;

interface ChildRun {
  killed: boolean;
  /** The signal that ended it (SIGKILL from the parent, or from its own kill point). */
  signal: NodeJS.Signals | null;
  code: number | null;
  progressLines: number;
  stderr: string;
}

/**
 * Runs the CLI; kills it with SIGKILL after `lines` progress lines or `ms`, whichever comes first,
 * or lets it kill itself at commit step `at`.
 */
function runChild(
  dataDir: string,
  args: string[],
  kill: { lines?: number; ms?: number; at?: string } = {},
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, '--json', ...args], {
      cwd: ROOT,
      // `at`: the store kills the process itself at that commit step (main/store/kill-points.ts).
      env: kill.at ? { ...process.env, WG_TEST_KILL_AT: kill.at } : process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let progressLines = 0;
    let stderr = '';
    let killed = false;
    const doKill = () => {
      if (!killed && child.exitCode === null) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    const timer = kill.ms !== undefined ? setTimeout(doKill, kill.ms) : null;
    child.stderr.on('data', (d) => (stderr += d));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('{"type":"progress"') && line.includes('"phase":"activities"')) {
        progressLines++;
        if (kill.lines !== undefined && progressLines >= kill.lines) doKill();
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ killed: killed && signal === 'SIGKILL', signal, code, progressLines, stderr });
    });
  });
}

describe('crash safety (SIGKILL during sync)', () => {
  let demo: DemoServer;
  const dataDir = tempDir('guard-crash-');

  beforeAll(async () => {
    demo = await startDemoServer({
      users: 500,
      days: 12,
      seed: 'crash-test',
      // Awkward but valid server behaviour, so resumption is tested against it too.
      faults: { shortPages: true, duplicateAcrossPages: true, outOfOrder: true, timestampFormat: 'mixed' },
    });
  });
  afterAll(async () => {
    await demo?.close();
  });

  it(`survives ${KILLS}+ SIGKILLs and ends with exactly the ground truth`, async () => {
    const connect = await runChild(dataDir, [
      'connect',
      '--token',
      demo.integrationToken,
      '--api-base',
      demo.baseUrl,
      '--backfill-days',
      '30',
      '--no-wait',
    ]);
    expect(connect.code, connect.stderr).toBe(0);

    const random = rng(20260520);
    const truth = new Set(demo.groundTruth.eventIds());
    let kills = 0;
    let completed = 0;
    let midWalk = 0;
    for (let i = 0; i < 60 && kills < KILLS; i++) {
      // Half the kills land on a page boundary as seen by the parent, half at an arbitrary instant.
      const kill = random() < 0.5 ? { lines: 1 + Math.floor(random() * 4) } : { ms: 100 + Math.floor(random() * 1100) };
      const run = await runChild(dataDir, ['sync'], kill);
      if (run.killed) {
        kills++;
        if (run.progressLines > 0) midWalk++;
      } else {
        expect(run.code, run.stderr).toBe(0);
        completed++;
      }
      // Live activity keeps arriving between runs, so once the back-fill is done the kills land
      // in incremental syncs of several pages.
      for (let k = 0; k < 1500; k++) truth.add(demo.inspect.liveTick());

      // The store opens after every kill, holds no duplicates and nothing that does not exist.
      const store = await openStore(dataDir);
      try {
        const ids = await storedIds(store);
        expect(new Set(ids).size).toBe(ids.length);
        expect(store.activities.count()).toBe(ids.length);
        expect(ids.filter((id) => !truth.has(id))).toEqual([]);
        expect(store.corruptions()).toEqual([]);
      } finally {
        await store.close();
      }
    }
    expect(kills).toBeGreaterThanOrEqual(KILLS);

    const final = await runChild(dataDir, ['sync']);
    expect(final.code, final.stderr).toBe(0);
    const store = await openStore(dataDir);
    try {
      const ids = await storedIds(store);
      const expected = demo.groundTruth.eventIds().sort();
      expect(ids.length).toBe(expected.length);
      expect(ids).toEqual(expected);
      expect(store.corruptions()).toEqual([]);
    } finally {
      await store.close();
    }
    expect(midWalk).toBeGreaterThanOrEqual(KILLS / 2);
    console.log(
      `crash test: ${kills} kills (${midWalk} after committing pages), ` +
        `${completed} runs finished on their own, ${truth.size} events`,
    );
  }, 300_000);

  it('survives a kill at each store commit step and ends with exactly the ground truth', async () => {
    const dir = tempDir('guard-crash-steps-');
    const connect = await runChild(dir, [
      'connect',
      '--token',
      demo.integrationToken,
      '--api-base',
      demo.baseUrl,
      '--backfill-days',
      '30',
      '--no-wait',
    ]);
    expect(connect.code, connect.stderr).toBe(0);
    const truth = new Set(demo.groundTruth.eventIds());
    const steps = [
      'mid-write:3',
      'after-data:1',
      'after-index:1',
      'after-checkpoint:2',
      'after-dictionary:4',
      'after-data:30',
      'after-index:30',
    ];
    for (const at of steps) {
      const run = await runChild(dir, ['sync'], { at });
      // Killed by the store's own kill point: the step was reached.
      expect(run.signal, `${at}: ${run.stderr}`).toBe('SIGKILL');
      for (let k = 0; k < 1500; k++) truth.add(demo.inspect.liveTick());
      const store = await openStore(dir);
      try {
        expect(store.corruptions(), at).toEqual([]);
        const ids = await storedIds(store);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.filter((id) => !truth.has(id))).toEqual([]);
      } finally {
        await store.close();
      }
    }
    const final = await runChild(dir, ['sync']);
    expect(final.code, final.stderr).toBe(0);
    const store = await openStore(dir);
    try {
      expect(await storedIds(store)).toEqual(demo.groundTruth.eventIds().sort());
      expect(store.corruptions()).toEqual([]);
    } finally {
      await store.close();
    }
  }, 300_000);
});
