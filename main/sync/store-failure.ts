// A store write that fails during a sync (disk full, no permission, a file in the way of a
// folder, a record the store refuses) becomes one sentence naming the file, plus the fix —
// not a stack trace. The sync stops there: the checkpoint is only ever saved after the data,
// so the next sync, once the cause is fixed, resumes without a gap.
import fs from 'node:fs';
import path from 'node:path';
import { GuardError } from '../runtime/errors';

export class StoreWriteError extends GuardError {
  constructor(
    message: string,
    /** What the admin does about it, in plain words. */
    readonly fix: string,
    /** The file (or folder) the write was for; null when the store did not say. */
    readonly file: string | null,
  ) {
    super('internal', message);
    this.name = 'StoreWriteError';
  }
}

interface SystemError {
  code: string;
  path?: string;
  message: string;
}

function systemError(err: unknown): SystemError | null {
  if (!(err instanceof Error)) return null;
  const { code, path: file } = err as { code?: unknown; path?: unknown };
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return null;
  return { code, path: typeof file === 'string' ? file : undefined, message: err.message };
}

/** The nearest existing ancestor of `file` that is not a folder: what blocks the store's folder. */
function blockingFile(file: string, dataDir: string): string | null {
  const root = path.resolve(dataDir);
  for (let p = path.dirname(path.resolve(file)), n = 0; p.startsWith(root) && n < 16; p = path.dirname(p), n++) {
    try {
      if (!fs.statSync(p).isDirectory()) return p;
    } catch {
      // Not there (yet): look further up.
    }
    if (p === root) break;
  }
  return null;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 400);

/** Turns whatever a store write threw into a StoreWriteError (GuardErrors other than that pass through). */
export function toStoreWriteError(err: unknown, dataDir: string, what: string): GuardError {
  if (err instanceof StoreWriteError) return err;
  const sys = systemError(err);
  if (!sys) {
    if (err instanceof GuardError && err.code !== 'invalid_input') return err;
    const why = err instanceof Error ? err.message : String(err);
    return new StoreWriteError(
      oneLine(`The local store refused to save ${what} in ${dataDir}: ${why}`),
      'Nothing already stored was lost. Sync now to try again; if it fails the same way, report it with this message.',
      null,
    );
  }
  const file = sys.path ?? dataDir;
  switch (sys.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new StoreWriteError(
        oneLine(`Could not save ${what}: no space left on the disk (${sys.code}) writing ${file}.`),
        `Free some space on the disk that holds ${dataDir}, then Sync now; nothing already stored was lost.`,
        file,
      );
    case 'EACCES':
    case 'EPERM':
      return new StoreWriteError(
        oneLine(`Could not save ${what}: permission denied (${sys.code}) writing ${file}.`),
        `Give your user account write access to ${dataDir} (or start with another --data-dir), then Sync now.`,
        file,
      );
    case 'EROFS':
      return new StoreWriteError(
        oneLine(`Could not save ${what}: ${dataDir} is on a read-only disk (${sys.code}).`),
        'Make the disk writable, or start with a --data-dir on a writable disk, then Sync now.',
        file,
      );
    case 'ENOTDIR':
    case 'EEXIST':
    case 'EISDIR': {
      const blocker = blockingFile(file, dataDir) ?? file;
      return new StoreWriteError(
        oneLine(`Could not save ${what}: ${blocker} is in the way of the store's folders (${sys.code}).`),
        `Move ${blocker} aside (it is not a file the console wrote), then Sync now.`,
        blocker,
      );
    }
    case 'EMFILE':
    case 'ENFILE':
      return new StoreWriteError(
        oneLine(`Could not save ${what}: too many files open (${sys.code}) writing ${file}.`),
        'Close other programs (or raise the open-files limit), then Sync now.',
        file,
      );
    default:
      return new StoreWriteError(
        oneLine(`Could not save ${what}: ${sys.message}`),
        `Check the disk that holds ${dataDir} (its system log may say more), then Sync now.`,
        file,
      );
  }
}

/** Runs one store write; a failure comes back as a StoreWriteError. */
export async function storeWrite<T>(dataDir: string, what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    throw toStoreWriteError(err, dataDir, what);
  }
}
