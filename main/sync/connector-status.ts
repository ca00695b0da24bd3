// The connector status machine (detections.md "Connector status"), persisted in store.meta
// and pushed as 'connector.status' events. Going to Error records a system alert.
import crypto from 'node:crypto';
import type { ConnectorStatus, ErrorCode, SyncProgress } from '../../preload/contract';
import type { GuardEvents } from '../runtime/events';
import type { CorruptionReport, MetaStore } from '../store/types';
import { IDLE_PROGRESS } from './progress';

export const STATUS_KEY = 'connector-status';
export const SYSTEM_ALERTS_KEY = 'system-alerts';
const KEEP_ALERTS = 100;

export interface SystemAlert {
  id: string;
  at: number;
  kind: 'connector.error';
  title: string;
  message: string;
  fix: string;
  code: ErrorCode;
}

export const NOT_CONNECTED: ConnectorStatus = {
  state: 'not_connected',
  method: null,
  organisation: null,
  apiBase: null,
  error: null,
  disabledFeatures: [],
  lastSyncAt: null,
  nextSyncAt: null,
  lastActivityAt: null,
  progress: IDLE_PROGRESS,
};

/** The fix a person can act on, per error code. */
export function fixFor(code: ErrorCode): string {
  switch (code) {
    case 'token_invalid':
      return 'Reconnect: the access token expired or the app was removed. Your synced data is kept.';
    case 'permission_missing':
      return 'Grant the named permission to the integration in the Workplace Admin Panel, then reconnect.';
    case 'rate_limited':
      return 'Nothing to do: Workplace is limiting calls; the console retries at the next scheduled sync.';
    case 'network':
      return (
        'Check the network connection; the console retries at the next scheduled sync ' +
        'and when the network returns.'
      );
    case 'store_corrupt':
    case 'store_locked':
      return 'Close other copies of Workplace Guard using this data directory, then Sync now.';
    default:
      return 'Try Sync now; if it keeps failing, reconnect.';
  }
}

export class StatusMachine {
  private status: ConnectorStatus;

  constructor(
    /** Read at each use: the store behind it may be switched (organisation.ts). */
    private readonly store: { readonly meta: MetaStore },
    private readonly events: GuardEvents,
    private readonly now: () => number,
    damagedMeta: CorruptionReport | null = null,
  ) {
    this.status = restore(store.meta.get<ConnectorStatus>(STATUS_KEY));
    // A damaged meta.json took the saved status with it: say so rather than "Not connected".
    if (damagedMeta && this.status.state === 'not_connected') {
      this.status = {
        ...this.status,
        state: 'error',
        error: {
          code: 'store_corrupt',
          message:
            `The sync state file was found damaged and moved to ${damagedMeta.quarantinedAs}: the connection ` +
            'details and the sync position in it were lost. Activities and users already stored are intact.',
          fix:
            'Connect again (Connector screen, or `workplace-guard connect`): the first sync re-reads the ' +
            'back-fill window and skips everything already stored.',
        },
      };
    }
  }

  /** After the store was switched: its status, keeping the state in progress (connecting). */
  reload(): void {
    this.status = { ...restore(this.store.meta.get<ConnectorStatus>(STATUS_KEY)), state: this.status.state };
  }

  get current(): ConnectorStatus {
    return structuredClone(this.status);
  }

  /** Applies `patch`, persists and pushes. A transition into Error raises a system alert. */
  async set(patch: Partial<ConnectorStatus>): Promise<ConnectorStatus> {
    const wasError = this.status.state === 'error';
    this.status = { ...this.status, ...patch };
    await this.store.meta.set(STATUS_KEY, { ...this.status, progress: { ...this.status.progress, running: false } });
    if (this.status.state === 'error' && this.status.error && !wasError) await this.raiseAlert();
    this.events.emit('connector.status', this.current);
    return this.current;
  }

  /** Progress changes often: kept in memory and pushed as 'sync.progress', not persisted each time. */
  progress(p: SyncProgress): void {
    this.status = { ...this.status, progress: p };
    this.events.emit('sync.progress', { ...p });
  }

  private async raiseAlert(): Promise<void> {
    const err = this.status.error!;
    const alerts = this.store.meta.get<SystemAlert[]>(SYSTEM_ALERTS_KEY) ?? [];
    alerts.push({
      id: crypto.randomUUID(),
      at: this.now(),
      kind: 'connector.error',
      title: `Workplace connector error${this.status.organisation ? ` (${this.status.organisation.name})` : ''}`,
      message: err.message,
      fix: err.fix,
      code: err.code,
    });
    await this.store.meta.set(SYSTEM_ALERTS_KEY, alerts.slice(-KEEP_ALERTS));
  }
}

/** A status saved by a process that died mid-way: nothing is running any more. */
function restore(saved: ConnectorStatus | null): ConnectorStatus {
  if (!saved || typeof saved !== 'object' || !saved.state) return structuredClone(NOT_CONNECTED);
  const s: ConnectorStatus = {
    ...NOT_CONNECTED,
    ...saved,
    progress: { ...IDLE_PROGRESS, ...saved.progress, running: false },
  };
  if (s.progress.phase === 'users' || s.progress.phase === 'activities') s.progress.phase = 'cancelled';
  if (s.state === 'connecting') s.state = s.organisation ? 'first_sync' : 'not_connected';
  return s;
}
