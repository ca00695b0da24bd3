// Activities: hour partitions on disk (lowdb files, the truth), a columnar index in memory
// (one PartitionIndex per partition, persisted as a sidecar next to it), an exact id set for
// de-duplication, and a dictionary of interned strings shared by all partitions.
// This class coordinates them: which partition lives in which slot, the id set, the commit of
// one hour, reads and their recovery. The merge itself is partition-merge.ts, opening is
// partition-loader.ts, aggregates are activity-aggregates.ts, row reads are row-reader.ts.
import fs from 'node:fs';
import path from 'node:path';
import type { ActivityFilter } from '../../preload/contract';
import { GuardError } from '../runtime/errors';
import type { ActivityStore, AppendResult, CorruptionReport, Page, StoredActivity, UserActivitySummary } from './types';
import { Dictionary } from './dictionary';
import { IdSet } from './id-set';
import { FLAG_SHADOWED, PartitionIndex, decodeIndex, encodeColumns } from './partition-index';
import { newGeneration, readGeneration, stagePartition } from './partition-file';
import { HOUR_MS, hourStartOf, partitionPaths, type StoreLayout } from './layout';
import { fsyncDir, fsyncFile, mkdirPrivateSync, stageFileSync, type StagedFile } from './atomic-file';
import { killPoint } from './kill-points';
import { FilterCompiler, rowAfter, scanPartition, type IdentityResolver } from './query';
import { decodeCursor, encodeCursor } from './cursor';
import { internRows, mergeBuffers, mergeHour, type MergedHour } from './partition-merge';
import { SidecarLoader, findPartitions, quarantinePartition, readPartitionForRebuild } from './partition-loader';
import { ActivityAggregates } from './activity-aggregates';
import { readOnlyError } from './read-only';
import { PartitionCorrupt, readRows, type RowRef } from './row-reader';
import { scanColumns, type ColumnScan, type ColumnTests } from './activity-scan';
import { readRangeInOrder } from './activity-range';

interface ActivityCursor {
  a: number;
  i: string;
}
const isActivityCursor = (v: unknown): v is ActivityCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as ActivityCursor).a === 'number' &&
  typeof (v as ActivityCursor).i === 'string';

/**
 * Free text cannot use the dictionaries alone (summaries are per-activity), so a text search scans.
 * To keep every call short it stops after this many rows and returns what it found with a cursor
 * at the last row it looked at: the page may then be short, even empty, with more to come.
 */
export const TEXT_SCAN_ROWS = 400_000;

/** Waits for every promise to settle (none left running), then throws the first failure. */
async function settleAll(all: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(all)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Hours one commit stages at most (each holds two files open until the commit). */
const COMMIT_HOURS = 64;

/** One hour merged, its new partition and sidecar written beside the old ones, awaiting the commit. */
interface StagedHour {
  hour: number;
  /** The slot of the hour's current index (null: a new hour), and that index. */
  slot: number | null;
  old: PartitionIndex | null;
  /** The old partition's bytes, served to queries between its rename and the new index's install. */
  oldBytes: Buffer | null;
  dir: string;
  data: StagedFile;
  index: StagedFile;
  sidecar: Buffer;
  origin: Int32Array;
  /** A copy of the new partition's bytes and its generation, when it is to be kept as `lastWritten`. */
  keep: { gen: string; bytes: Buffer } | null;
}

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
  /** Output buffers reused by every merge (one write at a time). */
  private readonly buffers = mergeBuffers();
  /**
   * The bytes of the oldest hour the last append wrote, by generation. A first sync walks newest
   * first, so its next commit merges into that very hour (a page straddles it): the merge takes
   * the bytes from here instead of reading back the file it just wrote (~110 ms of a 146 k-event
   * sync). Used only while the file still carries that generation and size.
   */
  private lastWritten: { hour: number; gen: string; bytes: Buffer } | null = null;
  private readonly aggregates: ActivityAggregates;

  private constructor(private readonly deps: ActivityStoreDeps) {
    this.layout = deps.layout;
    // Not fsynced by the dictionary itself: writeHours syncs it with the files of the same commit.
    this.dict = new Dictionary(deps.layout.dictionary, false, deps.layout.readOnly !== null);
    this.ids = new IdSet((slot, row) => this.parts[slot]!.idAt(row));
    // The live partitions, newest first: the new-country filter judges each sign-in against the whole history.
    this.compiler = new FilterCompiler(this.dict, deps.resolveIdentity, () => this.order.map((s) => this.parts[s]!));
    const order = () => this.order;
    this.aggregates = new ActivityAggregates(this.dict, this.compiler, {
      get length() {
        return order().length;
      },
      at: (k) => this.parts[this.order[k]]!,
      settled: () => this.idsPending.length === 0,
    });
  }

  static async open(deps: ActivityStoreDeps): Promise<IndexedActivityStore> {
    const s = new IndexedActivityStore(deps);
    await s.load();
    return s;
  }

  // ---------- open ----------

  private async load(): Promise<void> {
    if (!this.layout.readOnly) mkdirPrivateSync(this.layout.activities, { durable: this.layout.durable });
    else if (!fs.existsSync(this.layout.activities)) return;
    const dictState = this.dict.load();
    if (dictState !== 'ok') {
      // Derived data: a damaged dictionary is replaced and every sidecar rebuilt from the partitions.
      if (dictState === 'corrupt' && !this.layout.readOnly)
        fs.renameSync(this.layout.dictionary, `${this.layout.dictionary}.${Date.now()}.discarded`);
      this.dict.startFresh();
    }
    const loader = new SidecarLoader();
    const stale: number[] = [];
    const loaded: PartitionIndex[] = [];
    let rows = 0;
    for (const f of findPartitions(this.layout)) {
      const idx = loader.load(f, this.dict.entries);
      if (idx) {
        loaded.push(idx);
        rows += idx.n;
      } else stale.push(f.hour);
    }
    for (const idx of loaded) this.install(idx, null, false);
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

  /** Re-derives a sidecar from its partition (the truth); a partition that cannot be read is quarantined. */
  private async rebuild(hour: number): Promise<void> {
    let fresh: StoredActivity[];
    try {
      fresh = await readPartitionForRebuild(this.layout, hour);
    } catch (err) {
      await this.deps.report(quarantinePartition(this.layout, hour, err));
      return;
    }
    // Rewritten rather than indexed in place: the file may not be in the one-activity-per-line
    // form the sidecar's byte ranges need.
    await this.writeHour(hour, fresh);
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
    this.aggregates.invalidate();
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
    this.aggregates.invalidate();
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
    if (this.layout.readOnly) throw readOnlyError(this.layout.readOnly);
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
      const hours = [...byHour.keys()].sort((x, y) => x - y);
      // One commit for many hours (their fsyncs shared), bounded so a huge batch holds few files open.
      for (let k = 0; k < hours.length; k += COMMIT_HOURS) {
        await this.writeHours(
          hours.slice(k, k + COMMIT_HOURS).map((hour) => ({ hour, incoming: byHour.get(hour)! })),
          hours[0],
        );
      }
      return { added: added.length, duplicates: batch.length - added.length, addedActivities: added };
    });
  }

  /** Rewrites one hour on its own (a rebuild); see writeHours. */
  private writeHour(hour: number, incoming: StoredActivity[]): Promise<void> {
    return this.writeHours([{ hour, incoming }]);
  }

  /**
   * Rewrites hours: in each, existing activities are copied as bytes (never re-serialised) and
   * new ones spliced in order. Commit order — dictionary, then for each hour its partition and
   * its sidecar — means a kill at any point leaves either the old or the new partition, and a
   * sidecar that matches it or is rebuilt. Every new file is staged first and all are fsynced
   * together (off the main thread, while the sync prepares its next page) before any rename;
   * the folders are fsynced once after the renames, before this resolves — so the checkpoint
   * the sync writes next is behind the data on disk.
   */
  private async writeHours(hours: { hour: number; incoming: StoredActivity[] }[], keepHour?: number): Promise<void> {
    const staged: StagedHour[] = [];
    try {
      for (const { hour, incoming } of hours) {
        const s = await this.stageHour(hour, incoming, hour === keepHour);
        if (s) staged.push(s);
      }
      if (staged.length === 0) return;
      const dictionaryGrew = this.dict.flush();
      const durable = { durable: this.layout.durable };
      // The dictionary's new entries are synced with the files, so before any sidecar naming them is renamed.
      const syncs = [
        ...(dictionaryGrew && this.layout.durable ? [fsyncFile(this.layout.dictionary)] : []),
        ...staged.flatMap((s) => [s.data.sync(durable), s.index.sync(durable)]),
      ];
      await settleAll(syncs);
      // Hours are renamed side by side in the thread pool. Until its new index is installed, an
      // hour's old index reads the old bytes from memory (snapshot), never the renamed file. A
      // sidecar whose rename then fails is only a stale file (its generation differs), rebuilt
      // from the partition at open.
      await settleAll(
        staged.map(async (s) => {
          if (s.old) s.old.snapshot = s.oldBytes;
          let renamed = false;
          let installed = false;
          try {
            await s.data.renameIntoPlace();
            renamed = true;
            killPoint('after-data');
            this.installStaged(s);
            installed = true;
            if (s.keep) this.lastWritten = { hour: s.hour, ...s.keep };
            await s.index.renameIntoPlace();
            killPoint('after-index');
          } finally {
            // An old index still installed over a renamed file keeps its snapshot: the next write
            // sees the generation differ and rebuilds.
            if (s.old && (installed || !renamed)) s.old.snapshot = null;
          }
        }),
      );
      if (this.layout.durable) await Promise.all([...new Set(staged.map((s) => s.dir))].map((dir) => fsyncDir(dir)));
    } finally {
      for (const s of staged) {
        s.data.abandon();
        s.index.abandon();
      }
    }
  }

  /**
   * Merges one hour and writes its new partition and sidecar beside the old ones (not yet
   * synced or renamed); null when the store is open read-only (installed in memory instead).
   */
  private async stageHour(hour: number, incoming: StoredActivity[], keep = false): Promise<StagedHour | null> {
    const paths = partitionPaths(this.layout, hour);
    const slotFound = this.slotByHour.get(hour);
    const slot = slotFound === undefined ? null : slotFound;
    const old = slot === null ? null : this.parts[slot];
    let oldBytes: Buffer | null = null;
    if (old) {
      const last = this.lastWritten;
      oldBytes = last && last.hour === hour && last.gen === old.header.gen ? last.bytes : fs.readFileSync(paths.data);
      const head = readGeneration(paths.data);
      if (oldBytes.length !== old.header.size || head.gen !== old.header.gen) {
        // Changed behind our back: rebuild (or quarantine) from the file, then merge on top of that.
        this.lastWritten = null;
        this.forget(slot!);
        await this.rebuild(hour);
        return this.stageHour(hour, incoming, keep);
      }
    }
    const interned = internRows((kind, value) => this.dict.intern(kind, value), incoming);
    const gen = newGeneration();
    const built = mergeHour({ hour, gen, old, oldBytes: old ? oldBytes : null, incoming, interned }, this.buffers);
    if (this.layout.readOnly) {
      this.installInMemory(built, hour, gen);
      return null;
    }
    const dir = path.dirname(paths.data);
    mkdirPrivateSync(dir, { durable: this.layout.durable });
    const sidecar = encodeColumns(
      { hour, gen, size: built.bytes.length, dictEntries: this.dict.entries },
      built.columns,
    );
    // Staged at once: the merge's output buffers are reused by the next hour's merge.
    const data = stagePartition(paths.data, built.bytes);
    let index: StagedFile;
    try {
      index = stageFileSync(paths.index, sidecar);
    } catch (err) {
      data.abandon();
      throw err;
    }
    return {
      hour,
      slot,
      old,
      oldBytes,
      dir,
      data,
      index,
      sidecar,
      origin: built.origin,
      keep: keep ? { gen, bytes: Buffer.from(built.bytes) } : null,
    };
  }

  /** Puts a committed hour's new index in place of the old one (the id set follows the rows). */
  private installStaged(s: StagedHour): void {
    const idx = decodeIndex(s.sidecar);
    let previous: { slot: number; moves: Int32Array; origin: Int32Array } | null = null;
    if (s.old && s.slot !== null) {
      const moves = new Int32Array(s.old.n).fill(-1);
      for (let r = 0; r < s.old.n; r++) {
        if (s.old.flags[r] & FLAG_SHADOWED) continue;
        // The id's entry, if it points at this very row (found by hash and position, no id text).
        moves[r] = this.ids.locateRow(s.old.hash[r], s.slot, r);
      }
      previous = { slot: s.slot, moves, origin: s.origin };
    }
    const isNew = !this.slotByHour.has(s.hour);
    this.install(idx, previous);
    if (isNew) this.placeNewest(this.order.pop()!);
  }

  /**
   * Open read-only for review, a partition whose sidecar had to be rebuilt is kept in memory
   * whole: its rows are read from these bytes, and nothing is written.
   */
  private installInMemory(built: MergedHour, hour: number, gen: string): void {
    const header = { hour, gen, size: built.bytes.length, dictEntries: this.dict.entries };
    const idx = decodeIndex(encodeColumns(header, built.columns));
    idx.snapshot = Buffer.from(built.bytes);
    const isNew = !this.slotByHour.has(hour);
    this.install(idx, null);
    if (isNew) this.placeNewest(this.order.pop()!);
  }

  // ---------- reads ----------

  private materialise(refs: RowRef[]): StoredActivity[] {
    return readRows(
      refs,
      (slot) => this.parts[slot]!,
      (p) => partitionPaths(this.layout, p.hour).data,
    );
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
        await Promise.resolve()
          .then(() => this.deps.report(quarantinePartition(this.layout, p.hour, err.message)))
          .catch(() => undefined);
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
    return this.aggregates.countsByDay(filter);
  }

  async countsByType(filter: ActivityFilter): Promise<{ type: string; count: number }[]> {
    return this.aggregates.countsByType(filter);
  }

  async countsByLocalDay(filter: ActivityFilter, timeZone: string): Promise<{ day: string; count: number }[]> {
    return this.aggregates.countsByLocalDay(filter, timeZone);
  }

  async countsByCountry(filter: ActivityFilter): Promise<{ country: string; count: number }[]> {
    return this.aggregates.countsByCountry(filter);
  }

  /** What the user did (as actor): where from, with which devices, and when last. */
  async summaryForUser(user: { id: string; email: string | null }): Promise<UserActivitySummary> {
    return this.aggregates.summaryForUser(user);
  }

  lastActivityAt(user: { id: string; email: string | null }): number | null {
    return this.aggregates.lastActivityAt(user);
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

  /** Index-only scan (activity-scan.ts); a partition found damaged on the way is quarantined, the scan redone. */
  scanColumns(tests: ColumnTests): Promise<ColumnScan> {
    return this.reading(() =>
      scanColumns(
        this.dict,
        this.order.map((slot) => ({ slot, index: this.parts[slot]! })),
        tests,
        (refs) => this.materialise(refs),
      ),
    );
  }

  /** A time range, oldest first, without raw events (activity-range.ts); damage is quarantined, the read redone. */
  readRange(since: number, until: number): Promise<StoredActivity[]> {
    return this.reading(() =>
      readRangeInOrder(
        this.order.map((slot) => ({ slot, index: this.parts[slot]! })),
        since,
        until,
        (p) => partitionPaths(this.layout, p.hour).data,
      ),
    );
  }

  /**
   * Starts indexing the summaries' words in the background (summary-tokens.ts), for a console
   * whose admin searches free text; until it is done, searches read the summaries as before.
   */
  warmTextIndex(): void {
    this.compiler.summaries.warmInBackground(() => this.order.map((slot) => this.parts[slot]!));
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
