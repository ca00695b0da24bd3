// Schema versions of the store and the steps between them. The manifest records the version
// the files are in; openStore runs every registered step from there to CURRENT, writing the
// manifest after each one, so a crash mid-way resumes at the step that did not finish.
// Steps must therefore be idempotent (re-running a half-done step is normal).
//
// Version history:
//   0 — the first prototype: every activity in one file, store/activities.json = {activities: [...]},
//       no manifest.
//   1 — hour partitions with index sidecars (activities/YYYY-MM-DD/HH.json + .idx), users.json,
//       meta.json, manifest.json.
import fs from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { DurableJsonFile } from './atomic-file';
import { GuardError } from '../runtime/errors';
import type { CorruptionReport, StoredActivity } from './types';
import type { StoreLayout } from './layout';
import { ManifestSchema, StoredActivitySchema, type Manifest } from './schemas';
import { quarantineFile } from './quarantine';
import type { IndexedActivityStore } from './activity-store';
import type { LowUserStore } from './user-store';
import type { LowMetaStore } from './meta-store';

export const CURRENT_SCHEMA_VERSION = 1;

export interface MigrationContext {
  layout: StoreLayout;
  activities: IndexedActivityStore;
  users: LowUserStore;
  meta: LowMetaStore;
  report: (r: CorruptionReport) => Promise<void>;
}

export interface Migration {
  from: number;
  to: number;
  name: string;
  run(ctx: MigrationContext): Promise<void>;
}

const LEGACY_BATCH = 5_000;

export const MIGRATIONS: Migration[] = [
  {
    from: 0,
    to: 1,
    name: 'split the single activities file into hour partitions',
    async run(ctx) {
      const legacy = path.join(ctx.layout.root, 'activities.json');
      if (!fs.existsSync(legacy)) return; // already done (crash after its last step)
      const db = new Low<{ activities?: unknown[] }>(new JSONFile(legacy), {});
      let list: unknown[];
      try {
        await db.read();
        if (!Array.isArray(db.data.activities)) throw new Error('no activities list');
        list = db.data.activities;
      } catch (err) {
        await ctx.report(
          quarantineFile(ctx.layout, {
            file: legacy,
            what: 'The activities file of the previous version',
            cause: err,
            range: null,
            consequence: 'Activities will be fetched again by the next sync, within the back-fill window.',
          }),
        );
        return;
      }
      let invalid = 0;
      let earliest = Infinity;
      let latest = -Infinity;
      let batch: StoredActivity[] = [];
      for (const item of list) {
        const parsed = StoredActivitySchema.safeParse(item);
        if (!parsed.success) {
          invalid++;
          continue;
        }
        batch.push(parsed.data as StoredActivity);
        earliest = Math.min(earliest, parsed.data.at);
        latest = Math.max(latest, parsed.data.at);
        if (batch.length === LEGACY_BATCH) {
          await ctx.activities.append(batch);
          batch = [];
        }
      }
      if (batch.length) await ctx.activities.append(batch);
      if (invalid > 0) {
        // Keep the original so the malformed records can still be looked at; it is not deleted.
        await ctx.report(
          quarantineFile(ctx.layout, {
            file: legacy,
            what: `The activities file of the previous version (${invalid} of ${list.length} records malformed)`,
            cause: 'records without a valid id, time or fields',
            range: Number.isFinite(earliest) ? { since: earliest, until: latest + 1 } : null,
            consequence: 'The valid records were migrated; the sync re-fetches the range to replace the rest.',
          }),
        );
      } else fs.rmSync(legacy);
    },
  },
];

export function readManifest(layout: StoreLayout): { manifest: Manifest | null; error: unknown } {
  try {
    const text = fs.readFileSync(layout.manifest, 'utf8');
    const parsed = ManifestSchema.safeParse(JSON.parse(text));
    return parsed.success
      ? { manifest: parsed.data, error: null }
      : { manifest: null, error: new Error('unexpected content') };
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT'
      ? { manifest: null, error: null }
      : { manifest: null, error: err };
  }
}

/** With no (readable) manifest: a legacy single file means version 0, anything else is a current store. */
export function inferVersion(layout: StoreLayout): number {
  return fs.existsSync(path.join(layout.root, 'activities.json')) ? 0 : CURRENT_SCHEMA_VERSION;
}

export async function writeManifest(layout: StoreLayout, manifest: Manifest): Promise<void> {
  const db = new Low<Manifest>(new DurableJsonFile<Manifest>(layout.manifest, { durable: layout.durable }), manifest);
  await db.write();
}

export function checkSupported(version: number, dataDir: string): void {
  if (version > CURRENT_SCHEMA_VERSION) {
    throw new GuardError(
      'unsupported',
      `The data in ${dataDir} was written by a newer Workplace Guard (store schema ${version}; ` +
        `this version reads up to ${CURRENT_SCHEMA_VERSION}). Update the app, or use another --data-dir.`,
    );
  }
}

/** Runs the steps from `manifest.schemaVersion` to `target`, committing the manifest after each. */
export async function runMigrations(
  ctx: MigrationContext,
  manifest: Manifest,
  list: Migration[] = MIGRATIONS,
  target = CURRENT_SCHEMA_VERSION,
): Promise<Manifest> {
  let current = manifest;
  while (current.schemaVersion < target) {
    const step = list.find((m) => m.from === current.schemaVersion);
    if (!step)
      throw new GuardError('internal', `No migration from store schema ${current.schemaVersion} to ${target}.`);
    await step.run(ctx);
    current = {
      ...current,
      schemaVersion: step.to,
      migrations: [...current.migrations, { from: step.from, to: step.to, at: Date.now(), name: step.name }],
    };
    await writeManifest(ctx.layout, current);
  }
  return current;
}
