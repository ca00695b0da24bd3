// openStore: the one entry to the local store. Takes the data-directory lock, opens meta
// (first, so every later corruption can be recorded), users, the activity index, then brings
// the files to the current schema.
//
// On disk, under <dataDir>/store:
//   manifest.json                       schema version and applied migrations (lowdb)
//   meta.json                           checkpoints, connection metadata, status, corruption reports (lowdb)
//   users.json                          users (lowdb)
//   activities/YYYY-MM-DD/HH.json       one UTC hour of activities, raw events included (lowdb; the truth)
//   activities/YYYY-MM-DD/HH.idx        its columnar index sidecar (derived; rebuilt when it disagrees)
//   activities/dictionary.jsonl         interned strings the sidecars refer to (derived, append-only)
//   quarantine/                         corrupt files moved aside, never overwritten
// and beside it <dataDir>/guard.lock/ (owner.json inside): the one-writer lock (data-dir-lock.ts).
// Every file is replaced through atomic-file.ts (temp, fsync, rename, fsync of the folder), created
// 0600 in 0700 folders. A directory that cannot be written opens read-only for review (read-only.ts).
import fs from 'node:fs';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';
import type { CorruptionReport, OpenStoreOptions, Store } from './types';
import { storeLayout } from './layout';
import { LowMetaStore } from './meta-store';
import { LowUserStore } from './user-store';
import { IndexedActivityStore } from './activity-store';
import { LowAlertStore } from './alert-store';
import { FileBaselineStore } from './baseline-store';
import { LowPolicyStore } from './policy-store';
import {
  CURRENT_SCHEMA_VERSION,
  checkSupported,
  inferVersion,
  readManifest,
  runMigrations,
  writeManifest,
} from './migrations';
import { quarantineFile } from './quarantine';
import { DIR_MODE, mkdirPrivateSync } from './atomic-file';
import { detectReadOnly, isReadOnlyFailure, readOnlySentence } from './read-only';
import { GuardError } from '../runtime/errors';

export type { Store, OpenStoreOptions } from './types';
export { CURRENT_SCHEMA_VERSION } from './migrations';

class LocalStore implements Store {
  private closed = false;
  /** The sentence saying the store is open read-only for review, or null. */
  readOnly: string | null = null;
  constructor(
    readonly dataDir: string,
    readonly activities: IndexedActivityStore,
    readonly users: LowUserStore,
    readonly meta: LowMetaStore,
    private readonly lock: DataDirLock | null,
    readonly alerts: LowAlertStore,
    readonly baselines: FileBaselineStore,
    readonly policies: LowPolicyStore,
  ) {}

  corruptions(): CorruptionReport[] {
    return this.meta.corruptions();
  }

  clearCorruption(file: string): Promise<void> {
    return this.meta.clearCorruption(file);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.activities.idle();
      await this.meta.flush(); // a no-op when read-only
    } finally {
      this.lock?.release();
    }
  }
}

export async function openStore(dataDir: string, opts: OpenStoreOptions = {}): Promise<Store> {
  // A directory this process cannot write opens read-only, for review (read-only.ts).
  let readOnly = opts.readOnly ? 'as asked' : detectReadOnly(dataDir);
  let lock: DataDirLock | null = null;
  if (!readOnly && !opts.noLock) {
    try {
      lock = acquireDataDirLock(dataDir);
    } catch (err) {
      if (!isReadOnlyFailure(err)) throw err;
      readOnly = 'the lock cannot be created in it';
    }
  }
  try {
    const layout = storeLayout(dataDir, {
      durable: opts.durable ?? process.env.WORKPLACE_GUARD_FSYNC !== '0',
      readOnly: readOnly && readOnlySentence(dataDir, readOnly),
    });
    if (!layout.readOnly) {
      mkdirPrivateSync(layout.root, { durable: layout.durable });
      // The organisation's security log: only its owner reads it (a store from before 0700 folders too).
      fs.chmodSync(layout.root, DIR_MODE);
    }
    const meta = await LowMetaStore.open(layout);
    const report = (r: CorruptionReport) => meta.addCorruption(r);

    const { manifest: found, error } = readManifest(layout);
    if (found) checkSupported(found.schemaVersion, dataDir);
    if (error) {
      await report(
        quarantineFile(layout, {
          file: layout.manifest,
          what: 'The store manifest (schema version)',
          cause: error,
          range: null,
          consequence: 'The version was worked out from the files present; no activity or user was lost.',
        }),
      );
    }
    const isNew = !found;
    const manifest = found ?? { schemaVersion: inferVersion(layout), createdAt: Date.now(), migrations: [] };

    const users = await LowUserStore.open(layout, report);
    const activities = await IndexedActivityStore.open({
      layout,
      report,
      resolveIdentity: (q) => identityStrings(users, q),
    });
    if (manifest.schemaVersion < CURRENT_SCHEMA_VERSION) {
      if (layout.readOnly) {
        throw new GuardError(
          'unsupported',
          `${layout.readOnly} Its files are from an earlier version and must be upgraded, which needs write access.`,
        );
      }
      await runMigrations({ layout, activities, users, meta, report }, manifest);
    } else if (isNew && !layout.readOnly) {
      await writeManifest(layout, manifest);
    }
    const alerts = await LowAlertStore.open(layout, report);
    const baselines = FileBaselineStore.open(layout, report);
    const policies = await LowPolicyStore.open(layout, report);
    const store = new LocalStore(dataDir, activities, users, meta, lock, alerts, baselines, policies);
    store.readOnly = layout.readOnly;
    return store;
  } catch (err) {
    lock?.release();
    throw err;
  }
}

/** What a user filter may name besides itself: the ids and emails of users it matches. */
function identityStrings(users: LowUserStore, q: string): string[] {
  const out: string[] = [];
  for (const u of users.matchIdentity(q)) {
    out.push(u.id);
    if (u.email) out.push(u.email);
  }
  return out;
}
