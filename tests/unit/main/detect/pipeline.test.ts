// The console's detection pipeline: activities the sync commits are evaluated when the run ends
// (the connector reports it stopped), announced as alerts.new; the connector entering Error
// raises one system alert per cause.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConnectorStatus } from '../../../../preload/contract';
import { startDetectionPipeline } from '../../../../main/detect/pipeline';
import { GuardEvents } from '../../../../main/runtime/events';
import { openStore } from '../../../../main/store/index';
import { NOT_CONNECTED } from '../../../../main/sync/connector-status';
import { IDLE_PROGRESS } from '../../../../main/sync/progress';
import { act, DAY, fixtureIntel, MIN, routine, T0 } from './fixtures';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const status = (over: Partial<ConnectorStatus>): ConnectorStatus => ({
  ...structuredClone(NOT_CONNECTED),
  state: 'connected',
  ...over,
});

describe('detection pipeline', () => {
  it('evaluates at the end of a sync run, announces new alerts, and raises a system alert on Error', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-pipe-'));
    dirs.push(dir);
    const store = await openStore(dir);
    const events = new GuardEvents();
    const pipeline = startDetectionPipeline({ store, events, intel: fixtureIntel() });
    try {
      const alice = 'alice@example.com';
      const r = await store.activities.append([
        ...routine(alice, T0 - 10 * DAY, 10),
        act({ actor: alice, at: T0 }),
        act({ actor: alice, at: T0 + 30 * MIN, ip: '203.0.113.50', place: 'newYork' }),
      ]);
      pipeline.onActivitiesCommitted(r.addedActivities);
      // Still syncing: nothing evaluated yet (pages arrive newest first).
      events.emit('connector.status', status({ progress: { ...IDLE_PROGRESS, running: true, phase: 'activities' } }));
      expect(store.alerts.count()).toBe(0);
      const announced = events.next('alerts.new');
      events.emit('connector.status', status({ progress: { ...IDLE_PROGRESS, phase: 'done' } }));
      const { ids } = await announced;
      await pipeline.settled();
      expect(ids.map((id) => store.alerts.get(id)!.policy)).toContain('impossible-travel');

      const system = events.next('alerts.new');
      const error = { code: 'token_invalid' as const, message: 'The token was revoked.', fix: 'Reconnect.' };
      events.emit('connector.status', status({ state: 'error', error }));
      events.emit('connector.status', status({ state: 'error', error }));
      const raised = store.alerts.get((await system).ids[0]!)!;
      expect(raised).toMatchObject({ policy: 'system:connector', key: 'token_invalid', users: [], count: 1 });
      expect(raised.description).toContain('Reconnect.');
    } finally {
      pipeline.stop();
      await store.close();
    }
  });
});
