// "Explore the demo community" across restarts: the console regenerates the same demo,
// reconnects by itself, keeps what it synced, and new demo events are really new.
import { describe, expect, it } from 'vitest';
import { openConsole } from '../../../../main/console/open-console';
import { tempDir } from '../../../support/cli';

const demo = { users: 60, days: 10, liveRatePerMin: 0 };

describe('in-app demo community', () => {
  it('connects through consent, syncs, and after a restart reconnects and keeps syncing new events', async () => {
    const dataDir = tempDir();
    const first = await openConsole({ shell: 'node', dataDir, demo });
    const status = await first.api.connector.connectDemo(undefined);
    expect(status).toMatchObject({ method: 'demo', organisation: { name: expect.any(String) } });
    const result = await first.connector.waitForIdle();
    expect(result.ok).toBe(true);
    const synced = first.store.activities.count();
    expect(synced).toBe(first.demo()!.groundTruth.eventCount());
    // Two new events happen in the demo and are synced.
    first.demo()!.inspect.liveTick();
    first.demo()!.inspect.liveTick();
    await first.api.connector.syncNow(undefined);
    await first.connector.waitForIdle();
    expect(first.store.activities.count()).toBe(synced + 2);
    // Changing a setting re-arms the schedule; it must not reconnect (or restart) the demo.
    const states: string[] = [];
    const off = first.events.on('connector.status', (st) => states.push(st.state));
    await first.api.settings.update({ syncIntervalMinutes: 30 });
    await first.api.connector.syncNow(undefined);
    await first.connector.waitForIdle();
    off();
    expect(states).not.toContain('connecting');
    const orgName = first.connector.status().organisation!.name;
    await first.close();

    const second = await openConsole({ shell: 'node', dataDir, demo });
    try {
      const connected = await second.events.next(
        'connector.status',
        (s) => s.state === 'connected' && s.progress.running === false,
      );
      expect(connected.organisation!.name).toBe(orgName);
      await second.connector.waitForIdle();
      expect(second.store.activities.count()).toBe(synced + 2);
      // The restarted demo skipped past the ids already synced: a new event is stored, not dropped as a duplicate.
      const id = second.demo()!.inspect.liveTick();
      expect(second.store.activities.has(id)).toBe(false);
      await second.api.connector.syncNow(undefined);
      await second.connector.waitForIdle();
      expect(second.store.activities.has(id)).toBe(true);
      expect(second.store.activities.count()).toBe(synced + 3);
    } finally {
      await second.close();
    }
  });
});
