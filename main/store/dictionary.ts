// Interned strings for the activity index, one table per column kind, persisted as an
// append-only log so that index sidecars can store small integer ids instead of strings and be
// loaded at open without re-interning millions of values.
//
// Ids are stable forever (entries are only appended). The log is written before any sidecar
// that refers to it; a sidecar records how many entries existed when it was written, so a
// sidecar pointing past the end of the log (log lost its tail) is detected and rebuilt.
import fs from 'node:fs';

export const KIND = { type: 0, event: 1, person: 2, ip: 3, country: 4, city: 5, ua: 6 } as const;
export type Kind = (typeof KIND)[keyof typeof KIND];
export const KIND_COUNT = 7;

/** Id 0 of every kind means null. */
export const NULL_ID = 0;

export class Dictionary {
  readonly values: string[][] = Array.from({ length: KIND_COUNT }, () => ['']);
  private readonly ids: Map<string, number>[] = Array.from({ length: KIND_COUNT }, () => new Map());
  private pending: string[] = [];
  /** Number of log entries (all kinds), the unit sidecars compare against. */
  entries = 0;

  constructor(private readonly file: string) {}

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
    if (end < text.length) fs.truncateSync(this.file, Buffer.byteLength(text.slice(0, end)));
    let pos = 0;
    while (pos < end) {
      const nl = text.indexOf('\n', pos);
      const line = text.slice(pos, nl);
      pos = nl + 1;
      const kind = line.charCodeAt(0) - 48;
      if (kind < 0 || kind >= KIND_COUNT || line.charCodeAt(1) !== 9) return this.reset('corrupt');
      let value: unknown;
      try {
        value = JSON.parse(line.slice(2));
      } catch {
        return this.reset('corrupt');
      }
      if (typeof value !== 'string') return this.reset('corrupt');
      this.add(kind as Kind, value);
      this.entries++;
    }
    return 'ok';
  }

  private reset(result: 'corrupt'): 'corrupt' {
    for (let k = 0; k < KIND_COUNT; k++) {
      this.values[k] = [''];
      this.ids[k].clear();
    }
    this.entries = 0;
    return result;
  }

  /** Starts an empty log (after a corrupt one was moved aside). */
  startFresh(): void {
    this.reset('corrupt');
    fs.writeFileSync(this.file, '');
  }

  private add(kind: Kind, value: string): number {
    const id = this.values[kind].length;
    this.values[kind].push(value);
    this.ids[kind].set(value, id);
    return id;
  }

  intern(kind: Kind, value: string | null | undefined): number {
    if (value === null || value === undefined) return NULL_ID;
    const known = this.ids[kind].get(value);
    if (known !== undefined) return known;
    this.pending.push(`${kind}\t${JSON.stringify(value)}\n`);
    this.entries++;
    return this.add(kind, value);
  }

  lookup(kind: Kind, id: number): string | null {
    return id === NULL_ID ? null : this.values[kind][id];
  }

  /** Appends new entries; must complete before a sidecar using them is written. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    await fs.promises.appendFile(this.file, chunk);
  }
}
