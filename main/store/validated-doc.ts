// Opening one of the store's small lowdb documents (alerts, detection settings, IP ranges,
// terminations, the governance log, meta): written like every other data-dir file — private
// (0600), durable (temp file, fsync, rename, fsync of the folder: atomic-file.ts) — and
// validated where it enters. A file that does not read, or does not match its schema, is moved
// to quarantine with a report of what it held and what its loss means, and the document starts
// empty: one damaged file never stops the console. The caller decides where the report goes.
import { Low } from 'lowdb';
import type { z } from 'zod';
import { DurableJsonFile } from './atomic-file';
import type { StoreLayout } from './layout';
import { quarantineFile } from './quarantine';
import type { CorruptionReport } from './types';

export interface ValidatedDocOptions<T> {
  layout: StoreLayout;
  file: string;
  /** What the file must hold. Its output is adopted as the document unless `adopt` is false. */
  schema: z.ZodType;
  /**
   * False: validate only, keep the document as read — for documents whose schema checks the
   * shape without listing every field (nothing the schema does not name is ever dropped).
   */
  adopt?: boolean;
  empty: () => T;
  /** For the quarantine report: what the file holds, and what losing it means for the admin. */
  what: string;
  consequence: string;
  /** How the document is written (default: indented JSON). */
  stringify?: (data: T) => string;
}

export interface ValidatedDoc<T> {
  db: Low<T>;
  /** The quarantine report when the file was damaged (the document then starts empty). */
  damaged: CorruptionReport | null;
}

export async function openValidatedDoc<T>(opts: ValidatedDocOptions<T>): Promise<ValidatedDoc<T>> {
  const { layout, file } = opts;
  const adapter = new DurableJsonFile<T>(file, { durable: layout.durable, stringify: opts.stringify });
  const db = new Low<T>(adapter, opts.empty());
  try {
    await db.read();
    const parsed = opts.schema.safeParse(db.data);
    if (!parsed.success) throw new Error(`unexpected content: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    if (opts.adopt !== false) db.data = parsed.data as T;
    return { db, damaged: null };
  } catch (err) {
    const damaged = quarantineFile(layout, {
      file,
      what: opts.what,
      cause: err,
      range: null,
      consequence: opts.consequence,
    });
    db.data = opts.empty();
    return { db, damaged };
  }
}
