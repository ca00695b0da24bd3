// Activities: hour partitions on disk (lowdb files, the truth), a columnar index in memory
// (one PartitionIndex per partition, persisted as a sidecar next to it), an exact id set for
// de-duplication, and a dictionary of interned strings shared by all partitions.
import fs from 'node:fs';
import path from 'node:path';
import type { ActivityFilter } from '../../preload/contract';
import { GuardError } from '../runtime/errors';
import type { ActivityStore, AppendResult, CorruptionReport, Page, StoredActivity, UserActivitySummary } from './types';
import { Dictionary, KIND } from './dictionary';
import { IdSet, hashId } from './id-set';
import {
  COLS,
  COL_COUNT,
  FLAG_ADMIN,
  FLAG_IMPERSONATED,
  FLAG_SHADOWED,
  PartitionIndex,
  compareRows,
  partitionSorted,
  decodeIndex,
  allocColumns,
  encodeColumns,
  summaryText,
  type IndexColumns,
} from './partition-index';
import {
  PARTITION_TAIL,
  newGeneration,
  partitionHead,
  readGeneration,
  readPartitionDoc,
  writePartition,
} from './partition-file';
import { HOUR_MS, dayOf, hourKey, hourStartFromParts, hourStartOf, partitionPaths, type StoreLayout } from './layout';
import { writeFileAtomicSync } from './atomic-file';
import { quarantineFile } from './quarantine';
import { PartitionDocSchema, StoredActivitySchema } from './schemas';
import { FilterCompiler, inside, outside, rowAfter, scanPartition, type IdentityResolver } from './query';
import { decodeCursor, encodeCursor } from './cursor';

interface ActivityCursor {
  a: number;
  i: string;
}
const isActivityCursor = (v: unknown): v is ActivityCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as ActivityCursor).a === 'number' &&
  typeof (v as ActivityCursor).i === 'string';

/** Whether exactly LINE_SEPARATOR (",\n") lies between one line's end and the next line's start. */
function separatedAsWritten(bytes: Buffer, end: number, nextStart: number): boolean {
  return nextStart === end + 2 && bytes[end] === 0x2c && bytes[end + 1] === 0x0a;
}

class PartitionCorrupt extends Error {
  constructor(
    readonly slot: number,
    cause: string,
  ) {
    super(cause);
  }
}

/**
 * Free text cannot use the dictionaries alone (summaries are per-activity), so a text search scans.
 * To keep every call short it stops after this many rows and returns what it found with a cursor
 * at the last row it looked at: the page may then be short, even empty, with more to come.
 */
export const TEXT_SCAN_ROWS = 400_000;

/** Lists in a summary are cut at this many entries (most frequent first): a page, not a dump. */
const SUMMARY_LIST_MAX = 200;

export interface ActivityStoreDeps {
  layout: StoreLayout;
  report: (r: CorruptionReport) => Promise<void>;
  resolveIdentity: IdentityResolver;
  /** Rows a free-text query may scan per call (tests lower it). */
  textScanRows?: number;
}

export class IndexedActivityStore implements ActivityStore {
  private readonly layout: StoreLayout;
  private readonly dict: Dictionary;
  private readonly ids: IdSet;
  private readonly compiler: FilterCompiler;
  /** By slot; null once quarantined. Slots are never reused, so id-set entries stay unambiguous. */
  private parts: (PartitionIndex | null)[] = [];
  private slotByHour = new Map<number, number>();
  /** Live slots, newest hour first. */
  private order: number[] = [];
  private liveRows = 0;
  private writing: Promise<unknown> = Promise.resolve();
  private pendingReports: Promise<void>[] = [];

  private constructor(private readonly deps: ActivityStoreDeps) {
    this.layout = deps.layout;
    this.dict = new Dictionary(deps.layout.dictionary);
    this.ids = new IdSet((slot, row) => this.parts[slot]!.idAt(row));
    this.compiler = new FilterCompiler(this.dict, deps.resolveIdentity);
  }

  static async open(deps: ActivityStoreDeps): Promise<IndexedActivityStore> {
    const s = new IndexedActivityStore(deps);
    await s.load();
    return s;
  }

  // ---------- open ----------

  private async load(): Promise<void> {
    fs.mkdirSync(this.layout.activities, { recursive: true });
    const dictState = this.dict.load();
    if (dictState !== 'ok') {
      // Derived data: a damaged dictionary is replaced and every sidecar rebuilt from the partitions.
      if (dictState === 'corrupt')
        fs.renameSync(this.layout.dictionary, `${this.layout.dictionary}.${Date.now()}.discarded`);
      this.dict.startFresh();
    }
    const found: { hour: number; data: string; index: string }[] = [];
    for (const day of fs.readdirSync(this.layout.activities).sort()) {
      const dir = path.join(this.layout.activities, day);
      if (!fs.statSync(dir).isDirectory()) continue;
      const names = new Set(fs.readdirSync(dir));
      for (const name of names) {
        // Leftovers of a write killed before its rename: the old file is intact, the temp is garbage.
        if (name.endsWith('.tmp')) fs.rmSync(path.join(dir, name), { force: true });
        else if (name.endsWith('.idx') && !names.has(name.replace(/\.idx$/, '.json')))
          fs.rmSync(path.join(dir, name), { force: true });
        else {
          const hour = hourStartFromParts(day, name);
          if (hour !== null)
            found.push({ hour, data: path.join(dir, name), index: path.join(dir, name.replace(/\.json$/, '.idx')) });
        }
      }
    }
    const stale: number[] = [];
    const loaded: PartitionIndex[] = [];
    let rows = 0;
    for (const f of found) {
      const idx = this.trySidecar(f.hour, f.data, f.index);
      if (idx) {
        loaded.push(idx);
        rows += idx.n;
      } else stale.push(f.hour);
    }
    for (const idx of loaded) this.install(idx, null, false);
    this.scratch = Buffer.alloc(0);
    this.arenaChunk = new Uint8Array(0);
    this.ids.reserve(rows);
    this.idsPending = this.order.slice();
    if (stale.length > 0) {
      this.ensureIds();
      for (const hour of stale) await this.rebuild(hour);
    }
    this.reorder();
    this.buildIdsInBackground();
  }

  /**
   * Slots whose ids are not in the id set yet. Filling the set means probing a 50 MB table 2 M
   * times (~0.3 s); the timeline does not need it, so open returns first and the set fills in
   * the background in small steps — or at once when append/has/get need it.
   */
  private idsPending: number[] = [];

  private ensureIds(): void {
    while (this.idsPending.length) this.addIds(this.idsPending.pop()!);
  }

  private buildIdsInBackground(): void {
    const step = () => {
      for (let k = 0; k < 64 && this.idsPending.length; k++) this.addIds(this.idsPending.pop()!);
      if (this.idsPending.length) setImmediate(step);
    };
    if (this.idsPending.length) setImmediate(step);
  }

  private addIds(slot: number): void {
    const idx = this.parts[slot];
    if (!idx) return;
    for (let i = 0; i < idx.n; i++) {
      // A row whose id another partition already holds is hidden, never double-counted.
      if (!this.ids.addIfAbsent(idx.idAt(i), idx.hash[i], slot, i)) {
        idx.flags[i] |= FLAG_SHADOWED;
        this.liveRows--;
      }
    }
  }

  /** The sidecar, if it describes exactly the partition on disk; null means "rebuild it". */
  private trySidecar(hour: number, data: string, index: string): PartitionIndex | null {
    let buf: Buffer;
    try {
      buf = this.readInto(index);
    } catch {
      return null;
    }
    try {
      const idx = decodeIndex(buf, this.arena);
      const head = readGeneration(data);
      const h = idx.header;
      if (h.hour !== hour || h.gen !== head.gen || h.size !== head.size || h.dictEntries > this.dict.entries)
        return null;
      return idx;
    } catch {
      return null;
    }
  }

  private scratch = Buffer.alloc(0);
  private arenaChunk = new Uint8Array(0);
  private arenaUsed = 0;
  /**
   * Bump allocator for the indexes loaded at open: a few 32 MB chunks instead of thousands of
   * small ArrayBuffers, whose external-memory accounting would trigger repeated full GCs while
   * 2 M rows load. Space of a partition later rewritten stays in its chunk (bounded: recent hours).
   */
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
  /**
   * Reads a whole file into one reused buffer: at open thousands of sidecars are read and
   * decoded (copied out) one after the other, and a fresh Buffer each would be ~200 MB of
   * short-lived external memory driving the garbage collector.
   */
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

  /** Re-derives a sidecar from its partition (the truth); a partition that cannot be read is quarantined. */
  private async rebuild(hour: number): Promise<void> {
    const paths = partitionPaths(this.layout, hour);
    let activities: StoredActivity[];
    try {
      const doc = PartitionDocSchema.parse(await readPartitionDoc(paths.data));
      activities = doc.activities.map((a, i) => {
        const parsed = StoredActivitySchema.safeParse(a);
        if (!parsed.success)
          throw new Error(`activity ${i + 1} is malformed (${parsed.error.issues[0]?.path.join('.') || 'shape'})`);
        if (hourStartOf(parsed.data.at) !== hour)
          throw new Error(`activity ${i + 1} is dated outside ${hourKey(hour)}`);
        return parsed.data as StoredActivity;
      });
    } catch (err) {
      fs.rmSync(paths.index, { force: true });
      await this.reportCorrupt(hour, err);
      return;
    }
    const seen = new Set<string>();
    const fresh = activities.filter((a) => !seen.has(a.id) && (seen.add(a.id), true));
    // Rewritten rather than indexed in place: the file may not be in the one-activity-per-line form the sidecar's byte ranges need.
    await this.writeHour(hour, fresh, null);
  }

  private async reportCorrupt(hour: number, cause: unknown): Promise<void> {
    const paths = partitionPaths(this.layout, hour);
    const label = `${hourKey(hour).slice(0, 10)} ${hourKey(hour).slice(11)}:00–${String((new Date(hour).getUTCHours() + 1) % 24).padStart(2, '0')}:00 UTC`;
    const report = quarantineFile(this.layout, {
      file: paths.data,
      what: `The activity file for ${label}`,
      cause,
      range: { since: hour, until: hour + HOUR_MS },
      consequence: 'Activities of that hour will be fetched again at the next sync; everything else is intact.',
    });
    await this.deps.report(report);
  }

  // ---------- in-memory index maintenance ----------

  /**
   * Puts an index in its slot and points the id set at its rows. `previous` is the index it
   * replaces (same hour): rows carried over keep their id-set entry, only their row moves.
   */
  private install(
    idx: PartitionIndex,
    previous: { slot: number; moves: Int32Array; origin: Int32Array } | null,
    withIds = true,
  ): void {
    this.lastAtByPerson = null;
    let slot = this.slotByHour.get(idx.hour);
    if (slot === undefined) {
      slot = this.parts.length;
      this.parts.push(null);
      this.slotByHour.set(idx.hour, slot);
      this.order.push(slot); // reorder() restores newest-first
    }
    const old = this.parts[slot];
    if (old) for (let r = 0; r < old.n; r++) if (!(old.flags[r] & FLAG_SHADOWED)) this.liveRows--;
    this.parts[slot] = idx;
    if (previous) {
      for (let i = 0; i < idx.n; i++) {
        const from = previous.origin[i];
        if (from >= 0) {
          const ti = previous.moves[from];
          if (ti >= 0) this.ids.moveTo(ti, slot, i);
          else idx.flags[i] |= FLAG_SHADOWED;
        }
      }
    }
    if (!withIds) {
      this.liveRows += idx.n; // corrected by addIds() for any shadowed row
      return;
    }
    for (let i = 0; i < idx.n; i++) {
      if (previous && previous.origin[i] >= 0) {
        if (!(idx.flags[i] & FLAG_SHADOWED)) this.liveRows++;
        continue;
      }
      // A row whose id another partition already holds is hidden, never double-counted.
      if (this.ids.addIfAbsent(idx.idAt(i), idx.hash[i], slot, i)) this.liveRows++;
      else idx.flags[i] |= FLAG_SHADOWED;
    }
  }

  private reorder(): void {
    this.order = [...this.slotByHour.values()]
      .filter((s) => this.parts[s])
      .sort((a, b) => this.parts[b]!.hour - this.parts[a]!.hour);
  }

  /** Puts a slot install() appended back in newest-first order (binary insertion; the rest is already ordered). */
  private placeNewest(slot: number): void {
    const hour = this.parts[slot]!.hour;
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.parts[this.order[mid]]!.hour > hour) lo = mid + 1;
      else hi = mid;
    }
    this.order.splice(lo, 0, slot);
  }

  private forget(slot: number): void {
    this.lastAtByPerson = null;
    this.ensureIds();
    const p = this.parts[slot];
    if (!p) return;
    for (let r = 0; r < p.n; r++) {
      if (p.flags[r] & FLAG_SHADOWED) continue;
      this.ids.delete(p.idAt(r), p.hash[r]);
      this.liveRows--;
    }
    this.parts[slot] = null;
    this.slotByHour.delete(p.hour);
    this.reorder();
  }

  // ---------- writes ----------

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.writing.then(fn, fn);
    this.writing = run.catch(() => undefined);
    return run;
  }

  async append(batch: StoredActivity[]): Promise<AppendResult> {
    for (const a of batch) {
      if (!a || typeof a.id !== 'string' || a.id.length === 0 || !Number.isSafeInteger(a.at) || a.at < 0) {
        throw new GuardError(
          'invalid_input',
          `Cannot store an activity without a valid id and time (id ${String(a?.id).slice(0, 60)}).`,
        );
      }
    }
    return this.serial(async () => {
      this.ensureIds();
      const added: StoredActivity[] = [];
      const inBatch = new Set<string>();
      const byHour = new Map<number, StoredActivity[]>();
      for (const a of batch) {
        if (inBatch.has(a.id) || this.ids.has(a.id)) continue;
        inBatch.add(a.id);
        added.push(a);
        const hour = hourStartOf(a.at);
        const list = byHour.get(hour);
        if (list) list.push(a);
        else byHour.set(hour, [a]);
      }
      for (const hour of [...byHour.keys()].sort((x, y) => x - y)) {
        const slot = this.slotByHour.get(hour);
        await this.writeHour(hour, byHour.get(hour)!, slot === undefined ? null : slot);
      }
      return { added: added.length, duplicates: batch.length - added.length, addedActivities: added };
    });
  }

  /** Reused output buffers (one write at a time): the partition bytes, the summaries section. */
  private outBuf: Buffer = Buffer.allocUnsafe(0);
  private textBuf: Buffer = Buffer.allocUnsafe(0);

  private static room(buf: Buffer, used: number, more: number): Buffer {
    if (used + more <= buf.length) return buf;
    const next = Buffer.allocUnsafe(Math.max(used + more, buf.length * 2, 1 << 16));
    buf.copy(next, 0, 0, used);
    return next;
  }

  /**
   * The new partition (bytes) and its index (columns) for `old` + `incoming`: existing lines are
   * copied as bytes and their index entries column to column; only the new activities are
   * serialised. Rows come out newest first — a merge, since both sides are already in order.
   */
  private buildHour(
    hour: number,
    old: PartitionIndex | null,
    oldBytes: Buffer | null,
    incoming: StoredActivity[],
  ): { gen: string; bytes: Buffer; columns: IndexColumns; origin: Int32Array } {
    // Interned in arrival order (as ever: dictionary ids do not depend on how rows sort).
    const interned = new Uint32Array(incoming.length * COL_COUNT);
    for (let j = 0; j < incoming.length; j++) {
      const a = incoming[j];
      const o = j * COL_COUNT;
      interned[o + COLS.type] = this.dict.intern(KIND.type, a.type);
      interned[o + COLS.event] = this.dict.intern(KIND.event, a.event);
      interned[o + COLS.actor] = this.dict.intern(KIND.person, a.actor);
      interned[o + COLS.target] = this.dict.intern(KIND.person, a.target);
      interned[o + COLS.ip] = this.dict.intern(KIND.ip, a.ip);
      interned[o + COLS.country] = this.dict.intern(KIND.country, a.country);
      interned[o + COLS.city] = this.dict.intern(KIND.city, a.city);
      interned[o + COLS.ua] = this.dict.intern(KIND.ua, a.userAgent);
    }
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

    const gen = newGeneration();
    const c = allocColumns(n);
    const origin = new Int32Array(n);
    // The ids, as pieces to join: a run of consecutive old rows contributes one slice.
    const idParts: string[] = [];
    let out = this.outBuf;
    let text = this.textBuf;
    const head = partitionHead(hour, gen);
    out = IndexedActivityStore.room(out, 0, head.length * 3);
    let pos = out.write(head, 0);
    let textPos = 0;
    let idPos = 0;
    const cols = c.cols;
    for (let k = 0; k < n;) {
      const r = order[k];
      if (k > 0) {
        out = IndexedActivityStore.room(out, pos, 2);
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
        out = IndexedActivityStore.room(out, pos, e - s);
        oldBytes!.copy(out, pos, s, e);
        const shift = pos - s;
        const ts = o.textOff[r];
        const te = o.textOff[last + 1];
        text = IndexedActivityStore.room(text, textPos, te - ts);
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
        out = IndexedActivityStore.room(out, pos, piece.length * 3);
        pos += out.write(piece, pos);
        c.at[k] = a.at;
        const o = freshOrder[r - oldN] * COL_COUNT;
        for (let col = 0; col < COL_COUNT; col++) cols[col][k] = interned[o + col];
        c.flags[k] = (a.admin ? FLAG_ADMIN : 0) | (a.impersonated ? FLAG_IMPERSONATED : 0);
        c.hash[k] = hashId(a.id);
        idParts.push(a.id);
        idPos += a.id.length;
        const summary = summaryText(a.summary);
        text = IndexedActivityStore.room(text, textPos, summary.length * 3 + 1);
        textPos += text.write(summary, textPos);
        text[textPos++] = 0;
        origin[k] = -1;
        c.end[k] = pos;
        k++;
      }
    }
    c.idOff[n] = idPos;
    c.textOff[n] = textPos;
    out = IndexedActivityStore.room(out, pos, PARTITION_TAIL.length);
    pos += out.write(PARTITION_TAIL, pos, 'latin1');
    this.outBuf = out;
    this.textBuf = text;
    return {
      gen,
      bytes: out.subarray(0, pos),
      columns: { ...c, ids: idParts.join(''), text: text.subarray(0, textPos) },
      origin,
    };
  }

  /**
   * Rewrites one hour: existing activities are copied as bytes (never re-serialised), new ones
   * are spliced in order. Commit order — dictionary, partition, sidecar — means a kill at any
   * point leaves either the old or the new partition, and a sidecar that matches it or is rebuilt.
   */
  private async writeHour(hour: number, incoming: StoredActivity[], slot: number | null): Promise<void> {
    const paths = partitionPaths(this.layout, hour);
    const old = slot === null ? null : this.parts[slot];
    let oldBytes: Buffer | null = null;
    if (old) {
      oldBytes = fs.readFileSync(paths.data);
      const head = readGeneration(paths.data);
      if (oldBytes.length !== old.header.size || head.gen !== old.header.gen) {
        // Changed behind our back: rebuild (or quarantine) from the file, then retry on top of that.
        this.forget(slot!);
        await this.rebuild(hour);
        const again = this.slotByHour.get(hour);
        return this.writeHour(hour, incoming, again === undefined ? null : again);
      }
    }
    const built = this.buildHour(hour, old, oldBytes, incoming);
    const gen = built.gen;
    // Synchronous from here to install(): see writeFileAtomicSync.
    this.dict.flush();
    fs.mkdirSync(path.dirname(paths.data), { recursive: true });
    // Queries between the rename below and install() still use the old index: give them the old bytes.
    if (old) old.snapshot = oldBytes;
    let partitionWritten = false;
    let installed = false;
    try {
      writePartition(paths.data, built.bytes);
      partitionWritten = true;
      const sidecar = encodeColumns(
        { hour, gen, size: built.bytes.length, dictEntries: this.dict.entries },
        built.columns,
      );
      writeFileAtomicSync(paths.index, sidecar);
      const idx = decodeIndex(sidecar);
      let previous: { slot: number; moves: Int32Array; origin: Int32Array } | null = null;
      if (old && slot !== null) {
        const moves = new Int32Array(old.n).fill(-1);
        for (let r = 0; r < old.n; r++) {
          if (old.flags[r] & FLAG_SHADOWED) continue;
          // The id's entry, if it points at this very row (found by hash and position, no id text).
          moves[r] = this.ids.locateRow(old.hash[r], slot, r);
        }
        previous = { slot, moves, origin: built.origin };
      }
      const isNew = !this.slotByHour.has(hour);
      this.install(idx, previous);
      installed = true;
      if (isNew) this.placeNewest(this.order.pop()!);
    } finally {
      // If the new partition landed but its sidecar did not (disk full…), the old index keeps
      // serving the old bytes from memory; the next write sees the generation differ and rebuilds.
      if (old && (installed || !partitionWritten)) old.snapshot = null;
    }
  }

  // ---------- reads ----------

  /** Reads rows from their partitions (positioned reads; synchronous so no write can interleave). */
  private materialise(refs: { slot: number; row: number }[]): StoredActivity[] {
    const out = new Array<StoredActivity>(refs.length);
    const bySlot = new Map<number, number[]>();
    refs.forEach((ref, i) => {
      const list = bySlot.get(ref.slot);
      if (list) list.push(i);
      else bySlot.set(ref.slot, [i]);
    });
    for (const [slot, indexes] of bySlot) {
      const p = this.parts[slot]!;
      const file = partitionPaths(this.layout, p.hour).data;
      let fd: number | null = null;
      try {
        if (!p.snapshot) fd = fs.openSync(file, 'r');
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

  /** Runs a read; a partition found damaged on the way is quarantined and the read retried without it. */
  private async reading<T>(fn: () => T): Promise<T> {
    for (;;) {
      try {
        return fn();
      } catch (err) {
        if (!(err instanceof PartitionCorrupt)) throw err;
        const p = this.parts[err.slot];
        if (!p) throw err;
        this.forget(err.slot);
        await this.reportCorrupt(p.hour, err.message).catch(() => undefined);
        fs.rmSync(partitionPaths(this.layout, p.hour).index, { force: true });
      }
    }
  }

  async query(filter: ActivityFilter, cursor: string | null, limit: number): Promise<Page<StoredActivity>> {
    const c = cursor ? decodeCursor(cursor, isActivityCursor) : null;
    const max = Math.max(1, Math.floor(limit) || 1);
    return this.reading(() => {
      const f = this.compiler.compile(filter);
      if (f.impossible) return { items: [], nextCursor: null };
      const refs: { slot: number; row: number }[] = [];
      const cursorHour = c ? hourStartOf(c.a) : Infinity;
      let budget = f.text ? (this.deps.textScanRows ?? TEXT_SCAN_ROWS) : Infinity;
      let stoppedAt: { slot: number; row: number } | null = null;
      for (const slot of this.order) {
        const p = this.parts[slot]!;
        if (p.hour > cursorHour || p.hour > f.until) continue;
        if (p.hour + HOUR_MS <= f.since) break;
        const from = c && p.hour === cursorHour ? rowAfter(p, c.a, c.i) : 0;
        if (from >= p.n) continue;
        if (budget <= 0) {
          // Out of budget: resume just before this partition's first row next time.
          stoppedAt = { slot, row: from - 1 };
          break;
        }
        const upto = Math.min(p.n, from + budget);
        budget -= upto - from;
        const more = scanPartition(
          p,
          f,
          from,
          (row) => {
            refs.push({ slot, row });
            return refs.length <= max;
          },
          upto,
        );
        if (!more) break;
        if (upto < p.n && budget <= 0) {
          stoppedAt = { slot, row: upto - 1 };
          break;
        }
      }
      if (refs.length > max) {
        const items = this.materialise(refs.slice(0, max));
        const last = items[items.length - 1];
        return { items, nextCursor: encodeCursor({ a: last.at, i: last.id }) };
      }
      const items = this.materialise(refs);
      if (!stoppedAt) return { items, nextCursor: null };
      const p = this.parts[stoppedAt.slot]!;
      // Row -1 means "before the first row of that partition": a cursor just above its newest activity.
      const resume =
        stoppedAt.row >= 0
          ? { a: p.at[stoppedAt.row], i: p.idAt(stoppedAt.row) }
          : { a: p.at[0], i: `${p.idAt(0)}\u0000` };
      return { items, nextCursor: encodeCursor(resume) };
    });
  }

  get(id: string): Promise<StoredActivity | null> {
    return this.reading(() => {
      this.ensureIds();
      const loc = this.ids.get(id);
      return loc ? this.materialise([loc])[0] : null;
    });
  }

  async countsByDay(filter: ActivityFilter): Promise<{ day: string; count: number }[]> {
    const f = this.compiler.compile(filter);
    if (f.impossible) return [];
    const days = new Map<string, number>();
    for (let k = this.order.length - 1; k >= 0; k--) {
      const p = this.parts[this.order[k]]!;
      if (outside(p, f)) continue;
      let n = 0;
      if (f.timeOnly && inside(p, f)) for (let r = 0; r < p.n; r++) n += p.flags[r] & FLAG_SHADOWED ? 0 : 1;
      else scanPartition(p, f, 0, () => (n++, true));
      if (n === 0) continue;
      const day = dayOf(p.hour);
      days.set(day, (days.get(day) ?? 0) + n);
    }
    return [...days].map(([day, count]) => ({ day, count }));
  }

  async countsByType(filter: ActivityFilter): Promise<{ type: string; count: number }[]> {
    const f = this.compiler.compile(filter);
    if (f.impossible) return [];
    const counts = new Uint32Array(this.dict.size(KIND.type));
    for (const slot of this.order) {
      const p = this.parts[slot]!;
      if (outside(p, f)) continue;
      const type = p.cols[COLS.type];
      scanPartition(p, f, 0, (r) => (counts[type[r]]++, true));
    }
    const out: { type: string; count: number }[] = [];
    counts.forEach((count, id) => {
      if (count > 0) out.push({ type: this.dict.lookup(KIND.type, id) ?? '', count });
    });
    return out.sort((a, b) => b.count - a.count || (a.type < b.type ? -1 : 1));
  }

  /** What the user did (as actor): where from, with which devices, and when last. */
  async summaryForUser(user: { id: string; email: string | null }): Promise<UserActivitySummary> {
    const ids = new Set<number>();
    for (const v of [user.id, user.email])
      if (v) for (const id of this.dict.idsIgnoringCase(KIND.person, v.toLowerCase())) ids.add(id);
    const summary: UserActivitySummary = {
      activityCount: 0,
      countries: [],
      ips: [],
      devices: [],
      lastActivityAt: null,
    };
    if (ids.size === 0) return summary;
    const countries = new Map<number, number>();
    const ips = new Map<number, { count: number; country: number }>();
    const devices = new Map<number, number>();
    for (const slot of this.order) {
      const p = this.parts[slot]!;
      const actor = p.cols[COLS.actor];
      const country = p.cols[COLS.country];
      const ip = p.cols[COLS.ip];
      const ua = p.cols[COLS.ua];
      for (let r = 0; r < p.n; r++) {
        if (!ids.has(actor[r]) || p.flags[r] & FLAG_SHADOWED) continue;
        summary.activityCount++;
        summary.lastActivityAt ??= p.at[r]; // newest first
        if (country[r]) countries.set(country[r], (countries.get(country[r]) ?? 0) + 1);
        if (ip[r]) {
          const e = ips.get(ip[r]);
          if (e) e.count++;
          else ips.set(ip[r], { count: 1, country: country[r] }); // country as of the latest use
        }
        if (ua[r]) devices.set(ua[r], (devices.get(ua[r]) ?? 0) + 1);
      }
    }
    const top = <T extends { count: number }>(list: T[]) =>
      list.sort((a, b) => b.count - a.count).slice(0, SUMMARY_LIST_MAX);
    summary.countries = top(
      [...countries].map(([id, count]) => ({ country: this.dict.lookup(KIND.country, id)!, count })),
    );
    summary.ips = top(
      [...ips].map(([id, e]) => ({
        ip: this.dict.lookup(KIND.ip, id)!,
        count: e.count,
        country: this.dict.lookup(KIND.country, e.country),
      })),
    );
    summary.devices = top([...devices].map(([id, count]) => ({ userAgent: this.dict.lookup(KIND.ua, id)!, count })));
    return summary;
  }

  /**
   * Newest own activity of each person (by actor string id), built in one pass over the
   * index columns when first asked and dropped whenever a partition changes: the Users list
   * asks for a page of people at once, which must not cost a scan per person.
   */
  private lastAtByPerson: Float64Array | null = null;

  lastActivityAt(user: { id: string; email: string | null }): number | null {
    if (!this.lastAtByPerson) {
      const last = new Float64Array(this.dict.size(KIND.person) + 1);
      for (const slot of this.order) {
        const p = this.parts[slot]!;
        const actor = p.cols[COLS.actor];
        for (let r = 0; r < p.n; r++) {
          if (p.flags[r] & FLAG_SHADOWED) continue;
          if (p.at[r] > last[actor[r]]) last[actor[r]] = p.at[r];
        }
      }
      this.lastAtByPerson = last;
    }
    let best = 0;
    for (const v of [user.id, user.email]) {
      if (!v) continue;
      for (const id of this.dict.idsIgnoringCase(KIND.person, v.toLowerCase()))
        best = Math.max(best, this.lastAtByPerson[id] ?? 0);
    }
    return best > 0 ? best : null;
  }

  count(): number {
    this.ensureIds(); // exact: duplicates across partitions (only after damage) are found while filling the set
    return this.liveRows;
  }

  newestAt(): number | null {
    for (const slot of this.order) {
      const p = this.parts[slot]!;
      for (let r = 0; r < p.n; r++) if (!(p.flags[r] & FLAG_SHADOWED)) return p.at[r];
    }
    return null;
  }

  has(id: string): boolean {
    this.ensureIds();
    return this.ids.has(id);
  }

  /** Waits for writes in flight (close()). */
  async idle(): Promise<void> {
    await this.writing;
    await Promise.all(this.pendingReports);
  }

  /** Memory held by the index, for the bench. */
  indexBytes(): number {
    let n = this.ids.bytes();
    for (const p of this.parts) if (p) n += p.bytes();
    return n;
  }

  partitionCount(): number {
    return this.order.length;
  }
}
