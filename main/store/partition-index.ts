// The in-memory columnar index of one hour partition, and its binary sidecar on disk.
//
// Per activity the index holds only what queries need: time, byte range of the activity in the
// partition file (to read one activity without parsing the file), dictionary ids of the
// filterable strings, flags, the id and its hash, and the lower-cased summary for free text.
// Roughly 70 bytes + id + summary per activity, instead of a few KB as a JS object.
//
// The sidecar is binary because it is derived data that must load fast (2 M rows at open):
// typed-array sections copied out in one memcpy each, guarded by a CRC32 and by the partition's
// generation and size. The partition file is the truth; a sidecar that disagrees is rebuilt.
import { crc32 } from 'node:zlib';

const MAGIC = 0x32494757; // 'WGI2' little-endian (v2: summaries kept as UTF-8 bytes)
export const COLS = { type: 0, event: 1, actor: 2, target: 3, ip: 4, country: 5, city: 6, ua: 7 } as const;
export const COL_COUNT = 8;
export const FLAG_ADMIN = 1;
export const FLAG_IMPERSONATED = 2;
/** Set in memory only, for a row whose id is already stored in another partition. */
export const FLAG_SHADOWED = 128;
/** Free text over the summary is bounded: longer summaries are indexed by their start. */
export const MAX_INDEXED_SUMMARY = 256;

export interface RowData {
  at: number;
  id: string;
  hash: number;
  start: number;
  end: number;
  cols: ArrayLike<number>;
  flags: number;
  text: string;
}

export interface PartitionHeader {
  hour: number;
  gen: string;
  /** Byte size of the partition file this index describes. */
  size: number;
  /** Dictionary entries that existed when written: ids at or past this are not trusted. */
  dictEntries: number;
  n: number;
}

export class PartitionIndex {
  snapshot: Buffer | null = null;
  constructor(
    readonly header: PartitionHeader,
    readonly at: Float64Array,
    readonly start: Uint32Array,
    readonly end: Uint32Array,
    readonly cols: Uint32Array[],
    readonly flags: Uint8Array,
    readonly hash: Uint32Array,
    readonly idOff: Uint32Array,
    readonly ids: string,
    readonly textOff: Uint32Array,
    /** Lower-cased summaries, UTF-8, NUL-separated; searched as bytes, never decoded whole. */
    readonly text: Buffer,
  ) {}

  get n(): number {
    return this.header.n;
  }
  get hour(): number {
    return this.header.hour;
  }
  idAt(row: number): string {
    return this.ids.slice(this.idOff[row], this.idOff[row + 1]);
  }
  textAt(row: number): string {
    return this.text.toString('utf8', this.textOff[row], this.textOff[row + 1] - 1);
  }
  bytes(): number {
    return columnBytes(this.n) + this.ids.length + this.text.length;
  }
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

/**
 * One partition's index before encoding, in partition order (newest first): what an append
 * builds directly (old rows copied column to column, never through per-row objects).
 */
export interface IndexColumns {
  n: number;
  at: Float64Array;
  start: Uint32Array;
  end: Uint32Array;
  cols: Uint32Array[];
  flags: Uint8Array;
  hash: Uint32Array;
  /** The ids concatenated; `idOff` (n + 1 entries) in UTF-16 code units. */
  ids: string;
  idOff: Uint32Array;
  /** The summaries, UTF-8, each followed by a NUL; `textOff` (n + 1 entries) in bytes. */
  text: Uint8Array;
  textOff: Uint32Array;
}

/** Typed columns for `n` rows (ids and text filled in by the caller). */
export function allocColumns(n: number): Omit<IndexColumns, 'ids' | 'text'> {
  return {
    n,
    at: new Float64Array(n),
    start: new Uint32Array(n),
    end: new Uint32Array(n),
    cols: Array.from({ length: COL_COUNT }, () => new Uint32Array(n)),
    flags: new Uint8Array(n),
    hash: new Uint32Array(n),
    idOff: new Uint32Array(n + 1),
    textOff: new Uint32Array(n + 1),
  };
}

/** Rows must already be in partition order (newest first). */
export function encodeIndex(h: Omit<PartitionHeader, 'n'>, rows: RowData[]): Buffer {
  const n = rows.length;
  const c = allocColumns(n);
  const texts = rows.map((r) => r.text).join('\u0000') + (n > 0 ? '\u0000' : '');
  let idPos = 0;
  let textPos = 0;
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    c.at[i] = r.at;
    c.start[i] = r.start;
    c.end[i] = r.end;
    for (let k = 0; k < COL_COUNT; k++) c.cols[k][i] = r.cols[k];
    c.flags[i] = r.flags;
    c.hash[i] = r.hash;
    c.idOff[i] = idPos;
    idPos += r.id.length;
    c.textOff[i] = textPos;
    textPos += Buffer.byteLength(r.text) + 1;
  }
  c.idOff[n] = idPos;
  c.textOff[n] = textPos;
  return encodeColumns(h, { ...c, ids: rows.map((r) => r.id).join(''), text: Buffer.from(texts, 'utf8') });
}

/** The sidecar bytes for `c` (the in-memory-only FLAG_SHADOWED is never written). */
export function encodeColumns(h: Omit<PartitionHeader, 'n'>, c: IndexColumns): Buffer {
  const n = c.n;
  const idsBytes = Buffer.from(c.ids, 'utf8');
  const textBytes = c.text;
  const headerJson = Buffer.from(
    JSON.stringify({ ...h, n, idsBytes: idsBytes.length, textBytes: textBytes.length }),
    'utf8',
  );
  const colStart = align8(8 + headerJson.length);
  const colBytes = columnBytes(n);
  const total = colStart + colBytes + idsBytes.length + textBytes.length + 4;
  const buf = Buffer.alloc(total);
  buf.writeUInt32LE(MAGIC, 0);
  buf.writeUInt32LE(headerJson.length, 4);
  headerJson.copy(buf, 8);
  const v = views(new Uint8Array(buf.buffer, buf.byteOffset + colStart, colBytes), n);
  v.at.set(c.at.subarray(0, n));
  v.start.set(c.start.subarray(0, n));
  v.end.set(c.end.subarray(0, n));
  for (let k = 0; k < COL_COUNT; k++) v.cols[k].set(c.cols[k].subarray(0, n));
  for (let i = 0; i < n; i++) v.flags[i] = c.flags[i] & ~FLAG_SHADOWED;
  v.hash.set(c.hash.subarray(0, n));
  v.idOff.set(c.idOff.subarray(0, n + 1));
  v.textOff.set(c.textOff.subarray(0, n + 1));
  idsBytes.copy(buf, colStart + colBytes);
  buf.set(textBytes, colStart + colBytes + idsBytes.length);
  buf.writeUInt32LE(crc32(buf.subarray(0, total - 4)), total - 4);
  return buf;
}

function columnBytes(n: number): number {
  // at (f64) | start, end, 8 cols, hash (u32 × n) | idOff, textOff (u32 × n+1) | flags (u8 × n)
  return align8(8 * n + 4 * n * (3 + COL_COUNT) + 8 * (n + 1) + n);
}

function views(bytes: Uint8Array, n: number) {
  const ab = bytes.buffer;
  let o = bytes.byteOffset;
  const u32 = (len: number) => {
    const a = new Uint32Array(ab, o, len);
    o += 4 * len;
    return a;
  };
  const at = new Float64Array(ab, o, n);
  o += 8 * n;
  const start = u32(n);
  const end = u32(n);
  const cols = Array.from({ length: COL_COUNT }, () => u32(n));
  const hash = u32(n);
  const idOff = u32(n + 1);
  const textOff = u32(n + 1);
  const flags = new Uint8Array(ab, o, n);
  return { at, start, end, cols, hash, idOff, textOff, flags };
}

export class SidecarError extends Error {}

export type Allocate = (bytes: number) => Uint8Array;
const ownBuffer: Allocate = (bytes) => new Uint8Array(bytes);

/**
 * Decodes a sidecar, copying what it keeps into memory from `alloc` (open passes an arena so
 * thousands of partitions do not each allocate external memory); throws SidecarError when the
 * sidecar is damaged in any way.
 */
export function decodeIndex(buf: Buffer, alloc: Allocate = ownBuffer): PartitionIndex {
  if (buf.length < 16 || buf.readUInt32LE(0) !== MAGIC) throw new SidecarError('not an index file');
  const stored = buf.readUInt32LE(buf.length - 4);
  if (crc32(buf.subarray(0, buf.length - 4)) !== stored) throw new SidecarError('checksum mismatch');
  const headerLen = buf.readUInt32LE(4);
  let h: PartitionHeader & { idsBytes: number; textBytes: number };
  try {
    h = JSON.parse(buf.toString('utf8', 8, 8 + headerLen));
  } catch {
    throw new SidecarError('bad header');
  }
  const n = h.n;
  const colStart = align8(8 + headerLen);
  const colBytes = columnBytes(n);
  if (colStart + colBytes + h.idsBytes + h.textBytes + 4 !== buf.length) throw new SidecarError('bad length');
  // Copy columns and summaries out, so the file buffer can be reused or freed.
  const keep = alloc(colBytes + align8(h.textBytes));
  keep.set(buf.subarray(colStart, colStart + colBytes));
  const v = views(keep.subarray(0, colBytes), n);
  const idsAt = colStart + colBytes;
  const ids = buf.toString('utf8', idsAt, idsAt + h.idsBytes);
  keep.set(buf.subarray(idsAt + h.idsBytes, idsAt + h.idsBytes + h.textBytes), colBytes);
  const text = Buffer.from(keep.buffer, keep.byteOffset + colBytes, h.textBytes);
  if (v.idOff[n] !== ids.length || v.textOff[n] !== text.length) throw new SidecarError('bad string sections');
  return new PartitionIndex(
    { hour: h.hour, gen: h.gen, size: h.size, dictEntries: h.dictEntries, n },
    v.at,
    v.start,
    v.end,
    v.cols,
    v.flags,
    v.hash,
    v.idOff,
    ids,
    v.textOff,
    text,
  );
}

/** Newest first; equal times ordered by id descending, so (at, id) is a total order for keyset paging. */
export function compareRows(aAt: number, aId: string, bAt: number, bId: string): number {
  if (aAt !== bAt) return bAt - aAt;
  return aId < bId ? 1 : aId > bId ? -1 : 0;
}

/**
 * What free text searches for an activity: its summary, then the details enrichment lifted out
 * of extra_data (file name, failure reason, target name…), which the summary often omits.
 */
export function searchableText(a: { summary: string | null; details?: Record<string, string> | null }): string | null {
  if (!a.details) return a.summary;
  const details = Object.values(a.details).join(' ');
  return a.summary ? `${a.summary} ${details}` : details;
}

export function summaryText(summary: string | null | undefined): string {
  if (!summary) return '';
  // NUL separates rows in the text section; control characters are never searched for.
  return (
    summary
      .slice(0, MAX_INDEXED_SUMMARY)
      .toLowerCase()
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f]/g, ' ')
  );
}

/** Whether the rows are in partition order (they always are when written by the store). */
export function partitionSorted(p: PartitionIndex): boolean {
  for (let r = 1; r < p.n; r++) {
    const a = p.at[r - 1];
    const b = p.at[r];
    if (a < b || (a === b && compareRows(a, p.idAt(r - 1), b, p.idAt(r)) > 0)) return false;
  }
  return true;
}
