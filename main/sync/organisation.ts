// Which organisation a store holds (issue 8 req 8): one organisation's data never mixes with
// another's. Connecting a different organisation needs the admin's choice — archive (the store
// moves aside under <dataDir>/archives/, still openable read-only with --data-dir) or clear.
import fs from 'node:fs';
import path from 'node:path';
import type { ConnectorStatus } from '../../preload/contract';
import { openStore } from '../store/index';
import type { MetaStore } from '../store/types';
import { CONNECTION_KEY, readConnection } from './connection';
import { NOT_CONNECTED, STATUS_KEY } from './connector-status';
import { IDLE_PROGRESS } from './progress';

export const STORE_ORGANISATION_KEY = 'store-organisation';
export const ARCHIVED_KEY = 'store-archived';
export const ARCHIVES_DIR = 'archives';

export type OtherOrganisationChoice = 'archive' | 'clear';

export interface StoreOrganisation {
  id: string;
  name: string;
  since: number;
}

/** The organisation whose data the store holds (stores from before this key: their connection's). */
export function storeOrganisation(meta: MetaStore): StoreOrganisation | null {
  const held = meta.get<StoreOrganisation>(STORE_ORGANISATION_KEY);
  if (held && typeof held.id === 'string') return held;
  const record = readConnection(meta);
  return record ? { id: record.organisation.id, name: record.organisation.name, since: record.connectedAt } : null;
}

export function recordStoreOrganisation(meta: MetaStore, org: { id: string; name: string }, now: number) {
  return meta.set<StoreOrganisation>(STORE_ORGANISATION_KEY, { id: org.id, name: org.name, since: now });
}

/** A folder name for an archive: when, and whose (no path characters from the organisation). */
export function archiveDir(dataDir: string, org: { id: string; name: string }, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const who = `${org.name}-${org.id}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  let dir = path.join(dataDir, ARCHIVES_DIR, `${stamp}-${who || 'organisation'}`);
  for (let n = 2; fs.existsSync(dir) && n < 100; n++) dir = dir.replace(/(-\d+)?$/, `-${n}`);
  return dir;
}

/** Moves <dataDir>/store to `target`/store: the archive is itself a data directory. */
export function moveStoreTo(dataDir: string, target: string): void {
  fs.mkdirSync(target, { recursive: true, mode: 0o700 });
  fs.renameSync(path.join(dataDir, 'store'), path.join(target, 'store'));
}

/**
 * Marks an archive (a data directory of its own) as disconnected and says whose it is, so that
 * opening it for review never tries to sync it.
 */
export async function labelArchive(
  archive: string,
  held: StoreOrganisation,
  replacedBy: { id: string; name: string },
  now: number,
): Promise<void> {
  const store = await openStore(archive);
  try {
    const record = readConnection(store.meta);
    if (record) await store.meta.set(CONNECTION_KEY, { ...record, disconnectedAt: record.disconnectedAt ?? now });
    const status = store.meta.get<ConnectorStatus>(STATUS_KEY);
    await store.meta.set<ConnectorStatus>(STATUS_KEY, {
      ...NOT_CONNECTED,
      ...status,
      state: 'disconnected',
      organisation: { id: held.id, name: held.name },
      error: null,
      nextSyncAt: null,
      progress: { ...IDLE_PROGRESS, ...status?.progress, running: false },
    });
    await store.meta.set(ARCHIVED_KEY, { archivedAt: now, organisation: held, replacedBy });
  } finally {
    await store.close();
  }
}

/** Deletes <dataDir>/store: renamed first, so an interrupted delete never leaves half a store in use. */
export function deleteStore(dataDir: string, now: number): void {
  const doomed = path.join(dataDir, `store.cleared-${now}`);
  fs.renameSync(path.join(dataDir, 'store'), doomed);
  fs.rmSync(doomed, { recursive: true, force: true });
}
