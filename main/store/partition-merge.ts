// The byte-range merge behind every append: one hour partition (file bytes and index columns)
// plus a batch of new activities in, the new partition out. Existing lines are copied as bytes
// and their index entries column to column; only the new activities are serialised. Rows come
// out newest first — a merge, since both sides are already in order. Pure: no file, no
// dictionary, no clock; the caller interns, chooses the generation and writes the result.
import type { StoredActivity } from './types';
import { hashId } from './id-set';
import {
  COLS,
  COL_COUNT,
  FLAG_ADMIN,
  FLAG_IMPERSONATED,
  PartitionIndex,
  allocColumns,
  compareRows,
  partitionSorted,
  searchableText,
  summaryText,
  type IndexColumns,
} from './partition-index';
import { PARTITION_TAIL, partitionHead } from './partition-file';
import type { Kind } from './dictionary';
import { KIND } from './dictionary';

export interface MergedHour {
  /** The whole new partition file. */
  bytes: Buffer;
  /** Its index, rows in partition order. */
  columns: IndexColumns;
  /** For each new row, the old row it was copied from, or -1 for an incoming activity. */
  origin: Int32Array;
}

/**
 * Output buffers reused from one merge to the next (one write at a time): the partition bytes
 * and the summaries section. The result's `bytes` and `columns.text` are views into them, valid
 * until the next merge with the same buffers.
 */
export interface MergeBuffers {
  out: Buffer;
  text: Buffer;
}

export function mergeBuffers(): MergeBuffers {
  return { out: Buffer.allocUnsafe(0), text: Buffer.allocUnsafe(0) };
}

/**
 * The dictionary ids of each incoming activity's filterable strings, COL_COUNT per activity,
 * interned in arrival order (dictionary ids never depend on how rows sort).
 */
export function internRows(
  intern: (kind: Kind, value: string | null | undefined) => number,
  incoming: readonly StoredActivity[],
): Uint32Array {
  const interned = new Uint32Array(incoming.length * COL_COUNT);
  for (let j = 0; j < incoming.length; j++) {
    const a = incoming[j];
    const o = j * COL_COUNT;
    interned[o + COLS.type] = intern(KIND.type, a.type);
    interned[o + COLS.event] = intern(KIND.event, a.event);
    interned[o + COLS.actor] = intern(KIND.person, a.actor);
    interned[o + COLS.target] = intern(KIND.person, a.target);
    interned[o + COLS.ip] = intern(KIND.ip, a.ip);
    interned[o + COLS.country] = intern(KIND.country, a.country);
    interned[o + COLS.city] = intern(KIND.city, a.city);
    interned[o + COLS.ua] = intern(KIND.ua, a.userAgent);
  }
  return interned;
}

/** Whether exactly LINE_SEPARATOR (",\n") lies between one line's end and the next line's start. */
function separatedAsWritten(bytes: Buffer, end: number, nextStart: number): boolean {
  return nextStart === end + 2 && bytes[end] === 0x2c && bytes[end + 1] === 0x0a;
}

function room(buf: Buffer, used: number, more: number): Buffer {
  if (used + more <= buf.length) return buf;
  const next = Buffer.allocUnsafe(Math.max(used + more, buf.length * 2, 1 << 16));
  buf.copy(next, 0, 0, used);
  return next;
}

export interface MergeInput {
  hour: number;
  /** The generation token the new file carries. */
  gen: string;
  /** The partition as it is (null when the hour is new) and its file's bytes. */
  old: PartitionIndex | null;
  oldBytes: Buffer | null;
  /** New activities of this hour, any order, none already stored (the caller de-duplicates). */
  incoming: readonly StoredActivity[];
  /** internRows(…, incoming). */
  interned: Uint32Array;
}

export function mergeHour(input: MergeInput, buffers: MergeBuffers = mergeBuffers()): MergedHour {
  const { hour, gen, old, oldBytes, incoming, interned } = input;
  const freshOrder = Array.from(incoming.keys()).sort((x, y) =>
    compareRows(incoming[x].at, incoming[x].id, incoming[y].at, incoming[y].id),
  );
  const fresh = freshOrder.map((j) => incoming[j]);
  const oldN = old && oldBytes ? old.n : 0;
  const n = oldN + fresh.length;
  // Row order as references: r < oldN is old row r, otherwise fresh[r - oldN].
  const order = new Int32Array(n);
  if (old && !partitionSorted(old)) {
    // Never expected (every partition is written sorted), but a merge would need it.
    for (let k = 0; k < n; k++) order[k] = k;
    const at = (k: number) => (k < oldN ? old.at[k] : fresh[k - oldN].at);
    const id = (k: number) => (k < oldN ? old.idAt(k) : fresh[k - oldN].id);
    order.sort((x, y) => compareRows(at(x), id(x), at(y), id(y)));
  } else {
    let i = 0;
    let j = 0;
    for (let k = 0; k < n; k++) {
      let takeOld: boolean;
      if (i >= oldN) takeOld = false;
      else if (j >= fresh.length) takeOld = true;
      else {
        const oa = old!.at[i];
        const fa = fresh[j].at;
        takeOld = oa !== fa ? oa > fa : compareRows(oa, old!.idAt(i), fa, fresh[j].id) <= 0;
      }
      order[k] = takeOld ? i++ : oldN + j++;
    }
  }

  const c = allocColumns(n);
  const origin = new Int32Array(n);
  // The ids, as pieces to join: a run of consecutive old rows contributes one slice.
  const idParts: string[] = [];
  let out = buffers.out;
  let text = buffers.text;
  const head = partitionHead(hour, gen);
  out = room(out, 0, head.length * 3);
  let pos = out.write(head, 0);
  let textPos = 0;
  let idPos = 0;
  const cols = c.cols;
  for (let k = 0; k < n;) {
    const r = order[k];
    if (k > 0) {
      out = room(out, pos, 2);
      out[pos++] = 0x2c; // LINE_SEPARATOR ",\n", as bytes
      out[pos++] = 0x0a;
    }
    if (r < oldN) {
      // A run of old rows r..r+len-1 placed consecutively: their lines (and the separators
      // between them) are one byte range of the old file, their summaries one range of its text.
      const o = old!;
      let len = 1;
      while (
        k + len < n &&
        order[k + len] === r + len &&
        separatedAsWritten(oldBytes!, o.end[r + len - 1], o.start[r + len])
      )
        len++;
      const last = r + len - 1;
      const s = o.start[r];
      const e = o.end[last];
      out = room(out, pos, e - s);
      oldBytes!.copy(out, pos, s, e);
      const shift = pos - s;
      const ts = o.textOff[r];
      const te = o.textOff[last + 1];
      text = room(text, textPos, te - ts);
      o.text.copy(text, textPos, ts, te);
      const tshift = textPos - ts;
      const is = o.idOff[r];
      const ishift = idPos - is;
      for (let q = 0; q < len; q++) {
        const kk = k + q;
        const rr = r + q;
        c.start[kk] = o.start[rr] + shift;
        c.end[kk] = o.end[rr] + shift;
        c.idOff[kk] = o.idOff[rr] + ishift;
        c.textOff[kk] = o.textOff[rr] + tshift;
        c.at[kk] = o.at[rr];
        c.flags[kk] = o.flags[rr];
        c.hash[kk] = o.hash[rr];
        origin[kk] = rr;
      }
      for (let col = 0; col < COL_COUNT; col++) cols[col].set(o.cols[col].subarray(r, r + len), k);
      const ie = o.idOff[last + 1];
      idParts.push(o.ids.slice(is, ie));
      idPos += ie - is;
      pos += e - s;
      textPos += te - ts;
      k += len;
    } else {
      c.start[k] = pos;
      c.idOff[k] = idPos;
      c.textOff[k] = textPos;
      const a = fresh[r - oldN];
      const piece = JSON.stringify(a);
      out = room(out, pos, piece.length * 3);
      pos += out.write(piece, pos);
      c.at[k] = a.at;
      const o = freshOrder[r - oldN] * COL_COUNT;
      for (let col = 0; col < COL_COUNT; col++) cols[col][k] = interned[o + col];
      c.flags[k] = (a.admin ? FLAG_ADMIN : 0) | (a.impersonated ? FLAG_IMPERSONATED : 0);
      c.hash[k] = hashId(a.id);
      idParts.push(a.id);
      idPos += a.id.length;
      const summary = summaryText(searchableText(a));
      text = room(text, textPos, summary.length * 3 + 1);
      textPos += text.write(summary, textPos);
      text[textPos++] = 0;
      origin[k] = -1;
      c.end[k] = pos;
      k++;
    }
  }
  c.idOff[n] = idPos;
  c.textOff[n] = textPos;
  out = room(out, pos, PARTITION_TAIL.length);
  pos += out.write(PARTITION_TAIL, pos, 'latin1');
  buffers.out = out;
  buffers.text = text;
  return {
    bytes: out.subarray(0, pos),
    columns: { ...c, ids: idParts.join(''), text: text.subarray(0, textPos) },
    origin,
  };
}
