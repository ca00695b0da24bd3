// A word index over the partitions' summaries, so free text finds its rows without searching
// every summary byte by byte. Searching 2 M summaries (80 MB) cost 100–500 ms a query: the bytes
// themselves, and one native indexOf call per hit for a common word. With the index, a word
// costs a look at each partition's distinct words (a few hundred) and the rows of those that
// contain it.
//
// A word ("token") is a maximal run of bytes other than space and NUL in the lower-cased UTF-8
// summary. A needle without a space occurs in a summary exactly when it occurs inside one of its
// tokens, so such a needle is answered from the index alone. A needle with spaces must find each
// piece in a token (the first at a token's end, the last at a start, the middle ones whole); the
// rows that pass are then checked byte by byte.
//
// The index is derived data held in memory: each partition's postings are built from its
// summaries when first needed (or in the background after open) and kept beside that partition's
// index object, so a partition rewritten by an append simply gets new postings when next asked.
// Tokens are interned once for the whole store; past TOKEN_LIMIT distinct tokens, a partition
// that brings new ones is left unindexed and searched byte by byte, as before: memory stays
// bounded by the vocabulary, and an answer never depends on whether the index was built.
import type { PartitionIndex } from './partition-index';

/** Distinct tokens the store interns at most (strings of ~10 bytes: tens of MB at worst). */
export const TOKEN_LIMIT = 2_000_000;

const SPACE = 0x20;

/** One partition's postings: for each distinct token (ascending id), the rows holding it. */
export interface PartitionPostings {
  /** Ascending, so a needle that matches a few tokens finds them by binary search. */
  readonly tokens: Uint32Array;
  /** tokens.length + 1 offsets into `rows`. */
  readonly starts: Uint32Array;
  /** Row numbers, ascending within each token. */
  readonly rows: Uint16Array | Uint32Array;
}

/** The token ids a needle's pieces may sit in, grown as the vocabulary grows. */
class PieceMask {
  mask = new Uint8Array(0);
  known = 0;
  /** The token ids in `mask`, ascending (a partition looks each up while they are few). */
  readonly ids: number[] = [];
  constructor(
    readonly piece: string,
    /** 'any': inside a token; 'end' / 'start': at its end / start; 'whole': the token itself. */
    readonly where: 'any' | 'end' | 'start' | 'whole',
  ) {}

  test(token: string): boolean {
    switch (this.where) {
      case 'any':
        return token.includes(this.piece);
      case 'end':
        return token.endsWith(this.piece);
      case 'start':
        return token.startsWith(this.piece);
      case 'whole':
        return token === this.piece;
    }
  }

  /** Brings the mask up to the vocabulary's current size (tests only the tokens added since). */
  extend(tokens: readonly string[]): Uint8Array {
    if (this.known === tokens.length) return this.mask;
    if (this.mask.length < tokens.length) {
      const grown = new Uint8Array(Math.max(tokens.length, this.mask.length * 2));
      grown.set(this.mask.subarray(0, this.known));
      this.mask = grown;
    }
    for (let id = this.known; id < tokens.length; id++)
      if (this.test(tokens[id])) {
        this.mask[id] = 1;
        this.ids.push(id);
      }
    this.known = tokens.length;
    return this.mask;
  }
}

/** A needle split into pieces at its spaces; `exact` when the index alone answers it. */
class Needle {
  readonly bytes: Buffer;
  readonly pieces: PieceMask[] = [];
  readonly exact: boolean;

  constructor(needle: string) {
    this.bytes = Buffer.from(needle, 'utf8');
    // Tokens are kept as latin1 strings of their UTF-8 bytes: a byte match is a character match
    // (UTF-8 is self-synchronising), and no token is ever decoded.
    const parts = this.bytes.toString('latin1').split(' ');
    const last = parts.length - 1;
    parts.forEach((piece, i) => {
      if (!piece) return;
      const where = last === 0 ? 'any' : i === 0 ? 'end' : i === last ? 'start' : 'whole';
      this.pieces.push(new PieceMask(piece, where));
    });
    this.exact = last === 0;
  }
}

const NEEDLE_CACHE = 32;
/**
 * The background pass steps only after the store has answered no query for this long: the few
 * queries a screen sends together (its rows, its counts) are served first, and the pass's seconds
 * of work fill the pauses between them. Short, so that even an admin at work (a key every 100 ms)
 * leaves pauses enough for the pass to finish: until it has, a search reads the summaries.
 */
export const WARM_QUIET_MS = 60;
/** Partitions one background step indexes (~1,000 rows each, a few ms together). */
const WARM_STEP = 4;

export class SummaryTokens {
  private readonly vocab = new Vocabulary();
  private readonly postings = new WeakMap<PartitionIndex, PartitionPostings | null>();
  private readonly needles = new Map<string, Needle>();
  /**
   * The partitions to index, once asked to (warmInBackground); until then searches read the
   * summaries (a one-shot command never pays for an index it would use once).
   */
  private parts: (() => readonly PartitionIndex[]) | null = null;
  /** A background pass is indexing the partitions that lack postings. */
  private passing = false;
  /** The partitions per step of a pass. */
  private perStep = WARM_STEP;
  /** When a query last used the store (noteQuery), for the background pass's quiet rule. */
  private lastQuery = Number.NEGATIVE_INFINITY;
  /** Scratch for one build: a token's place among the partition's distinct tokens (-1: not seen). */
  private localOf: Int32Array<ArrayBuffer> = new Int32Array(0);

  /** Distinct tokens interned so far. */
  get vocabulary(): number {
    return this.vocab.tokens.length;
  }

  /** Whether `p`'s postings are built (or known unbuildable). */
  has(p: PartitionIndex): boolean {
    return this.postings.has(p);
  }

  /** `p`'s postings, built on first use; null when the vocabulary is full. */
  postingsOf(p: PartitionIndex): PartitionPostings | null {
    let got = this.postings.get(p);
    if (got === undefined) {
      got = this.build(p);
      this.postings.set(p, got);
    }
    return got;
  }

  /**
   * Rows of `p` (1 in the result) whose summary contains `needle` (lower-cased, no control
   * characters), as a byte search of the summaries would find them.
   */
  rowsContaining(p: PartitionIndex, needle: string): Uint8Array {
    const n = this.needle(needle);
    // A partition without postings (new, rewritten by an append, or not reached yet) is read
    // this time and indexed by a pass in the background: a search never waits for an index
    // (after a first sync that is every partition, seconds of work).
    let post: PartitionPostings | null = null;
    if (n.pieces.length > 0 && this.parts) {
      const got = this.postings.get(p);
      if (got === undefined) this.startPass();
      else post = got;
    }
    if (!post) return searchSummaries(p, n.bytes);
    const hits = new Uint8Array(p.n);
    const { starts, rows } = post;
    const vocabulary = this.vocab.tokens;
    if (n.exact) {
      const piece = n.pieces[0];
      piece.extend(vocabulary);
      forEachToken(post, piece, (i) => {
        for (let j = starts[i]; j < starts[i + 1]; j++) hits[rows[j]] = 1;
      });
      return hits;
    }
    // Each piece in turn keeps the rows that had every earlier piece (hits[r] counts them).
    for (let k = 0; k < n.pieces.length; k++) {
      const piece = n.pieces[k];
      piece.extend(vocabulary);
      forEachToken(post, piece, (i) => {
        for (let j = starts[i]; j < starts[i + 1]; j++) if (hits[rows[j]] === k) hits[rows[j]] = k + 1;
      });
    }
    const all = n.pieces.length;
    for (let r = 0; r < p.n; r++) hits[r] = hits[r] === all && rowContains(p, r, n.bytes) ? 1 : 0;
    return hits;
  }

  private needle(text: string): Needle {
    let n = this.needles.get(text);
    if (n) {
      this.needles.delete(text);
    } else {
      n = new Needle(text);
      if (this.needles.size >= NEEDLE_CACHE) this.needles.delete(this.needles.keys().next().value!);
    }
    this.needles.set(text, n); // most recent last
    return n;
  }

  /**
   * Two passes over the partition's bytes, no string per token: tokens are hashed and interned
   * as bytes, each row's distinct tokens counted, then the rows laid out per token (counting
   * sort; rows come in ascending order, so each token's list is sorted).
   */
  private build(p: PartitionIndex): PartitionPostings | null {
    const vocab = this.vocab;
    const text = new Uint8Array(p.text.buffer, p.text.byteOffset, p.text.length);
    const textOff = p.textOff;
    let occToken = new Int32Array(Math.max(64, p.n * 8));
    let occRow = new Int32Array(occToken.length);
    let occ = 0;
    // The partition's distinct tokens in order of first sight, and the last row each was seen in.
    let local = new Int32Array(256);
    let lastRow = new Int32Array(256);
    let distinct = 0;
    if (this.localOf.length < vocab.tokens.length + 1024) this.growLocal(2 * vocab.tokens.length + 1024);
    let localOf = this.localOf;
    let full = false;
    rows: for (let r = 0; r < p.n; r++) {
      const end = textOff[r + 1] - 1; // the row's NUL
      let s = textOff[r];
      while (s < end) {
        if (text[s] === SPACE) {
          s++;
          continue;
        }
        let e = s + 1;
        while (e < end && text[e] !== SPACE) e++;
        const id = vocab.intern(text, s, e);
        s = e;
        if (id < 0) {
          full = true;
          break rows;
        }
        if (id >= localOf.length) localOf = this.growLocal(id * 2);
        let l = localOf[id];
        if (l < 0) {
          if (distinct === local.length) {
            local = grow(local);
            lastRow = grow(lastRow);
          }
          l = localOf[id] = distinct++;
          local[l] = id;
          lastRow[l] = -1;
        }
        if (lastRow[l] === r) continue; // the token again in the same row
        lastRow[l] = r;
        if (occ === occToken.length) {
          occToken = grow(occToken);
          occRow = grow(occRow);
        }
        occToken[occ] = l;
        occRow[occ++] = r;
      }
    }
    if (full) {
      for (let l = 0; l < distinct; l++) localOf[local[l]] = -1;
      return null;
    }
    // The tokens in ascending id order, and each token's place in it (reusing localOf).
    const tokens = Uint32Array.from(local.subarray(0, distinct)).sort();
    for (let i = 0; i < distinct; i++) localOf[tokens[i]] = i;
    const place = new Int32Array(distinct);
    for (let l = 0; l < distinct; l++) place[l] = localOf[local[l]];
    for (let l = 0; l < distinct; l++) localOf[local[l]] = -1;
    const starts = new Uint32Array(distinct + 1);
    for (let i = 0; i < occ; i++) starts[place[occToken[i]] + 1]++;
    for (let l = 0; l < distinct; l++) starts[l + 1] += starts[l];
    const rows = p.n <= 65536 ? new Uint16Array(occ) : new Uint32Array(occ);
    const fill = starts.slice(0, distinct);
    for (let i = 0; i < occ; i++) rows[fill[place[occToken[i]]]++] = occRow[i];
    return { tokens, starts, rows };
  }

  private growLocal(size: number): Int32Array<ArrayBuffer> {
    const grown = new Int32Array(size).fill(-1);
    grown.set(this.localOf);
    return (this.localOf = grown);
  }

  /**
   * Indexes `parts()` (re-read at every step: partitions come and go) in small steps between
   * other work, and from then on whatever searches find unindexed. Searches meanwhile use what
   * is built.
   */
  warmInBackground(parts: () => readonly PartitionIndex[], perStep = WARM_STEP): void {
    if (this.parts) return;
    this.parts = parts;
    this.perStep = perStep;
    this.startPass();
  }

  /** A query is being answered: the background pass waits for a quiet moment (WARM_QUIET_MS). */
  noteQuery(): void {
    this.lastQuery = performance.now();
  }

  private startPass(): void {
    const parts = this.parts;
    if (!parts || this.passing) return;
    this.passing = true;
    let k = 0;
    const step = () => {
      const quietFor = performance.now() - this.lastQuery;
      if (quietFor < WARM_QUIET_MS) {
        setTimeout(step, WARM_QUIET_MS - quietFor).unref();
        return;
      }
      const list = parts();
      for (let built = 0; k < list.length && built < this.perStep; k++) {
        if (this.postings.has(list[k])) continue;
        this.postingsOf(list[k]);
        built++;
      }
      if (k < list.length) setTimeout(step, 0).unref();
      else this.passing = false;
    };
    // Unref'd: a process that is done otherwise does not wait for its index. A timer, not an
    // immediate: an unref'd immediate runs only when something else wakes the event loop, so an
    // idle console indexed a step per request and the first searches read the summaries.
    setTimeout(step, 0).unref();
  }

  /** Indexes `parts` now and keeps the index on for them (tests, and callers that want it at once). */
  buildNow(parts: readonly PartitionIndex[]): void {
    for (const p of parts) this.postingsOf(p);
    this.parts ??= () => parts;
  }

  /** Memory the postings of `parts` and the vocabulary hold, for the bench. */
  bytes(parts: readonly PartitionIndex[]): number {
    let n = this.vocab.bytes() + this.localOf.byteLength;
    for (const p of parts) {
      const post = this.postings.get(p);
      if (post) n += post.tokens.byteLength + post.starts.byteLength + post.rows.byteLength;
    }
    return n;
  }
}

/**
 * Calls `visit(i)` for each of the partition's tokens (by place) that `piece` matches. A piece that
 * matches a few tokens of the vocabulary (a word, a name) looks each up in the partition's sorted
 * tokens instead of testing all of them: ~1,000 distinct tokens a partition, 2,000 partitions.
 */
function forEachToken(post: PartitionPostings, piece: PieceMask, visit: (i: number) => void): void {
  const { tokens } = post;
  const { ids, mask } = piece;
  if (ids.length * 16 < tokens.length) {
    let lo = 0;
    for (const id of ids) {
      let hi = tokens.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (tokens[mid] < id) lo = mid + 1;
        else hi = mid;
      }
      if (lo === tokens.length) return;
      if (tokens[lo] === id) visit(lo);
    }
    return;
  }
  for (let i = 0; i < tokens.length; i++) if (mask[tokens[i]] === 1) visit(i);
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * The store's distinct tokens: an open-addressing table over their bytes (interning a token seen
 * before allocates nothing and compares bytes, not strings), and each as a latin1 string of its
 * UTF-8 bytes for the needle tests.
 */
class Vocabulary {
  readonly tokens: string[] = [];
  private table = new Int32Array(1 << 14).fill(-1);
  private hashes = new Int32Array(1 << 13);
  /** Token id → [start, end) of its bytes in `arena`. */
  private spans = new Int32Array(1 << 14);
  private arena = new Uint8Array(1 << 16);
  private used = 0;

  /** The token's id, interned if new; -1 when the vocabulary is full. */
  intern(bytes: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = s; i < e; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
    const mask = this.table.length - 1;
    const len = e - s;
    const { table, hashes, spans, arena } = this;
    probe: for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = table[slot];
      if (id < 0) break;
      if (hashes[id] !== h) continue;
      const at = spans[2 * id];
      if (spans[2 * id + 1] - at !== len) continue;
      for (let i = 0; i < len; i++) if (arena[at + i] !== bytes[s + i]) continue probe;
      return id;
    }
    if (this.tokens.length >= TOKEN_LIMIT) return -1;
    return this.add(bytes, s, e, h);
  }

  bytes(): number {
    let n = this.table.byteLength + this.hashes.byteLength + this.spans.byteLength + this.arena.byteLength;
    for (const t of this.tokens) n += t.length + 24; // the string's header and its array slot, roughly
    return n;
  }

  private add(bytes: Uint8Array, s: number, e: number, h: number): number {
    const id = this.tokens.length;
    this.tokens.push(latin1(bytes, s, e));
    if (id === this.hashes.length) this.hashes = grow(this.hashes);
    this.hashes[id] = h;
    if (2 * id + 1 >= this.spans.length) this.spans = grow(this.spans);
    while (this.used + (e - s) > this.arena.length) {
      const grown = new Uint8Array(this.arena.length * 2);
      grown.set(this.arena);
      this.arena = grown;
    }
    this.arena.set(bytes.subarray(s, e), this.used);
    this.spans[2 * id] = this.used;
    this.used += e - s;
    this.spans[2 * id + 1] = this.used;
    if (this.tokens.length * 2 > this.table.length) this.rehash();
    else this.place(id, h);
    return id;
  }

  private place(id: number, h: number): void {
    const mask = this.table.length - 1;
    let slot = h & mask;
    while (this.table[slot] >= 0) slot = (slot + 1) & mask;
    this.table[slot] = id;
  }

  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2).fill(-1);
    for (let id = 0; id < this.tokens.length; id++) this.place(id, this.hashes[id]);
  }
}

function latin1(bytes: Uint8Array, s: number, e: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + s, e - s).toString('latin1');
}

/** Rows of `p` whose summary contains `needle` (UTF-8 bytes), by searching the summaries. */
export function searchSummaries(p: PartitionIndex, needle: Uint8Array): Uint8Array {
  const hits = new Uint8Array(p.n);
  const { text, textOff } = p;
  // UTF-8 is self-synchronising: a byte search for the needle finds exactly its character matches.
  let pos = text.indexOf(needle);
  let row = 0;
  while (pos >= 0) {
    while (row + 1 <= p.n && textOff[row + 1] <= pos) row++;
    if (row < p.n && pos + needle.length < textOff[row + 1]) hits[row] = 1;
    pos = text.indexOf(needle, pos + 1);
  }
  return hits;
}

/** Whether row `r`'s summary contains `needle` (a short byte loop: the summary is a few dozen bytes). */
function rowContains(p: PartitionIndex, r: number, needle: Uint8Array): boolean {
  const text = p.text;
  const last = p.textOff[r + 1] - 1 - needle.length; // the match must end before the row's NUL
  const first = needle[0];
  outer: for (let s = p.textOff[r]; s <= last; s++) {
    if (text[s] !== first) continue;
    for (let k = 1; k < needle.length; k++) if (text[s + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}
