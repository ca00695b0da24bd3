// A response body as text for JSON.parse, built for speed on the audit log's pages (hundreds of
// KB each, a handful of accented names among them). Decoding UTF-8 makes the whole page a
// two-byte string as soon as one byte is not ASCII — twice the memory, and on this path measured
// at twice the time of a Latin-1 copy — for the sake of a few characters. JSON allows any
// character inside a string as a `\uXXXX` escape, so the text handed to JSON.parse stays ASCII:
// each run of non-ASCII bytes is decoded as UTF-8 (invalid sequences become U+FFFD, exactly as a
// whole-buffer decode makes them) and written as escapes. JSON.parse of the result gives the same
// values as JSON.parse of the UTF-8 text; text that is not valid JSON stays invalid (raw
// characters outside a string are a syntax error either way; a run right after a backslash is
// decoded the plain way, so an invalid `\é` never becomes a valid escape). A byte-order mark
// becomes `\ufeff` before the value, refused by JSON.parse as U+FEFF is. Only for JSON: the escapes would
// show in any text read as prose.
import { isAscii } from 'node:buffer';

/** Below this many bytes a range is scanned byte by byte rather than halved again. */
const SCAN_BELOW = 256;

/**
 * The runs of bytes ≥ 0x80, in order, as [start, end) pairs. A body has a handful among hundreds
 * of KB: halving the range with the SIMD `isAscii` finds them in a few dozen calls, where a byte
 * loop or a regular expression over the whole body costs as much as decoding it.
 */
function nonAsciiRuns(bytes: Buffer): number[] {
  const runs: number[] = [];
  const visit = (lo: number, hi: number) => {
    if (isAscii(bytes.subarray(lo, hi))) return;
    if (hi - lo > SCAN_BELOW) {
      const mid = (lo + hi) >>> 1;
      visit(lo, mid);
      visit(mid, hi);
      return;
    }
    for (let i = lo; i < hi; i++) {
      if (bytes[i] < 0x80) continue;
      let j = i + 1;
      while (j < hi && bytes[j] >= 0x80) j++;
      // A run cut by a block boundary continues the previous one.
      if (runs.length && runs[runs.length - 1] === i) runs[runs.length - 1] = j;
      else runs.push(i, j);
      i = j;
    }
  };
  visit(0, bytes.length);
  return runs;
}

function escapes(bytes: Buffer, start: number, end: number): string {
  const decoded = bytes.toString('utf8', start, end);
  let out = '';
  for (let i = 0; i < decoded.length; i++) out += `\\u${decoded.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

/** Escaped only while fewer than one byte in this many is non-ASCII. */
const MOSTLY_ASCII = 32;
const MAX_SCRATCH = 4 * 1048576;
let scratch = Buffer.alloc(0);

/** `bytes` (UTF-8, as servers send JSON) as ASCII text that JSON.parse reads as it would the decoded text. */
export function jsonText(bytes: Buffer): string {
  const runs = nonAsciiRuns(bytes);
  if (runs.length === 0) return bytes.toString('latin1');
  // Mostly non-ASCII text (a page of names in another script) gains nothing from escapes.
  let nonAscii = 0;
  for (let r = 0; r < runs.length; r += 2) nonAscii += runs[r + 1] - runs[r];
  if (nonAscii * MOSTLY_ASCII > bytes.length) return bytes.toString('utf8');
  const pieces: string[] = [];
  let size = bytes.length;
  for (let r = 0; r < runs.length; r += 2) {
    // `\é` is an invalid escape in JSON, `\\u00e9` a valid one: never turn the one into the other.
    // Rare (only a malformed string does it, or one whose backslash is escaped): decoded the plain way.
    if (runs[r] > 0 && bytes[runs[r] - 1] === 0x5c) return bytes.toString('utf8');
    const piece = escapes(bytes, runs[r], runs[r + 1]);
    pieces.push(piece);
    size += piece.length - (runs[r + 1] - runs[r]);
  }
  // One scratch buffer for every page (the string copies out of it): fresh memory per page costs
  // page faults. An unusually large body gets its own, so the scratch never pins much memory.
  if (size > MAX_SCRATCH) return assemble(bytes, runs, pieces, Buffer.allocUnsafe(size), size);
  if (scratch.length < size) scratch = Buffer.allocUnsafe(Math.min(MAX_SCRATCH, Math.max(size, scratch.length * 2)));
  return assemble(bytes, runs, pieces, scratch, size);
}

function assemble(bytes: Buffer, runs: number[], pieces: string[], out: Buffer, size: number): string {
  let from = 0;
  let at = 0;
  for (let r = 0; r < runs.length; r += 2) {
    at += bytes.copy(out, at, from, runs[r]);
    at += out.write(pieces[r >>> 1], at, 'latin1');
    from = runs[r + 1];
  }
  bytes.copy(out, at, from);
  return out.toString('latin1', 0, size);
}
