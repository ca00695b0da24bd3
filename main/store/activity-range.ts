// Every stored activity of a time range, oldest first, for detection reading a back-fill back from
// the store a day at a time. A timeline page (query) walks the index again for each page and reads
// each row with its own positioned read; a day of an organisation is tens of thousands of rows, so
// here the index is walked once and each partition's rows come from one read of the bytes spanning
// them. The raw event is not kept (detection never reads it; a day of them is most of the memory).
import fs from 'node:fs';
import { HOUR_MS } from './layout';
import { FLAG_SHADOWED, type PartitionIndex } from './partition-index';
import { PartitionCorrupt } from './row-reader';
import type { StoredActivity } from './types';

/**
 * The live activities in [since, until] (inclusive, epoch ms) of `partitions` (newest hour first,
 * as the store keeps them), oldest first, equal times by id ascending, each with `raw: null`.
 * Synchronous, so no write interleaves; a partition that does not hold what its index says throws
 * PartitionCorrupt for the store to quarantine (the read is then retried without it).
 */
export function readRangeInOrder(
  partitions: readonly { slot: number; index: PartitionIndex }[],
  since: number,
  until: number,
  fileOf: (p: PartitionIndex) => string,
): StoredActivity[] {
  const out: StoredActivity[] = [];
  const rows: number[] = [];
  for (let k = partitions.length - 1; k >= 0; k--) {
    const { slot, index: p } = partitions[k];
    if (p.hour + HOUR_MS <= since) continue;
    if (p.hour > until) break;
    rows.length = 0;
    // Rows are newest first within a partition: walking them backwards is time order.
    for (let r = p.n - 1; r >= 0; r--) {
      const t = p.at[r];
      if (t < since) continue;
      if (t > until) break;
      if (!(p.flags[r] & FLAG_SHADOWED)) rows.push(r);
    }
    if (rows.length) readPartitionRows(slot, p, rows, fileOf, out);
  }
  return out;
}

/** Reads `rows` of one partition with a single read of the bytes spanning them, appending to `out`. */
function readPartitionRows(
  slot: number,
  p: PartitionIndex,
  rows: readonly number[],
  fileOf: (p: PartitionIndex) => string,
  out: StoredActivity[],
): void {
  let from = Infinity;
  let to = 0;
  for (const r of rows) {
    if (p.start[r] < from) from = p.start[r];
    if (p.end[r] > to) to = p.end[r];
  }
  let bytes: Buffer;
  let base = 0;
  try {
    if (p.snapshot) bytes = p.snapshot;
    else {
      bytes = readSpan(fileOf(p), from, to - from);
      base = from;
    }
  } catch (err) {
    throw new PartitionCorrupt(slot, (err as Error).message);
  }
  for (const r of rows) {
    const start = p.start[r] - base;
    const end = p.end[r] - base;
    if (start < 0 || end > bytes.length)
      throw new PartitionCorrupt(slot, `activity at byte ${p.start[r]} is cut short`);
    let a: StoredActivity;
    try {
      a = withoutRaw(bytes, start, end) ?? (JSON.parse(bytes.toString('utf8', start, end)) as StoredActivity);
    } catch (err) {
      throw new PartitionCorrupt(slot, `activity at byte ${p.start[r]} does not parse: ${(err as Error).message}`);
    }
    if (!a || a.id !== p.idAt(r))
      throw new PartitionCorrupt(slot, `activity at byte ${p.start[r]} is not the one indexed there`);
    a.raw = null;
    out.push(a);
  }
}

const RAW_KEY = Buffer.from(',"raw":');
/** Every field a stored line names before its raw event when the sync wrote it (activity-record.ts). */
const FIELDS_BEFORE_RAW = [
  'id',
  'at',
  'type',
  'event',
  'actor',
  'target',
  'ip',
  'country',
  'city',
  'lat',
  'lon',
  'radiusKm',
  'admin',
  'impersonated',
  'userAgent',
  'summary',
  'asn',
  'asOrg',
  'ipTags',
  'device',
  'details',
] as const;

/**
 * The line parsed up to its raw event, which is left unread: the raw event is most of a line's
 * bytes and detection drops it anyway (parsing whole lines was ~17 µs a row, the largest cost of
 * judging a back-fill read back from the store). The first `,"raw":` in a line is a key — inside
 * a JSON string a quote is always escaped — and when it is the top-level one, the text before it
 * plus `}` parses and holds every field; otherwise (a nested key of that name, a line written in
 * another field order, one that never had its enrichment) this returns null and the line is
 * parsed whole. Damage inside the raw event itself goes unseen here; the timeline's reads of the
 * row (row-reader.ts) still parse it whole.
 */
function withoutRaw(bytes: Buffer, start: number, end: number): StoredActivity | null {
  const cut = bytes.indexOf(RAW_KEY, start);
  if (cut < 0 || cut >= end) return null;
  let head: Record<string, unknown>;
  try {
    head = JSON.parse(bytes.toString('utf8', start, cut) + '}') as Record<string, unknown>;
  } catch {
    return null;
  }
  if (head === null || typeof head !== 'object') return null;
  for (const f of FIELDS_BEFORE_RAW) if (!(f in head)) return null;
  return head as unknown as StoredActivity;
}

/** `length` bytes of `file` from `position`; fewer when the file is shorter (the caller finds rows cut short). */
function readSpan(file: string, position: number, length: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(length);
    let got = 0;
    // Bounded: each pass reads at least one byte or stops at the end of the file.
    while (got < length) {
      const n = fs.readSync(fd, buf, got, length - got, position + got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } finally {
    fs.closeSync(fd);
  }
}
