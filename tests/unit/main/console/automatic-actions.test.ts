// Automatic actions queued by detection reach governance once, checked and logged as automatic
// (dry run by default: logged, nothing sent), and leave the queue only once logged.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAutomaticActions } from '../../../../main/console/automatic-actions';
import { openGovernance } from '../../../../main/console/governance-wiring';
import { writeGovernanceSettings } from '../../../../main/govern/settings';
import { FileSecretStore } from '../../../../main/runtime/secrets';
import { openStore } from '../../../../main/store/index';
import type { Store, StoredUser } from '../../../../main/store/types';
import { tempDir } from '../../../support/cli';

const user = (id: string, email: string, admin = false): StoredUser => ({
  id,
  email,
  name: email.split('@')[0]!,
  title: null,
  department: null,
  active: true,
  admin,
  claimed: true,
  authMethod: 'sso',
  termDate: null,
  managerId: null,
  raw: {},
});

let store: Store | null = null;
afterEach(async () => {
  await store?.close();
  store = null;
});

describe('automatic actions from detection', () => {
  it('are logged once as automatic dry runs and leave the queue; admins are refused', async () => {
    const dir = tempDir('wg-auto-');
    store = await openStore(dir);
    await store.users.upsertMany([
      user('1', 'ana@bw.example'),
      user('2', 'boss@bw.example', true),
      user('3', 'me@bw.example', true),
    ]);
    await writeGovernanceSettings(store.meta, { ownAccount: 'me@bw.example' });
    const wiring = await openGovernance({ store, secrets: new FileSecretStore(dir), userAgent: 'test' });
    const auto = startAutomaticActions(store, wiring);
    await store.alerts.queueActions([
      {
        action: 'suspend',
        user: 'ana@bw.example',
        alertId: 'AL-1',
        policy: 'activity:mass-download',
        reason: 'x',
        requestedAt: 1,
      },
      {
        action: 'logout',
        user: 'boss@bw.example',
        alertId: 'AL-2',
        policy: 'activity:admin',
        reason: 'y',
        requestedAt: 2,
      },
    ]);
    expect(await auto.drain()).toBe(2);
    expect(store.alerts.queuedActions()).toHaveLength(0);
    const log = wiring.log.list();
    expect(log.find((r) => r.target.id === '1')).toMatchObject({
      action: 'suspend',
      state: 'dry-run',
      automatic: true,
      requestedBy: 'policy:activity:mass-download',
      alertId: 'AL-1',
    });
    expect(log.find((r) => r.target.id === '2')).toMatchObject({
      action: 'signout',
      state: 'refused',
      note: expect.stringMatching(/never taken automatically/),
    });
    // Nothing is requested twice: a drain with nothing new adds nothing to the log.
    expect(await auto.drain()).toBe(0);
    expect(wiring.log.list()).toHaveLength(log.length);
  });
});

describe('a damaged governance log', () => {
  it('is quarantined and reported with the other damaged files, never silently replaced', async () => {
    const dir = tempDir('wg-govlog-');
    store = await openStore(dir);
    fs.writeFileSync(path.join(dir, 'store', 'governance.json'), '{"v":1,"events":[{"seq":');
    const wiring = await openGovernance({ store, secrets: new FileSecretStore(dir), userAgent: 'test' });
    expect(wiring.log.list()).toEqual([]);
    const report = store.corruptions().find((c) => c.file.includes('governance.json'));
    expect(report).toMatchObject({ quarantinedAs: expect.stringMatching(/quarantine/) });
    expect(fs.existsSync(path.join(dir, 'store', report!.quarantinedAs))).toBe(true);
  });
});
