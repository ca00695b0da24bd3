// One writer per data directory. The store takes this exclusive lock before opening any file,
// so a second writer (the app plus a CLI sync, say) fails with "in use by process N" instead
// of interleaving writes. A lock left by a killed process (SIGKILL, power loss) is detected by
// checking whether its pid is still alive on this host, and taken over.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GuardError } from '../runtime/errors';

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

interface LockRecord {
  pid: number;
  host: string;
  startedAt: number;
  command: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else — still alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readRecord(file: string): LockRecord | null {
  try {
    const rec = JSON.parse(fs.readFileSync(file, 'utf8')) as LockRecord;
    return typeof rec.pid === 'number' ? rec : null;
  } catch {
    return null;
  }
}

export function acquireDataDirLock(dataDir: string, command = process.argv.slice(1, 3).join(' ')): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'guard.lock');
  const record: LockRecord = { pid: process.pid, host: os.hostname(), startedAt: Date.now(), command };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeSync(fd, JSON.stringify(record));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        const current = readRecord(file);
        if (current?.pid === process.pid) fs.rmSync(file, { force: true });
      };
      process.on('exit', release);
      return { path: file, release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readRecord(file);
      const sameHost = !holder || holder.host === os.hostname();
      if (holder && holder.pid !== process.pid && sameHost && isAlive(holder.pid)) {
        throw new GuardError(
          'store_locked',
          `The data directory ${dataDir} is in use by process ${holder.pid}${holder.command ? ` (${holder.command})` : ''}. ` +
            'Close that process, or use another --data-dir.',
        );
      }
      if (holder && !sameHost) {
        throw new GuardError(
          'store_locked',
          `The data directory ${dataDir} is locked by process ${holder.pid} on host ${holder.host}. ` +
            `If that host no longer uses it, delete ${file}.`,
        );
      }
      // Stale (dead pid, unreadable or our own pid from a previous life): take it over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new GuardError('store_locked', `Could not lock the data directory ${dataDir}.`);
}
