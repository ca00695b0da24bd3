// Detection's baselines (per-user and organisation state) in one file, written atomically after
// each evaluation. Opaque to the store: detection owns the shape and its version. Missing means
// "rebuild from the activities"; a damaged file is quarantined and also rebuilt — it is derived
// data, so nothing is lost.
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic-file';
import type { StoreLayout } from './layout';
import { quarantineFile } from './quarantine';
import type { CorruptionReport } from './types';

export interface BaselineDoc {
  /** Detection's own format version: a different one is rebuilt, not guessed at. */
  v: number;
  savedAt: number;
  state: unknown;
}

export class FileBaselineStore {
  private constructor(
    readonly file: string,
    private readonly layout: StoreLayout,
    private readonly report: (r: CorruptionReport) => Promise<void>,
  ) {}

  static open(layout: StoreLayout, report: (r: CorruptionReport) => Promise<void>): FileBaselineStore {
    return new FileBaselineStore(path.join(layout.root, 'baselines.json'), layout, report);
  }

  /** The saved document, or null when there is none (or it was damaged and moved aside). */
  async load(): Promise<BaselineDoc | null> {
    return (await this.loadWithText())?.doc ?? null;
  }

  /** The saved document and the text it was parsed from (detection reuses each user's text until it changes). */
  async loadWithText(): Promise<{ doc: BaselineDoc; text: string } | null> {
    let text: string;
    try {
      text = await fs.promises.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    try {
      const doc = JSON.parse(text) as BaselineDoc;
      if (typeof doc !== 'object' || doc === null || typeof doc.v !== 'number' || typeof doc.state !== 'object')
        throw new Error('not a baselines document');
      return { doc, text };
    } catch (err) {
      await this.report(
        quarantineFile(this.layout, {
          file: this.file,
          what: 'The detection baselines file',
          cause: err,
          range: null,
          consequence: 'Baselines are rebuilt from the stored activities; no alert or activity was lost.',
        }),
      );
      return null;
    }
  }

  /** `doc`, or its JSON text already composed (detection reuses the text of the users a flush did not touch). */
  async save(doc: BaselineDoc | string): Promise<void> {
    const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
    // fsync as every commit of this store does (off only when measuring what durability costs).
    await writeFileAtomic(this.file, text, { durable: this.layout.durable });
  }

  async remove(): Promise<void> {
    await fs.promises.rm(this.file, { force: true });
  }
}

export type BaselineStore = FileBaselineStore;
