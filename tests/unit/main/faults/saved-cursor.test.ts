// Fault class: a saved cursor that cannot be used — one with credentials in it (fetch refuses
// such a URL outright), one of another origin, one the server no longer takes. Once this broke
// every later sync, even across disconnect and reconnect; now the cursor is dropped after one
// retry and the rest of the window re-read, and disconnecting clears the walk altogether.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHECKPOINT_KEY, type ActivityCheckpoint } from '../../../../main/sync/checkpoint';
import { testConnector } from '../sync/fixtures/test-connector';
import { NOW, startImpostor, startRig, type Rig } from './server/rig';

let rig: Rig;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(() => rig.close());

const checkpoint = () => rig.store.meta.get<ActivityCheckpoint>(CHECKPOINT_KEY);

/** A first sync cut short by a 190 after two pages: the walk is saved with a real cursor. */
async function interruptedWalk(): Promise<ActivityCheckpoint> {
  rig.hostile.add({ path: '/security_audit_logs', fault: { kind: 'token_expired' }, after: 2 });
  const r = await rig.sync();
  expect(r.errorKind).toBe('token');
  rig.hostile.behave();
  const cp = checkpoint()!;
  expect(cp.walk?.cursor).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/security_audit_logs\?.*after=/);
  return cp;
}

async function saveCursor(cp: ActivityCheckpoint, cursor: string) {
  await rig.store.meta.set(CHECKPOINT_KEY, { ...cp, walk: { ...cp.walk!, cursor } });
}

describe('fault: saved cursors that cannot be used', () => {
  it('a saved cursor with credentials in it is dropped and the window re-read; every event once', async () => {
    const cp = await interruptedWalk();
    const withCredentials = new URL(cp.walk!.cursor!);
    withCredentials.username = 'admin';
    withCredentials.password = 'hunter2';
    await saveCursor(cp, withCredentials.toString());
    const r = await rig.behaveAndCheck();
    expect(r.warnings.join('\n')).toMatch(/saved (position|page cursor).*user name or password/);
    expect(checkpoint()?.walk).toBeNull();
  });

  it('a saved cursor of another origin is refused without a request to it', async () => {
    const impostor = await startImpostor();
    try {
      const cp = await interruptedWalk();
      const foreign = new URL(cp.walk!.cursor!);
      await saveCursor(cp, `${impostor.base}${foreign.pathname}${foreign.search}`);
      const r = await rig.behaveAndCheck();
      expect(r.warnings.join('\n')).toMatch(/another origin/);
      expect(impostor.hits).toBe(0);
    } finally {
      await impostor.close();
    }
  });

  it('a saved cursor that is not even a URL is dropped the same way', async () => {
    const cp = await interruptedWalk();
    await saveCursor(cp, 'ht!tp://%%%');
    await rig.behaveAndCheck();
  });

  it('disconnect clears the walk: a reconnect starts clean and stores every event once', async () => {
    const settingsDir = rig.dir;
    const connector = testConnector(rig.store, settingsDir, {
      userAgent: 'fault-suite',
      now: () => NOW,
      timers: undefined,
    });
    try {
      rig.hostile.add({ path: '/security_audit_logs', fault: { kind: 'token_expired' }, after: 2 });
      await connector.connectToken({ token: 'integration-token', apiBase: rig.hostile.base });
      const first = await connector.waitForIdle();
      expect(first.errorKind).toBe('token');
      expect(connector.status().state).toBe('error');
      expect(checkpoint()?.walk).not.toBeNull();
      await connector.disconnect();
      // No cursor survives a disconnect (it belongs to the old credentials); the walk keeps only
      // what it committed, so a reconnect re-reads the rest of the window.
      expect(checkpoint()?.walk?.cursor ?? null).toBeNull();
      rig.hostile.behave();
      await connector.connectToken({ token: 'integration-token', apiBase: rig.hostile.base });
      const again = await connector.waitForIdle();
      expect(again.error).toBeNull();
      expect(connector.status().state).toBe('connected');
    } finally {
      await connector.close();
    }
    await rig.behaveAndCheck();
  });
});
