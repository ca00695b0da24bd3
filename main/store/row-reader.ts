// Reading single activities back from their partitions by the byte ranges the index holds:
// a timeline page reads 50 activities with positioned reads instead of parsing whole files.
import fs from 'node:fs';
import type { StoredActivity } from './types';
import type { PartitionIndex } from './partition-index';

export interface RowRef {
  slot: number;
  row: number;
}

/** A partition found not to hold what its index says; the store quarantines the slot and retries. */
export class PartitionCorrupt extends Error {
  constructor(
    readonly slot: number,
    cause: string,
  ) {
    super(cause);
  }
}

/**
 * The activities at `refs`, in the same order. Synchronous, so no write can interleave; a
 * partition being replaced is read from its in-memory snapshot of the old bytes.
 */
export function readRows(
  refs: readonly RowRef[],
  partition: (slot: number) => PartitionIndex,
  fileOf: (p: PartitionIndex) => string,
): StoredActivity[] {
  const out = new Array<StoredActivity>(refs.length);
  const bySlot = new Map<number, number[]>();
  refs.forEach((ref, i) => {
    const list = bySlot.get(ref.slot);
    if (list) list.push(i);
    else bySlot.set(ref.slot, [i]);
  });
  for (const [slot, indexes] of bySlot) {
    const p = partition(slot);
    let fd: number | null = null;
    try {
      if (!p.snapshot) fd = fs.openSync(fileOf(p), 'r');
      for (const i of indexes) {
        const row = refs[i].row;
        const len = p.end[row] - p.start[row];
        let text: string;
        if (p.snapshot) text = p.snapshot.toString('utf8', p.start[row], p.end[row]);
        else {
          const buf = Buffer.allocUnsafe(len);
          const got = fs.readSync(fd!, buf, 0, len, p.start[row]);
          text = buf.toString('utf8', 0, got);
        }
        let a: StoredActivity;
        try {
          a = JSON.parse(text) as StoredActivity;
        } catch (err) {
          throw new PartitionCorrupt(
            slot,
            `activity at byte ${p.start[row]} does not parse: ${(err as Error).message}`,
          );
        }
        if (!a || a.id !== p.idAt(row))
          throw new PartitionCorrupt(slot, `activity at byte ${p.start[row]} is not the one indexed there`);
        out[i] = a;
      }
    } catch (err) {
      if (err instanceof PartitionCorrupt) throw err;
      throw new PartitionCorrupt(slot, (err as Error).message);
    } finally {
      if (fd !== null) fs.closeSync(fd);
    }
  }
  return out;
}
