// The data-directory lock under contention: separate processes told to take it at the same
// instant, over a free lock, over one left by a SIGKILLed holder and over an older version's lock
// file; exactly one may win each round. Release removes only the lock its holder still owns.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock } from '../../../../main/store/data-dir-lock';
import { GuardError } from '../../../../main/runtime/errors';
import { tempDir } from './fixtures';

const root = path.resolve(__dirname, '../../../..');
type RacerProcess = ChildProcessByStdio<Writable, Readable, null>;
const RACERS = 8;
const ROUNDS = 10;

interface Racer {
  child: RacerProcess;
  /** Resolves with the next stdout line that starts with `prefix`. */
  next(prefix: string): Promise<string>;
}

const started: RacerProcess[] = [];
afterAll(async () => {
  for (const c of started) {
    if (c.exitCode === null && c.signalCode === null) {
      const gone = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await gone;
    }
  }
});

async function startRacer(dir: string): Promise<Racer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'helpers/lock-racer.ts'), dir], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  started.push(child);
  const lines: string[] = [];
  const waiting: { prefix: string; resolve: (l: string) => void; reject: (e: Error) => void }[] = [];
  child.once('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`racer exited (${code}) while waiting for "${w.prefix}"`));
  });
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    const w = waiting.findIndex((x) => line.startsWith(x.prefix));
    if (w >= 0) waiting.splice(w, 1)[0].resolve(line);
    else lines.push(line);
  });
  const racer: Racer = {
    child,
    next: (prefix) => {
      const i = lines.findIndex((l) => l.startsWith(prefix));
      if (i >= 0) return Promise.resolve(lines.splice(i, 1)[0]);
      return new Promise((resolve, reject) => waiting.push({ prefix, resolve, reject }));
    },
  };
  await racer.next('ready');
  return racer;
}

/** A holder SIGKILLed while holding the lock: its lock stays behind, its pid is dead. */
async function leaveKilledHolder(dir: string): Promise<number> {
  const r = await startRacer(dir);
  r.child.stdin.write('go killed\n');
  await r.next('got killed');
  const gone = new Promise((res) => r.child.once('exit', res));
  r.child.kill('SIGKILL');
  await gone;
  return r.child.pid!;
}

describe('data-directory lock', () => {
  it(`${RACERS} processes taking it at the same instant, ${ROUNDS} rounds: exactly one holder each round`, async () => {
    const dir = tempDir();
    const racers = await Promise.all(Array.from({ length: RACERS }, () => startRacer(dir)));
    const lockPath = path.join(dir, 'guard.lock');
    const kinds: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // What the racers find: nothing, a killed holder's lock, or an earlier version's lock file
      // naming a dead process (the old protocol's file, which the old takeover raced on).
      const kind = ['free', 'killed holder', 'legacy file'][round % 3];
      kinds.push(kind);
      let deadPid: number | null = null;
      if (kind === 'killed holder') {
        deadPid = await leaveKilledHolder(dir);
        expect(fs.statSync(lockPath).isDirectory()).toBe(true);
      } else if (kind === 'legacy file') {
        deadPid = await leaveKilledHolder(dir);
        fs.rmSync(lockPath, { recursive: true });
        fs.writeFileSync(lockPath, JSON.stringify({ pid: deadPid, host: (await import('node:os')).hostname() }));
      }
      for (const r of racers) r.child.stdin.write(`go ${round}\n`);
      const answers = await Promise.all(racers.map((r) => r.next('')));
      const winners = racers.filter((_, i) => answers[i] === `got ${round}`);
      expect(winners, `round ${round} (${kind}): ${answers.join(' | ')}`).toHaveLength(1);
      for (const [i, a] of answers.entries()) {
        if (racers[i] === winners[0]) continue;
        expect(a).toBe(`refused ${round} ${lockedMessage(dir, winners[0].child.pid!)}`);
      }
      // The record on disk names the winner.
      const owner = JSON.parse(fs.readFileSync(path.join(lockPath, 'owner.json'), 'utf8')) as { pid: number };
      expect(owner.pid).toBe(winners[0].child.pid);
      if (deadPid !== null) expect(owner.pid).not.toBe(deadPid);
      winners[0].child.stdin.write(`release ${round}\n`);
      await winners[0].next(`released ${round}`);
      expect(fs.existsSync(lockPath)).toBe(false);
    }
    expect(new Set(kinds).size).toBe(3);
  }, 180_000);

  it('release removes only its own lock: a lock taken over since is left in place', () => {
    const dir = tempDir();
    const first = acquireDataDirLock(dir, 'first');
    const lockPath = path.join(dir, 'guard.lock');
    // The first holder's lock replaced behind its back (by hand, or a takeover after it was judged dead).
    fs.rmSync(lockPath, { recursive: true });
    const second = acquireDataDirLock(dir, 'second');
    first.release();
    expect(fs.existsSync(lockPath)).toBe(true);
    const owner = JSON.parse(fs.readFileSync(path.join(lockPath, 'owner.json'), 'utf8')) as { command: string };
    expect(owner.command).toBe('second');
    second.release();
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  it('a lock directory without its record yet is a holder starting up: refused, not taken', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'guard.lock'));
    const err = (() => {
      try {
        acquireDataDirLock(dir);
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(GuardError);
    expect((err as GuardError).message).toContain('being opened by another process');
    expect(fs.existsSync(path.join(dir, 'guard.lock'))).toBe(true);
  });

  it('a lock directory abandoned before its record was written (older than the grace period) is taken over', () => {
    const dir = tempDir();
    const lockPath = path.join(dir, 'guard.lock');
    fs.mkdirSync(lockPath);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockPath, old, old);
    const lock = acquireDataDirLock(dir, 'after');
    const owner = JSON.parse(fs.readFileSync(path.join(lockPath, 'owner.json'), 'utf8')) as { pid: number };
    expect(owner.pid).toBe(process.pid);
    lock.release();
  });
});

function lockedMessage(dir: string, pid: number): string {
  return (
    `The data directory ${dir} is in use by process ${pid} (lock-racer). ` +
    'Close that process, or use another --data-dir.'
  );
}
