// Atomic replacement for the store's binary/derived files (index sidecars, dictionary
// compaction). lowdb's own files go through steno, which does the same temp-file + rename;
// this exists because steno only writes strings.
import fs from 'node:fs';
import path from 'node:path';

export async function writeFileAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  await fs.promises.writeFile(tmp, data);
  // rename(2) replaces the target in one step: a reader (or a process killed mid-write) sees the old file or the new one.
  await fs.promises.rename(tmp, file);
}

/**
 * The same, synchronously: the activity store's per-hour commit. Each async step is a round
 * trip through the thread pool (~0.1 ms each, four per file) while the sync has nothing else
 * to do; a partition is ~1 MB, written in well under a millisecond.
 */
export function writeFileAtomicSync(file: string, data: Uint8Array | string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}
