// The one way the store replaces a file: write a temp file beside it, fsync it, rename it over
// the target, fsync the directory. rename(2) replaces the target in one step, so a reader (or a
// process killed mid-write) sees the old file or the new one; the two fsyncs make the same true
// after a power loss — without the first the rename can reach the disk before the data (an empty
// or torn file under the real name), without the second the rename itself can be lost (the old
// file back, behind a checkpoint that was written after it).
// lowdb files go through DurableJsonFile, a lowdb adapter over the same steps: lowdb's own
// adapters write through steno, which renames but never fsyncs.
// Files are created 0600 and folders 0700: the data is the organisation's security log.
import fs from 'node:fs';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { killPoint, killPointsArmed } from './kill-points';

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

export interface WriteOptions {
  /** fsync the data before the rename and the directory after it (default true). */
  durable?: boolean;
}

function tempOf(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
}

/** fsync a directory, so the entries created or renamed in it survive a power loss. */
export function fsyncDirSync(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** mkdir -p with 0700 folders; with `durable`, each folder created is fsynced into its parent. */
export function mkdirPrivateSync(dir: string, opts: WriteOptions = {}): void {
  if (fs.existsSync(dir)) return;
  const parent = path.dirname(dir);
  if (parent !== dir) mkdirPrivateSync(parent, opts);
  try {
    fs.mkdirSync(dir, { mode: DIR_MODE });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return;
  }
  if (opts.durable !== false) fsyncDirSync(parent);
}

export async function writeFileAtomic(file: string, data: Uint8Array | string, opts: WriteOptions = {}): Promise<void> {
  const tmp = tempOf(file);
  const handle = await fs.promises.open(tmp, 'w', FILE_MODE);
  try {
    if (killPointsArmed) {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      await handle.write(bytes.subarray(0, bytes.length >> 1));
      killPoint('mid-write');
      await handle.write(bytes.subarray(bytes.length >> 1));
    } else await handle.writeFile(data);
    if (opts.durable !== false) await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(tmp, file);
  if (opts.durable !== false) await fsyncDir(path.dirname(file));
}

function writeAllSync(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length;) done += fs.writeSync(fd, bytes, done, bytes.length - done);
}

/** Writes all of `data`; with a kill point armed, in two halves with the mid-write point between. */
function writeSplitAtKillPoint(fd: number, data: Uint8Array | string): void {
  if (killPointsArmed) {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    writeAllSync(fd, bytes.subarray(0, bytes.length >> 1));
    killPoint('mid-write');
    writeAllSync(fd, bytes.subarray(bytes.length >> 1));
  } else fs.writeFileSync(fd, data);
}

const fsyncFd = (fd: number) =>
  new Promise<void>((resolve, reject) => fs.fsync(fd, (err) => (err ? reject(err) : resolve())));

/** fsync a directory off the main thread. */
export function fsyncDir(dir: string): Promise<void> {
  return fsyncFile(dir);
}

/** fsync a file (or folder) off the main thread: what was written to it through another descriptor lasts. */
export async function fsyncFile(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * An atomic replace split in its steps, for commits of many files at once (the activity store's
 * append): stage every file (its new bytes in the temp file beside it), sync them all together,
 * rename each into place, then fsync each folder once. The syncs run in the thread pool, side by
 * side — on a journaling file system they share journal commits, where a file-by-file replace
 * pays one for each file and one more for each rename — and the main thread goes on with the
 * next page of the sync meanwhile.
 */
export interface StagedFile {
  readonly file: string;
  /** fsync the temp file (when durable) and close it; nothing is renamed yet. */
  sync(opts?: WriteOptions): Promise<void>;
  /** rename(2) the synced temp file over the target (in the thread pool); its folder needs an fsync to last. */
  renameIntoPlace(): Promise<void>;
  /** Closes it if still open (a commit that failed); the temp file is replaced by the next write. */
  abandon(): void;
}

export function stageFileSync(file: string, data: Uint8Array | string): StagedFile {
  const tmp = tempOf(file);
  let fd: number | null = fs.openSync(tmp, 'w', FILE_MODE);
  const close = () => {
    if (fd === null) return;
    const open = fd;
    fd = null;
    fs.closeSync(open);
  };
  try {
    writeSplitAtKillPoint(fd, data);
  } catch (err) {
    close();
    throw err;
  }
  return {
    file,
    async sync(opts = {}) {
      if (fd === null) throw new Error(`${tmp} is closed already.`);
      try {
        if (opts.durable !== false) await fsyncFd(fd);
      } finally {
        close();
      }
    },
    renameIntoPlace() {
      return fs.promises.rename(tmp, file);
    },
    abandon: close,
  };
}

/**
 * A lowdb adapter that writes through writeFileAtomic. Writes never overlap (they would share the
 * temp file): one runs at a time, and the calls made meanwhile share the next one, which writes
 * the document as it is when it starts — as steno does, so a burst of meta updates costs two
 * commits, not one per update.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  private running: Promise<void> = Promise.resolve();
  private next: Promise<void> | null = null;
  private latest: T | null = null;

  constructor(
    private readonly file: string,
    private readonly opts: WriteOptions & { stringify?: (data: T) => string } = {},
  ) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await fs.promises.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    return JSON.parse(text) as T;
  }

  write(data: T): Promise<void> {
    this.latest = data;
    if (this.next) return this.next;
    const stringify = this.opts.stringify ?? ((d: T) => JSON.stringify(d, null, 2));
    const run = this.running.then(() => {
      this.next = null;
      return writeFileAtomic(this.file, stringify(this.latest as T), this.opts);
    });
    this.next = run;
    this.running = run.catch(() => undefined);
    return run;
  }
}
