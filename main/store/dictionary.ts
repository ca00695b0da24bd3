// Interned strings for the activity index, one table per column kind, persisted as an
// append-only log so that index sidecars can store small integer ids instead of strings and be
// loaded at open without re-interning millions of values.
//
// Ids are stable forever (entries are only appended). The log is written before any sidecar
// that refers to it; a sidecar records how many entries existed when it was written, so a
// sidecar pointing past the end of the log (log lost its tail) is detected and rebuilt.
import fs from 'node:fs';
import { FILE_MODE } from './atomic-file';
import { killPoint } from './kill-points';

export const KIND = { type: 0, event: 1, person: 2, ip: 3, country: 4, city: 5, ua: 6 } as const;
export type Kind = (typeof KIND)[keyof typeof KIND];
export const KIND_COUNT = 7;

/** Id 0 of every kind means null. */
export const NULL_ID = 0;

export class Dictionary {
  readonly values: string[][] = Array.from({ length: KIND_COUNT }, () => ['']);
  private readonly ids: Map<string, number>[] = Array.from({ length: KIND_COUNT }, () => new Map());
  /** Lower-cased value → ids of values that are not already lower case, for case-insensitive filters. */
  private readonly lowerIds: Map<string, number[]>[] = Array.from({ length: KIND_COUNT }, () => new Map());
  private pending: string[] = [];
  /** Number of log entries (all kinds), the unit sidecars compare against. */
  entries = 0;

  constructor(
    private readonly file: string,
    /** fsync each append: the sidecars written next refer to these entries. */
    private readonly durable = true,
    /** Open read-only for review: entries are interned in memory and never written. */
    private readonly readOnly = false,
  ) {}

  /**
   * Loads the log. A torn last line (process killed mid-append) is cut off: whatever referred to it
   * was never committed. Anything else unreadable makes the whole log untrustworthy: the caller
   * then starts a new one and rebuilds every sidecar from the partitions.
   */
  load(): 'ok' | 'missing' | 'corrupt' {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
      throw err;
    }
    const end = text.lastIndexOf('\n') + 1;
    if (end < text.length && !this.readOnly) fs.truncateSync(this.file, Buffer.byteLength(text.slice(0, end)));
    if (end === 0) return 'ok';
    let entries: unknown;
    try {
      // One line = one JSON array [kind, value]: the whole log parses as one array in one call.
      entries = JSON.parse(`[${text.slice(0, end - 1).replaceAll('\n', ',')}]`);
    } catch {
      return this.reset('corrupt');
    }
    for (const e of entries as unknown[]) {
      if (!Array.isArray(e) || e.length !== 2 || typeof e[1] !== 'string') return this.reset('corrupt');
      const kind = e[0];
      if (typeof kind !== 'number' || !(kind >= 0 && kind < KIND_COUNT)) return this.reset('corrupt');
      this.add(kind as Kind, e[1]);
      this.entries++;
    }
    return 'ok';
  }

  private reset(result: 'corrupt'): 'corrupt' {
    for (let k = 0; k < KIND_COUNT; k++) {
      this.values[k] = [''];
      this.ids[k].clear();
      this.lowerIds[k].clear();
    }
    this.entries = 0;
    return result;
  }

  /** Starts an empty log (after a corrupt one was moved aside). */
  startFresh(): void {
    this.reset('corrupt');
    if (!this.readOnly) fs.writeFileSync(this.file, '', { mode: FILE_MODE });
  }

  private add(kind: Kind, value: string): number {
    const id = this.values[kind].length;
    this.values[kind].push(value);
    this.ids[kind].set(value, id);
    const low = value.toLowerCase();
    // Only values with upper-case letters need the second map; most (ips, lower-case emails) do not.
    if (low !== value) {
      const same = this.lowerIds[kind].get(low);
      if (same) same.push(id);
      else this.lowerIds[kind].set(low, [id]);
    }
    return id;
  }

  intern(kind: Kind, value: string | null | undefined): number {
    if (value === null || value === undefined) return NULL_ID;
    const known = this.ids[kind].get(value);
    if (known !== undefined) return known;
    this.pending.push(`[${kind},${JSON.stringify(value)}]\n`);
    this.entries++;
    return this.add(kind, value);
  }

  /** Ids whose value equals `lowerValue` case-insensitively. */
  idsIgnoringCase(kind: Kind, lowerValue: string): readonly number[] {
    const exact = this.ids[kind].get(lowerValue);
    const folded = this.lowerIds[kind].get(lowerValue);
    if (exact === undefined) return folded ?? [];
    return folded ? [exact, ...folded] : [exact];
  }

  size(kind: Kind): number {
    return this.values[kind].length;
  }

  lookup(kind: Kind, id: number): string | null {
    return id === NULL_ID ? null : this.values[kind][id];
  }

  /**
   * Appends new entries; must complete before a sidecar using them is written. Synchronous:
   * it is one step of the activity store's commit of an append (activity-store.ts, writeHours).
   * Whether it appended anything: a dictionary opened not durable leaves the fsync to that commit.
   */
  flush(): boolean {
    if (this.pending.length === 0) return false;
    if (this.readOnly) {
      this.pending = [];
      return false;
    }
    const chunk = this.pending;
    this.pending = [];
    try {
      const fd = fs.openSync(this.file, 'a', FILE_MODE);
      try {
        fs.writeFileSync(fd, chunk.join(''));
        if (this.durable) fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      killPoint('after-dictionary');
      return true;
    } catch (err) {
      // Keep them queued: ids are positions in the log, so a gap would shift every later id.
      this.pending = [...chunk, ...this.pending];
      throw err;
    }
  }
}
