// Terminations the admin imports (CSV of email,date), for the terminated-user policy alongside
// SCIM termDate. One lowdb file, <dataDir>/store/terminations.json; an import replaces the
// date of an email already present and keeps the others.
import path from 'node:path';
import type { Low } from 'lowdb';
import { z } from 'zod';
import type { StoreLayout } from './layout';
import { openValidatedDoc } from './validated-doc';
import type { CorruptionReport } from './types';

export const TerminationSchema = z.strictObject({
  /** Lower-cased email. */
  email: z.string().min(3).max(320),
  /** Termination date (epoch ms UTC, start of the day given). */
  terminatedAt: z.number(),
  importedAt: z.number(),
  /** The imported file's name, for the alert evidence. */
  source: z.string().max(260),
});
export type Termination = z.infer<typeof TerminationSchema>;

const DocSchema = z.object({ v: z.literal(1), terminations: z.array(TerminationSchema).max(1_000_000) });
type Doc = z.infer<typeof DocSchema>;

/** What the terminated-user policy reads. */
export interface TerminationList {
  /** The imported termination of this email (case-insensitive), or null. */
  get(email: string): Termination | null;
  /** When this email was terminated (epoch ms), or null — detection's TerminationLookup shape. */
  lookup(emailOrId: string): number | null;
  list(): Termination[];
  readonly revision: number;
}

export class LowTerminationStore implements TerminationList {
  private version = 0;
  private byEmail = new Map<string, Termination>();
  private constructor(private readonly db: Low<Doc>) {
    this.reindex();
  }

  static async open(layout: StoreLayout, report: (r: CorruptionReport) => Promise<void>): Promise<LowTerminationStore> {
    const { db, damaged } = await openValidatedDoc<Doc>({
      layout,
      file: path.join(layout.root, 'terminations.json'),
      schema: DocSchema,
      empty: () => ({ v: 1, terminations: [] }),
      what: 'The imported termination list',
      consequence: 'Import the termination CSV again; SCIM termination dates still apply.',
    });
    if (damaged) await report(damaged);
    return new LowTerminationStore(db);
  }

  private reindex(): void {
    this.byEmail = new Map(this.db.data.terminations.map((t) => [t.email, t]));
  }

  get revision(): number {
    return this.version;
  }

  get(email: string): Termination | null {
    const t = this.byEmail.get(email.trim().toLowerCase());
    return t ? { ...t } : null;
  }

  lookup(emailOrId: string): number | null {
    return this.byEmail.get(emailOrId.trim().toLowerCase())?.terminatedAt ?? null;
  }

  list(): Termination[] {
    return structuredClone(this.db.data.terminations);
  }

  /** Adds or replaces by email, in one write. Returns how many were new and how many updated. */
  async upsertMany(items: Termination[]): Promise<{ added: number; updated: number }> {
    let added = 0;
    let updated = 0;
    for (const raw of items) {
      const t = TerminationSchema.parse({ ...raw, email: raw.email.trim().toLowerCase() });
      if (this.byEmail.has(t.email)) updated++;
      else added++;
      this.byEmail.set(t.email, t);
    }
    this.db.data.terminations = [...this.byEmail.values()];
    this.version++;
    await this.db.write();
    return { added, updated };
  }
}
