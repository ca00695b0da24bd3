// One writer per data directory. The store takes this exclusive lock before opening any file,
// so a second writer (the app plus a CLI sync, say) fails with "in use by process N" instead of
// interleaving writes.
//
// The protocol (proper-lockfile's mkdir design, with the two races it leaves closed):
// - The lock is the directory `guard.lock`: mkdir(2) creates it for exactly one caller. The
//   holder then writes `owner.json` inside it (pid, host, process start time, a random token),
//   by temp file and rename, so a reader sees the whole record or none.
// - A lock without a record is a holder between its mkdir and its rename: held, unless it is
//   older than STARTING_GRACE_MS (its process died in between).
// - A lock whose holder is gone (same host, pid dead or reused by a later process) is stale. It is
//   taken over only under a second mkdir lock, `guard.lock.takeover`, and only if the record
//   read under it is still the stale one: two takers can never both remove and re-create it
//   (proper-lockfile removes and re-creates without such a guard, and decides staleness by mtime
//   age alone, so a killed holder would block every start for its stale period).
// - Release removes the lock only while the record still carries this holder's token.
// A pid check instead of proper-lockfile's mtime refresh: the holder is on this host, and whether
// its process lives is a fact, where a refresh timer is a guess that a busy event loop can miss.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { GuardError } from '../runtime/errors';

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

interface LockRecord {
  pid: number;
  host: string;
  /** Kernel start time of the holder process (Linux), so a reused pid is not taken for the holder. */
  procStart: string | null;
  startedAt: number;
  command: string;
  token: string;
}

/** How long a lock directory may stay without its owner record before it counts as abandoned. */
const STARTING_GRACE_MS = 10_000;
/** A takeover guard is held for a few file operations; one older than this was left by a kill. */
const TAKEOVER_STALE_MS = 10_000;
/** How long to wait for another process's takeover, or a starting holder, before answering. */
const WAIT_MS = 3_000;

export const LOCK_NAME = 'guard.lock';
const OWNER = 'owner.json';

/** Start time of a process in clock ticks since boot (field 22 of /proc/PID/stat); null off Linux. */
function processStart(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(rec: LockRecord): boolean {
  // kill(0 or negative) addresses process groups: never a holder.
  if (rec.pid <= 0) return false;
  try {
    process.kill(rec.pid, 0);
  } catch (err) {
    // EPERM: the process exists but belongs to someone else — still alive.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = processStart(rec.pid);
  return !(rec.procStart && now && now !== rec.procStart);
}

type Seen =
  | { state: 'absent' }
  | { state: 'held'; record: LockRecord }
  | { state: 'starting'; ageMs: number }
  | { state: 'unreadable' };

function isRecord(v: unknown): v is LockRecord {
  const r = v as LockRecord;
  return typeof v === 'object' && v !== null && Number.isSafeInteger(r.pid) && typeof r.host === 'string';
}

/** What is at the lock path now. A plain file is a lock from an earlier version (same record inside). */
function inspect(lockPath: string): Seen {
  let st: fs.Stats;
  try {
    st = fs.statSync(lockPath);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'absent' };
    throw err;
  }
  const file = st.isDirectory() ? path.join(lockPath, OWNER) : lockPath;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return { state: 'starting', ageMs: Date.now() - st.mtimeMs };
  }
  try {
    const rec: unknown = JSON.parse(text);
    if (isRecord(rec))
      return { state: 'held', record: { ...rec, token: rec.token ?? '', procStart: rec.procStart ?? null } };
  } catch {
    // fall through: a record that does not parse was written by no version of this code
  }
  return st.isDirectory() ? { state: 'unreadable' } : { state: 'held', record: legacyDeadRecord() };
}

/** An unreadable legacy lock file: the old protocol could leave it empty when killed at creation. */
function legacyDeadRecord(): LockRecord {
  return { pid: -1, host: os.hostname(), procStart: null, startedAt: 0, command: '', token: '' };
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function lockedError(dataDir: string, rec: LockRecord): GuardError {
  return new GuardError(
    'store_locked',
    `The data directory ${dataDir} is in use by process ${rec.pid}${rec.command ? ` (${rec.command})` : ''}. ` +
      'Close that process, or use another --data-dir.',
  );
}

/**
 * Removes a stale lock under the takeover guard, if what is there is still `stale` (same token and
 * pid, or still an abandoned empty directory). Returns false when another process holds the guard.
 */
function takeOver(lockPath: string, stale: Seen): boolean {
  const guard = `${lockPath}.takeover`;
  try {
    fs.mkdirSync(guard, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    try {
      // A guard left by a taker killed in its few-millisecond window; removal races only with
      // another taker doing the same after the same ten seconds.
      if (Date.now() - fs.statSync(guard).mtimeMs > TAKEOVER_STALE_MS) fs.rmSync(guard, { recursive: true });
    } catch {
      // gone already
    }
    return false;
  }
  try {
    const now = inspect(lockPath);
    const same =
      (now.state === 'held' &&
        stale.state === 'held' &&
        now.record.token === stale.record.token &&
        now.record.pid === stale.record.pid) ||
      // Judged again on its age: a taker that won meanwhile has a young directory.
      (now.state === 'starting' && stale.state === 'starting' && now.ageMs > STARTING_GRACE_MS) ||
      (now.state === 'unreadable' && stale.state === 'unreadable');
    if (same) fs.rmSync(lockPath, { recursive: true, force: true });
  } finally {
    fs.rmSync(guard, { recursive: true, force: true });
  }
  return true;
}

export function acquireDataDirLock(dataDir: string, command = process.argv.slice(1, 3).join(' ')): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lockPath = path.join(dataDir, LOCK_NAME);
  const record: LockRecord = {
    pid: process.pid,
    host: os.hostname(),
    procStart: processStart(process.pid),
    startedAt: Date.now(),
    command,
    token: randomBytes(12).toString('hex'),
  };
  const deadline = Date.now() + WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      fs.mkdirSync(lockPath, { mode: 0o700 });
      return hold(lockPath, record);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const seen = inspect(lockPath);
    let waitable = false;
    if (seen.state === 'held') {
      const rec = seen.record;
      if (rec.host !== os.hostname()) {
        throw new GuardError(
          'store_locked',
          `The data directory ${dataDir} is locked by process ${rec.pid} on host ${rec.host}. ` +
            `If that host no longer uses it, delete ${lockPath}.`,
        );
      }
      // Our own pid in a record that is not ours: a previous life of this pid (a container restart).
      if (rec.pid !== process.pid && isAlive(rec)) throw lockedError(dataDir, rec);
      waitable = !takeOver(lockPath, seen);
    } else if (seen.state === 'starting') {
      if (seen.ageMs > STARTING_GRACE_MS) waitable = !takeOver(lockPath, seen);
      else waitable = true;
    } else if (seen.state === 'unreadable') {
      waitable = !takeOver(lockPath, seen);
    }
    if (waitable) {
      if (Date.now() > deadline) {
        throw new GuardError(
          'store_locked',
          `The data directory ${dataDir} is being opened by another process. Try again in a moment.`,
        );
      }
      sleepSync(Math.min(50, 5 * (attempt + 1)));
    }
  }
}

function hold(lockPath: string, record: LockRecord): DataDirLock {
  const owner = path.join(lockPath, OWNER);
  const tmp = `${owner}.${record.token}.tmp`;
  try {
    fs.writeFileSync(tmp, JSON.stringify(record), { mode: 0o600 });
    fs.renameSync(tmp, owner);
  } catch (err) {
    fs.rmSync(lockPath, { recursive: true, force: true });
    throw err;
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    const now = inspect(lockPath);
    // Only our own: a lock taken over (we were judged dead) or replaced by hand is left alone.
    if (now.state === 'held' && now.record.token === record.token)
      fs.rmSync(lockPath, { recursive: true, force: true });
  };
  process.on('exit', release);
  return { path: lockPath, release };
}
