// The zustand stores and the events that keep them current: the connector store follows
// connector.status, sync.progress and activities.added; navigation follows app.navigate
// (what Help → About sends).
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectorStatus } from '../../../preload/contract';
import { isConnected, mayHaveData, startConnectorStore, useConnector } from '../../../renderer/src/stores/connector';
import { followNavigationEvents, screenIds, useNavigation } from '../../../renderer/src/stores/navigation';
import { useActivityFilter, showActivityOf, emptyActivityFilter } from '../../../renderer/src/stores/activity-filter';
import { fail, installBridge, ok } from './support/in-memory-bridge';

const idle = {
  running: false,
  phase: 'idle' as const,
  users: 0,
  activities: 0,
  quarantined: 0,
  ratePerSec: 0,
  etaSec: null,
  startedAt: null,
};
const status = (patch: Partial<ConnectorStatus> = {}): ConnectorStatus => ({
  state: 'not_connected',
  method: null,
  organisation: null,
  apiBase: null,
  error: null,
  disabledFeatures: [],
  lastSyncAt: null,
  nextSyncAt: null,
  lastActivityAt: null,
  progress: idle,
  ...patch,
});

/** Resolves when the store's state satisfies `ready` (a named change, never a sleep). */
function until<S>(store: { getState(): S; subscribe(fn: (s: S) => void): () => void }, ready: (s: S) => boolean) {
  return new Promise<S>((resolve) => {
    if (ready(store.getState())) return resolve(store.getState());
    const off = store.subscribe((s) => {
      if (ready(s)) {
        off();
        resolve(s);
      }
    });
  });
}

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.reverse()) fn();
  cleanup = [];
  useConnector.setState({ status: null, progress: null, loadError: null, activitiesVersion: 0, activitiesAdded: 0 });
  useNavigation.setState({ screen: 'dashboard' });
});

describe('connector store', () => {
  it('loads the status once, then follows status, progress and new-activity events', async () => {
    const bridge = installBridge({ 'connector.status': async () => ok(status({ state: 'connected' })) });
    cleanup.push(bridge.remove, startConnectorStore());
    expect(startConnectorStore()()).toBeUndefined(); // a second start is a no-op
    await until(useConnector, (s) => s.status !== null);
    expect(useConnector.getState().status!.state).toBe('connected');
    expect(bridge.calls.filter((c) => c.op === 'connector.status')).toHaveLength(1);

    bridge.push('connector.status', status({ state: 'first_sync', method: 'demo' }));
    expect(useConnector.getState().status).toMatchObject({ state: 'first_sync', method: 'demo' });

    const running = { ...idle, running: true, phase: 'activities' as const, activities: 250 };
    bridge.push('sync.progress', running);
    expect(useConnector.getState().progress).toEqual(running);
    expect(useConnector.getState().status!.progress).toEqual(running);

    bridge.push('activities.added', { count: 40 });
    bridge.push('activities.added', { count: 2 });
    expect(useConnector.getState()).toMatchObject({ activitiesVersion: 2, activitiesAdded: 42 });
  });

  it('unsubscribes on stop, so a later start subscribes afresh', async () => {
    const bridge = installBridge({ 'connector.status': async () => ok(status()) });
    cleanup.push(bridge.remove);
    const stop = startConnectorStore();
    expect(bridge.listenerCount('connector.status')).toBe(1);
    stop();
    expect(bridge.listenerCount('connector.status')).toBe(0);
    cleanup.push(startConnectorStore());
    expect(bridge.listenerCount('connector.status')).toBe(1);
  });

  it('keeps the load error as a GuardError, and a pushed status clears it', async () => {
    const bridge = installBridge({ 'connector.status': async () => fail('store_locked', 'Another copy is open.') });
    cleanup.push(bridge.remove, startConnectorStore());
    const s = await until(useConnector, (st) => st.loadError !== null);
    expect(s.loadError).toMatchObject({ code: 'store_locked', message: 'Another copy is open.' });
    bridge.push('connector.status', status());
    expect(useConnector.getState().loadError).toBeNull();
  });

  it('run() tracks the operation in flight and takes the status it returns', async () => {
    let release!: (s: ConnectorStatus) => void;
    const op = () => new Promise<ConnectorStatus>((r) => (release = r));
    const done = useConnector.getState().run('sync', op);
    expect(useConnector.getState().busy).toBe('sync');
    release(status({ state: 'connected' }));
    await done;
    expect(useConnector.getState()).toMatchObject({ busy: null, status: { state: 'connected' } });
    await expect(useConnector.getState().run('x', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(useConnector.getState().busy).toBeNull();
  });

  it('isConnected and mayHaveData read the states as the screens need them', () => {
    expect(isConnected(status({ state: 'first_sync' }))).toBe(true);
    expect(isConnected(status({ state: 'error' }))).toBe(false);
    expect(mayHaveData(null)).toBe(false);
    expect(mayHaveData(status())).toBe(false);
    expect(mayHaveData(status({ lastSyncAt: 1 }))).toBe(true);
    expect(mayHaveData(status({ state: 'disconnected' }))).toBe(true);
  });
});

describe('navigation store', () => {
  it('follows app.navigate from main (Help → About) until unsubscribed', () => {
    const bridge = installBridge();
    cleanup.push(bridge.remove);
    const stop = followNavigationEvents();
    bridge.push('app.navigate', { screen: 'about' });
    expect(useNavigation.getState().screen).toBe('about');
    bridge.push('app.navigate', { screen: 'settings' });
    expect(useNavigation.getState().screen).toBe('settings');
    stop();
    bridge.push('app.navigate', { screen: 'users' });
    expect(useNavigation.getState().screen).toBe('settings');
  });

  it('knows every screen the contract can name', () => {
    expect(screenIds).toContain('about');
    useNavigation.getState().go('posture');
    expect(useNavigation.getState().screen).toBe('posture');
  });
});

describe('activity filter store', () => {
  it('patches, resets, and opens the Activity screen on one user', () => {
    useActivityFilter.getState().set({ ip: '203.0.113.7' });
    expect(useActivityFilter.getState().form).toEqual({ ...emptyActivityFilter, ip: '203.0.113.7' });
    const went: string[] = [];
    showActivityOf('ann@bw.example', (s) => went.push(s));
    expect(useActivityFilter.getState().form).toEqual({ ...emptyActivityFilter, user: 'ann@bw.example' });
    expect(went).toEqual(['activity']);
    useActivityFilter.getState().reset();
    expect(useActivityFilter.getState().form).toEqual(emptyActivityFilter);
  });
});
