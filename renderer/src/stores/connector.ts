// Connector status and live sync progress, kept current by main's pushed events.
import { create } from 'zustand';
import type { ConnectorStatus, SyncProgress } from '../../../preload/contract';
import { guard, onEvent, toGuardError, type GuardError } from '../guard';

type ConnectorStore = {
  status: ConnectorStatus | null;
  progress: SyncProgress | null;
  loadError: GuardError | null;
  /** Bumped whenever new activities are committed, so data screens can offer a refresh. */
  activitiesVersion: number;
  /** How many activities arrived since the last bump was acknowledged by a screen. */
  activitiesAdded: number;
  /** An operation the admin started (sync, connect…) is in flight. */
  busy: string | null;
  refresh(): Promise<void>;
  setStatus(status: ConnectorStatus): void;
  /** Runs a connector operation that returns a status, tracking busy state. Rethrows GuardError. */
  run(label: string, op: () => Promise<ConnectorStatus>): Promise<ConnectorStatus>;
};

export const useConnector = create<ConnectorStore>((set, get) => ({
  status: null,
  progress: null,
  loadError: null,
  activitiesVersion: 0,
  activitiesAdded: 0,
  busy: null,
  async refresh() {
    try {
      const status = await guard.connector.status();
      get().setStatus(status);
      set({ loadError: null });
    } catch (e) {
      set({ loadError: toGuardError(e) });
    }
  },
  setStatus(status) {
    set({ status, progress: status.progress });
  },
  async run(label, op) {
    set({ busy: label });
    try {
      const status = await op();
      get().setStatus(status);
      return status;
    } finally {
      set({ busy: null });
    }
  },
}));

let started = false;

/** Loads the status once and subscribes to the events that change it. Idempotent. */
export function startConnectorStore(): () => void {
  if (started) return () => {};
  started = true;
  const store = useConnector;
  void store.getState().refresh();
  const offs = [
    onEvent('connector.status', (status) => {
      store.getState().setStatus(status);
      store.setState({ loadError: null });
    }),
    onEvent('sync.progress', (progress) => {
      const { status } = store.getState();
      store.setState({ progress, status: status ? { ...status, progress } : status });
    }),
    onEvent('activities.added', ({ count }) => {
      const s = store.getState();
      store.setState({ activitiesVersion: s.activitiesVersion + 1, activitiesAdded: s.activitiesAdded + count });
    }),
  ];
  return () => {
    started = false;
    for (const off of offs) off();
  };
}

export function isConnected(status: ConnectorStatus | null): boolean {
  return status?.state === 'connected' || status?.state === 'first_sync';
}

/** Data may exist locally even when disconnected or in error (it is kept for offline review). */
export function mayHaveData(status: ConnectorStatus | null): boolean {
  return !!status && (status.state !== 'not_connected' || status.lastSyncAt !== null || status.lastActivityAt !== null);
}

/**
 * What "Next sync" can truthfully say: a time only when a sync will really start then. A sync
 * that is running, a connector paused on a refused token, or one that is not connected has no
 * next time, and a time already passed is "due now" (the timer fires when the machine wakes).
 */
export function nextSyncText(
  status: ConnectorStatus,
  now: number,
): { kind: 'time'; at: number } | { kind: 'text'; text: string } {
  if (status.state === 'not_connected') return { kind: 'text', text: 'None: not connected' };
  if (status.state === 'disconnected') return { kind: 'text', text: 'None: disconnected' };
  if (status.state === 'connecting') return { kind: 'text', text: 'Once connected' };
  if (status.progress.running) return { kind: 'text', text: 'Running now' };
  if (status.state === 'error' && status.error?.code === 'token_invalid') {
    return { kind: 'text', text: 'Paused until you reconnect (the token was refused)' };
  }
  if (status.nextSyncAt === null) return { kind: 'text', text: 'Not scheduled yet' };
  if (status.nextSyncAt <= now) return { kind: 'text', text: 'Due now' };
  return { kind: 'time', at: status.nextSyncAt };
}

/** The organisation is out of reach: the last sync stopped on the network, or the system is offline. */
export function organisationUnreachable(status: ConnectorStatus | null, systemOnline: boolean): boolean {
  if (!status || status.state === 'not_connected' || status.state === 'disconnected') return false;
  return !systemOnline || (status.state === 'error' && status.error?.code === 'network');
}
