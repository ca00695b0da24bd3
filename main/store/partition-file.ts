// One hour of activities as a lowdb JSON file:
//   {"v":1,"hour":"2024-05-01T13","gen":"…","activities":[
//   {…one activity per line…},
//   …
//   ]}
// It is ordinary JSON (lowdb reads it whole for rebuilds and migrations), but it is written one
// activity per line with the byte range of each recorded in the index sidecar, so that a
// timeline page reads 50 activities with positioned reads instead of parsing whole files, and
// an append splices new lines between the existing ones without re-serialising them.
// The generation token sits in the first bytes so open can check a sidecar against its
// partition by reading ~100 bytes.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { DataFile } from 'lowdb/node';
import { hourKey } from './layout';
import { stageFileSync, type StagedFile } from './atomic-file';

export function newGeneration(): string {
  return randomBytes(8).toString('hex');
}

/** Everything before the first activity line. */
export function partitionHead(hour: number, gen: string): string {
  return `{"v":1,"hour":"${hourKey(hour)}","gen":"${gen}","activities":[\n`;
}
/** Between two activity lines. */
export const LINE_SEPARATOR = ',\n';
/** After the last activity line (also the whole body of an empty partition). */
export const PARTITION_TAIL = '\n]}\n';

/**
 * A partition rendered as bytes, staged for an atomic, durable replace (temp file, fsync, rename,
 * fsync of the folder: atomic-file.ts) that the activity store commits together with the other
 * hours of an append. The store splices existing lines in as bytes, so the document never exists
 * as one JS string; it stays an ordinary lowdb JSON document.
 */
export function stagePartition(file: string, bytes: Uint8Array): StagedFile {
  return stageFileSync(file, bytes);
}

/** Full parse through lowdb: used to rebuild a sidecar, to migrate, and to confirm corruption. */
export async function readPartitionDoc(file: string): Promise<unknown> {
  const adapter = new DataFile<unknown>(file, { parse: JSON.parse, stringify: JSON.stringify });
  return adapter.read();
}

const GEN_RE = /^\{"v":1,"hour":"[^"]{13}","gen":"([0-9a-f]{16})"/;

/** The generation token from the first bytes, or null when the file does not start like a partition. */
export function readGeneration(file: string): { gen: string | null; size: number } {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const buf = Buffer.alloc(96);
    const got = fs.readSync(fd, buf, 0, buf.length, 0);
    const m = GEN_RE.exec(buf.toString('utf8', 0, got));
    return { gen: m ? m[1] : null, size };
  } finally {
    fs.closeSync(fd);
  }
}
