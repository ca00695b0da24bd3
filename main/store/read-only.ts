// A data directory this process cannot write (a read-only mount, a backup copied off another
// machine, a folder owned by someone else) still opens — read-only, for review — instead of
// failing on the first file the store would create. Every write then fails with one clear error.
import fs from 'node:fs';
import path from 'node:path';
import { GuardError } from '../runtime/errors';

/** Why a write would fail here, or null when the directory (or what would hold it) is writable. */
export function detectReadOnly(dataDir: string): string | null {
  // The deepest existing folder on the way: a missing data dir is created inside it.
  let dir = path.resolve(dataDir);
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  const store = path.join(dataDir, 'store');
  for (const target of dir === path.resolve(dataDir) && fs.existsSync(store) ? [dir, store] : [dir]) {
    try {
      fs.accessSync(target, fs.constants.W_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EROFS') return 'it is on a read-only file system';
      if (code === 'EACCES' || code === 'EPERM') return 'this user may not write to it';
      throw err;
    }
  }
  return null;
}

/** Whether a failure to take the lock says the directory cannot be written. */
export function isReadOnlyFailure(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException)?.code;
  return code === 'EROFS' || code === 'EACCES' || code === 'EPERM';
}

/** The one sentence shown wherever the store is open read-only. */
export function readOnlySentence(dataDir: string, reason: string): string {
  return `The data directory ${dataDir} is open read-only for review (${reason}); nothing can be synced or changed.`;
}

export function readOnlyError(sentence: string): GuardError {
  return new GuardError('forbidden', `${sentence} Make it writable, or use another --data-dir, to sync again.`);
}
