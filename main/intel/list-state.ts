// What the console knows about each IP list on this machine: the intel settings (online refresh
// opt-in, URLs), and per list the last good refresh, the last attempt and its error. A lowdb
// file in <dataDir>/intel/ (steno writes it atomically); each list's entries sit beside it as
// one canonical CIDR per line, replaced atomically before the state says they are new.
import fs from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { DIR_MODE, DurableJsonFile, writeFileAtomic } from '../store/atomic-file';
import { checkListUrl } from './list-url';

export interface ListState {
  /** Last successful refresh (epoch ms); null when never refreshed. */
  updatedAt: number | null;
  lastAttemptAt: number | null;
  /** Why the last attempt failed (the previous entries were kept); null after a success. */
  lastError: string | null;
  entries: number;
}

const ListStateSchema = z.object({
  updatedAt: z.number().nullable(),
  lastAttemptAt: z.number().nullable(),
  lastError: z.string().nullable(),
  entries: z.number().int().nonnegative(),
});

const DocSchema = z.object({
  v: z.literal(1),
  /** Opt-in: without it nothing is fetched from the Internet on a schedule. */
  online: z.boolean(),
  /**
   * Opt-in as well, and only with `online`: refresh each list on this cadence while the console
   * runs (main/intel/list-refresh-schedule.ts). Absent in files written before it existed: off.
   */
  schedule: z.enum(['off', 'daily']).default('off'),
  /** Per list id, URLs replacing the defaults (a mirror, a proxy, a local server in tests). */
  urls: z.record(z.string(), z.array(z.string().url()).min(1).max(4)),
  lists: z.record(z.string(), ListStateSchema),
});
export type IntelSettingsDoc = z.infer<typeof DocSchema>;

export type ListSchedule = IntelSettingsDoc['schedule'];

const emptyDoc = (): IntelSettingsDoc => ({ v: 1, online: false, schedule: 'off', urls: {}, lists: {} });

export interface IntelPaths {
  dir: string;
  state: string;
  listsDir: string;
  asnCache: string;
}

export function intelPaths(dataDir: string): IntelPaths {
  const dir = path.join(dataDir, 'intel');
  return {
    dir,
    state: path.join(dir, 'lists.json'),
    listsDir: path.join(dir, 'lists'),
    asnCache: path.join(dir, 'asn-table.bin'),
  };
}

export class ListStateFile {
  private constructor(
    private readonly db: Low<IntelSettingsDoc>,
    readonly paths: IntelPaths,
    /** Set when the file was unreadable at open and was moved aside. */
    readonly recovered: string | null,
  ) {}

  static async open(dataDir: string): Promise<ListStateFile> {
    const paths = intelPaths(dataDir);
    // Private like every data-dir file and folder (0600 / 0700), and durable like the store's.
    await fs.promises.mkdir(paths.listsDir, { recursive: true, mode: DIR_MODE });
    const db = new Low<IntelSettingsDoc>(new DurableJsonFile<IntelSettingsDoc>(paths.state), emptyDoc());
    let recovered: string | null = null;
    try {
      await db.read();
      db.data = DocSchema.parse(db.data);
    } catch (err) {
      // Never overwrite what cannot be read: move it aside, start from defaults, say so.
      const aside = `${paths.state}.${Date.now()}.corrupt`;
      await fs.promises.rename(paths.state, aside).catch(() => undefined);
      recovered = `The IP list state could not be read (${(err as Error).message.slice(0, 120)}); moved to ${aside}.`;
      db.data = emptyDoc();
    }
    return new ListStateFile(db, paths, recovered);
  }

  get doc(): IntelSettingsDoc {
    return structuredClone(this.db.data);
  }

  list(id: string): ListState | null {
    const s = this.db.data.lists[id];
    return s ? { ...s } : null;
  }

  async setOnline(online: boolean): Promise<void> {
    this.db.data.online = online;
    await this.db.write();
  }

  async setSchedule(schedule: ListSchedule): Promise<void> {
    this.db.data.schedule = schedule;
    await this.db.write();
  }

  async setUrls(id: string, urls: string[] | null): Promise<void> {
    if (urls === null) delete this.db.data.urls[id];
    else {
      if (urls.length < 1 || urls.length > 4) throw new Error('A list has 1 to 4 URLs');
      this.db.data.urls[id] = urls.map(checkListUrl);
    }
    await this.db.write();
  }

  entriesFile(id: string): string {
    return path.join(this.paths.listsDir, `${id.replace(/[^a-z0-9-]/gi, '_')}.txt`);
  }

  /** A good refresh: entries first (atomic), then the state that points at them. */
  async recordSuccess(id: string, cidrs: string[], at: number): Promise<void> {
    await writeFileAtomic(this.entriesFile(id), cidrs.join('\n') + '\n');
    this.db.data.lists[id] = { updatedAt: at, lastAttemptAt: at, lastError: null, entries: cidrs.length };
    await this.db.write();
  }

  /** A failed refresh: the entries stay as they were; the error is kept for the status. */
  async recordFailure(id: string, error: string, at: number): Promise<void> {
    const prev = this.db.data.lists[id] ?? { updatedAt: null, lastAttemptAt: null, lastError: null, entries: 0 };
    this.db.data.lists[id] = { ...prev, lastAttemptAt: at, lastError: error.slice(0, 300) };
    await this.db.write();
  }

  /** The cached entries, or null when the list was never refreshed here. */
  readEntries(id: string): string[] | null {
    try {
      return fs
        .readFileSync(this.entriesFile(id), 'utf8')
        .split('\n')
        .filter((l) => l.length > 0);
    } catch {
      return null;
    }
  }
}
