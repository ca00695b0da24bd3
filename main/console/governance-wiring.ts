// Assembles governance for one data directory: the append-only log beside the store, the
// settings in the store's meta, and the organisation's calls built from the saved connection
// and secrets (null while not connected, so actions queue instead of failing).
import type { SecretStore } from '../runtime/secrets';
import { createGovernance, type Governance } from '../govern/governance';
import { readGovernanceSettings } from '../govern/settings';
import { settleAskedOwnAccount } from '../govern/own-account';
import { GovernanceLog, type GovernanceRecord } from '../store/governance-store';
import { storeLayout } from '../store/layout';
import type { CorruptionReport, Store } from '../store/types';
import { credentialsFor, readConnection } from '../sync/connection';
import { createWorkplaceClient } from '../workplace/client';
import { createGovernanceCalls, type GovernanceCalls } from '../workplace/governance-calls';
import type { HttpOptions } from '../workplace/http';

export interface GovernanceWiring {
  governance: Governance;
  log: GovernanceLog;
}

export interface GovernanceWiringDeps {
  store: Store;
  secrets: SecretStore;
  userAgent: string;
  /** Client tuning (timeouts, retries) — tests shorten them. */
  http?: Partial<Omit<HttpOptions, 'credentials' | 'userAgent'>>;
  onChange?: (record: GovernanceRecord) => void;
}

export async function openGovernance(deps: GovernanceWiringDeps): Promise<GovernanceWiring> {
  const log = await GovernanceLog.open(storeLayout(deps.store.dataDir, { readOnly: deps.store.readOnly ?? null }));
  // A damaged log was moved to quarantine: say so where every other damaged file is reported.
  if (log.corruption) {
    const meta = deps.store.meta as { addCorruption?: (c: CorruptionReport) => Promise<void> };
    await meta.addCorruption?.(log.corruption);
  }
  const calls = async (): Promise<GovernanceCalls | null> => {
    const record = readConnection(deps.store.meta);
    if (!record || record.disconnectedAt !== null) return null;
    const credentials = await credentialsFor(record, deps.secrets, { userAgent: deps.userAgent });
    if (!credentials) return null;
    const client = createWorkplaceClient({
      ...deps.http,
      // An admin waiting on a click must not sit through a 15-minute rate-limit wait: the action
      // is queued (visibly) and sent when the limit lifts.
      retry: { maxAttempts: 3, maxRateLimitWaits: 0, ...deps.http?.retry },
      urls: record.urls,
      credentials,
      userAgent: deps.userAgent,
    });
    return createGovernanceCalls(client.http, record.urls);
  };
  const governance = createGovernance({
    log,
    users: deps.store.users,
    calls,
    settings: () => readGovernanceSettings(deps.store.meta),
    onChange: deps.onChange,
  });
  // A read-only data dir (review only) is never written, not even to settle half-sent actions.
  if (!deps.store.readOnly) {
    await governance.recover();
    // An own account asked at connect is matched here too: a CLI sync may have read the users since.
    await settleAskedOwnAccount(deps.store.meta, deps.store.users);
  }
  return { governance, log };
}
