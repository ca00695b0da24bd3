// Small records committed atomically (sync checkpoints, connection metadata, connector status)
// plus the store's own corruption reports, which must survive a restart until the sync has
// re-fetched what was lost. Never secrets: those go through main/runtime/secrets.
import type { Low } from 'lowdb';
import type { CorruptionReport, MetaStore } from './types';
import { MetaDocSchema } from './schemas';
import type { StoreLayout } from './layout';
import { openValidatedDoc } from './validated-doc';
import { killPoint } from './kill-points';
import { readOnlyError } from './read-only';

interface MetaDoc {
  v: 1;
  entries: Record<string, unknown>;
  corruptions: CorruptionReport[];
}

const emptyDoc = (): MetaDoc => ({ v: 1, entries: {}, corruptions: [] });

export class LowMetaStore implements MetaStore {
  private constructor(
    private readonly db: Low<MetaDoc>,
    /** The read-only sentence when open for review (nothing may be written), else null. */
    private readonly readOnly: string | null,
  ) {}

  private writable(): void {
    if (this.readOnly) throw readOnlyError(this.readOnly);
  }

  /** Opens meta.json; a corrupt one is quarantined and the report is kept in the fresh file. */
  static async open(layout: StoreLayout): Promise<LowMetaStore> {
    const { db, damaged } = await openValidatedDoc<MetaDoc>({
      layout,
      file: layout.meta,
      schema: MetaDocSchema,
      adopt: false,
      empty: emptyDoc,
      what: 'The sync state file (checkpoints, connection details, connector status)',
      consequence: 'The next sync starts again from the back-fill window; nothing already stored is lost.',
    });
    const store = new LowMetaStore(db, layout.readOnly);
    if (damaged) await store.addCorruption(damaged);
    return store;
  }

  get<T>(key: string): T | null {
    const value = this.db.data.entries[key];
    // A copy, so a caller mutating the result cannot change what is (or is not) on disk.
    return value === undefined ? null : (structuredClone(value) as T);
  }

  async set<T>(key: string, value: T): Promise<void> {
    this.writable();
    this.db.data.entries[key] = structuredClone(value);
    await this.db.write();
    killPoint('after-checkpoint');
  }

  async delete(key: string): Promise<void> {
    this.writable();
    if (!(key in this.db.data.entries)) return;
    delete this.db.data.entries[key];
    await this.db.write();
  }

  corruptions(): CorruptionReport[] {
    return this.db.data.corruptions.map((c) => ({ ...c, range: c.range && { ...c.range } }));
  }

  async addCorruption(report: CorruptionReport): Promise<void> {
    this.db.data.corruptions.push(report);
    // Open read-only: the report is shown for this session and nothing is written.
    if (!this.readOnly) await this.db.write();
  }

  async clearCorruption(file: string): Promise<void> {
    this.writable();
    const before = this.db.data.corruptions.length;
    this.db.data.corruptions = this.db.data.corruptions.filter((c) => c.file !== file && c.quarantinedAs !== file);
    if (this.db.data.corruptions.length !== before) await this.db.write();
  }

  async flush(): Promise<void> {
    if (!this.readOnly) await this.db.write();
  }
}
