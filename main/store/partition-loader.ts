// Opening the activity partitions: finding them on disk (and sweeping what a killed write left
// behind), loading each one's sidecar when it still describes its partition, and reading a
// partition whole when its sidecar must be rebuilt — or quarantining it when it cannot be read.
import fs from 'node:fs';
import path from 'node:path';
import type { CorruptionReport, StoredActivity } from './types';
import { PartitionIndex, decodeIndex } from './partition-index';
import { readGeneration, readPartitionDoc } from './partition-file';
import { HOUR_MS, hourKey, hourStartFromParts, hourStartOf, partitionPaths, type StoreLayout } from './layout';
import { PartitionDocSchema, StoredActivitySchema } from './schemas';
import { quarantineFile } from './quarantine';

export interface FoundPartition {
  hour: number;
  data: string;
  index: string;
}

/**
 * Every partition file under the activities folder. Leftovers of a write killed before its
 * rename (temp files, a sidecar whose partition never landed) are removed on the way: the
 * files they would have replaced are intact.
 */
export function findPartitions(layout: StoreLayout): FoundPartition[] {
  const found: FoundPartition[] = [];
  for (const day of fs.readdirSync(layout.activities).sort()) {
    const dir = path.join(layout.activities, day);
    if (!fs.statSync(dir).isDirectory()) continue;
    const names = new Set(fs.readdirSync(dir));
    for (const name of names) {
      if (name.endsWith('.tmp') || (name.endsWith('.idx') && !names.has(name.replace(/\.idx$/, '.json')))) {
        if (!layout.readOnly) fs.rmSync(path.join(dir, name), { force: true });
      } else {
        const hour = hourStartFromParts(day, name);
        if (hour !== null)
          found.push({ hour, data: path.join(dir, name), index: path.join(dir, name.replace(/\.json$/, '.idx')) });
      }
    }
  }
  return found;
}

/**
 * Loads sidecars at open. Thousands are read and decoded one after the other, so the file is
 * read into one reused buffer, and the decoded columns are carved from a few 32 MB chunks
 * instead of thousands of small ArrayBuffers, whose external-memory accounting would trigger
 * repeated full GCs while 2 M rows load. Space of a partition later rewritten stays in its chunk
 * (bounded: recent hours). Dropped once open is done.
 */
export class SidecarLoader {
  private scratch = Buffer.alloc(0);
  private arenaChunk = new Uint8Array(0);
  private arenaUsed = 0;

  private readonly arena = (bytes: number): Uint8Array => {
    const size = (bytes + 7) & ~7;
    if (this.arenaUsed + size > this.arenaChunk.length) {
      if (size > 8 << 20) return new Uint8Array(size);
      this.arenaChunk = new Uint8Array(32 << 20);
      this.arenaUsed = 0;
    }
    const out = this.arenaChunk.subarray(this.arenaUsed, this.arenaUsed + size);
    this.arenaUsed += size;
    return out;
  };

  /** The sidecar, if it describes exactly the partition on disk; null means "rebuild it". */
  load(f: FoundPartition, dictEntries: number): PartitionIndex | null {
    let buf: Buffer;
    try {
      buf = this.readInto(f.index);
    } catch {
      return null;
    }
    try {
      const idx = decodeIndex(buf, this.arena);
      const head = readGeneration(f.data);
      const h = idx.header;
      if (h.hour !== f.hour || h.gen !== head.gen || h.size !== head.size || h.dictEntries > dictEntries) return null;
      return idx;
    } catch {
      return null;
    }
  }

  private readInto(file: string): Buffer {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      if (this.scratch.length < size) this.scratch = Buffer.allocUnsafe(Math.max(size, this.scratch.length * 2));
      let got = 0;
      while (got < size) {
        const n = fs.readSync(fd, this.scratch, got, size - got, got);
        if (n === 0) break;
        got += n;
      }
      return this.scratch.subarray(0, got);
    } finally {
      fs.closeSync(fd);
    }
  }
}

/**
 * A partition read whole and checked (every activity well-formed and of that hour), duplicates
 * within it dropped: what a sidecar is rebuilt from. Throws when the file cannot be trusted.
 */
export async function readPartitionForRebuild(layout: StoreLayout, hour: number): Promise<StoredActivity[]> {
  const doc = PartitionDocSchema.parse(await readPartitionDoc(partitionPaths(layout, hour).data));
  const activities = doc.activities.map((a, i) => {
    const parsed = StoredActivitySchema.safeParse(a);
    if (!parsed.success)
      throw new Error(`activity ${i + 1} is malformed (${parsed.error.issues[0]?.path.join('.') || 'shape'})`);
    if (hourStartOf(parsed.data.at) !== hour) throw new Error(`activity ${i + 1} is dated outside ${hourKey(hour)}`);
    return parsed.data as StoredActivity;
  });
  const seen = new Set<string>();
  return activities.filter((a) => !seen.has(a.id) && (seen.add(a.id), true));
}

/** Moves a damaged partition aside (its sidecar is derived: deleted) and says what the sync will do. */
export function quarantinePartition(layout: StoreLayout, hour: number, cause: unknown): CorruptionReport {
  const paths = partitionPaths(layout, hour);
  if (!layout.readOnly) fs.rmSync(paths.index, { force: true });
  const key = hourKey(hour);
  const next = String((new Date(hour).getUTCHours() + 1) % 24).padStart(2, '0');
  return quarantineFile(layout, {
    file: paths.data,
    what: `The activity file for ${key.slice(0, 10)} ${key.slice(11)}:00–${next}:00 UTC`,
    cause,
    range: { since: hour, until: hour + HOUR_MS },
    consequence: 'Activities of that hour will be fetched again at the next sync; everything else is intact.',
  });
}
