// A connector over one data directory with the Node implementations of secrets and settings:
// what the CLI (and tests that drive it) use. The desktop app builds its own with safeStorage
// and electron-store. Commands that sync (connect, sync) ask for detection: the same IP intel
// and detection pipeline as the console (sync-detection.ts), so a sync from the command line
// enriches and judges its activities exactly as the app does.
import type { SyncProgress } from '../../preload/contract';
import { packageInfo } from '../runtime/package-info';
import { GuardEvents } from '../runtime/events';
import { FileSecretStore } from '../runtime/secrets';
import { FileSettingsStore } from '../runtime/settings';
import { openStore } from '../store/index';
import type { Store } from '../store/types';
import type { ConsentFlow } from '../workplace/consent';
import { createConnector, type Connector, type ConnectorDeps } from './connector';
import { openSyncDetection, type SyncDetection } from './sync-detection';
import { switchableStore } from './switchable-store';

export function defaultUserAgent(): string {
  const { version } = packageInfo();
  return `WorkplaceGuard/${version} (local security console; +https://github.com/workplace-guard/workplace-guard; node ${process.versions.node}; ${process.platform})`;
}

export interface LocalSession {
  store: Store;
  events: GuardEvents;
  connector: Connector;
  /** Present when opened with `detection: true`; settled() resolves once the sync's activities are judged. */
  detection: SyncDetection | null;
  close(): Promise<void>;
}

export async function openLocalSession(
  dataDir: string,
  opts: { consentFlow?: () => ConsentFlow; extra?: Partial<ConnectorDeps>; detection?: boolean } = {},
): Promise<LocalSession> {
  // Switchable: connecting another organisation may archive or clear the store (organisation.ts).
  const store = switchableStore(await openStore(dataDir), () => openStore(dataDir));
  const events = new GuardEvents();
  let detection: SyncDetection | null = null;
  try {
    if (opts.detection) detection = await openSyncDetection({ store, events, dataDir });
  } catch (err) {
    await store.close();
    throw err;
  }
  const connector = createConnector({
    ...detection?.connectorDeps,
    store,
    secrets: new FileSecretStore(dataDir),
    settings: new FileSettingsStore(dataDir),
    events,
    consentFlow:
      opts.consentFlow ??
      (() => {
        throw new Error('No consent flow configured for this session.');
      }),
    userAgent: defaultUserAgent(),
    ...opts.extra,
  });
  return {
    store,
    events,
    connector,
    detection,
    async close() {
      try {
        await connector.close();
        // What the sync committed is judged before the store closes (nothing is left queued).
        await detection?.close();
      } finally {
        await store.close();
      }
    },
  };
}

const WAIT_REASONS = {
  rate_limited: "Workplace's rate limit",
  retry: 'a retry after a failed call',
  throttle: 'the call budget (slowing down before the rate limit)',
} as const;

/** "waiting for Workplace's rate limit until 12:04:31 UTC (GET https://host/security_audit_logs)" */
export function describeWait(w: NonNullable<SyncProgress['waiting']>): string {
  const until = new Date(w.until).toISOString().slice(11, 19);
  return `waiting for ${WAIT_REASONS[w.reason]} until ${until} UTC (${w.call})`;
}

/** "users 120 · activities 45,200 · 3,100/s · ETA 40 s" */
export function formatProgress(p: SyncProgress): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const parts = [`${p.phase}`, `users ${n(p.users)}`, `activities ${n(p.activities)}`];
  if (p.quarantined) parts.push(`quarantined ${n(p.quarantined)}`);
  if (p.ratePerSec) parts.push(`${n(Math.round(p.ratePerSec))}/s`);
  if (p.running && p.etaSec !== null) parts.push(`ETA ${p.etaSec} s`);
  if (p.running && p.waiting) parts.push(describeWait(p.waiting));
  return parts.join(' · ');
}
