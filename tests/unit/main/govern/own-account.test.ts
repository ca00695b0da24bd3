// The own account asked at connect, over a real store on disk: kept until users are stored,
// matched by email (any case) or id, kept as a warning while it matches no one, and never lost to
// an unrelated settings save.
import { afterEach, describe, expect, it } from 'vitest';
import {
  askOwnAccount,
  governanceSettingsView,
  readAskedOwnAccount,
  settleAskedOwnAccount,
} from '../../../../main/govern/own-account';
import { readGovernanceSettings, writeGovernanceSettings } from '../../../../main/govern/settings';
import { openStore } from '../../../../main/store/index';
import type { Store, StoredUser } from '../../../../main/store/types';
import { tempDir } from '../../../support/cli';

const user = (id: string, email: string | null): StoredUser => ({
  id,
  email,
  name: `User ${id}`,
  title: null,
  department: null,
  active: true,
  admin: true,
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

async function fresh(): Promise<Store> {
  store = await openStore(tempDir('wg-own-account-'));
  return store;
}

describe('own account asked at connect', () => {
  it('waits for the users, then becomes the own account as the email; the question is then gone', async () => {
    const s = await fresh();
    await askOwnAccount(s.meta, '  ANA@bw.example ', 1000);
    expect(await settleAskedOwnAccount(s.meta, s.users)).toEqual({ state: 'pending', asked: 'ANA@bw.example' });
    expect(governanceSettingsView(s.meta).askedOwnAccount).toMatchObject({ asked: 'ANA@bw.example', unmatched: false });
    // Saving other settings with the own account left empty does not drop the waiting answer.
    await writeGovernanceSettings(s.meta, { ownAccount: null, automaticDryRun: false });
    expect(readAskedOwnAccount(s.meta)?.asked).toBe('ANA@bw.example');
    await s.users.upsertMany([user('100', 'ana@bw.example'), user('200', 'bo@bw.example')]);
    expect(await settleAskedOwnAccount(s.meta, s.users)).toEqual({ state: 'set', ownAccount: 'ana@bw.example' });
    expect(readGovernanceSettings(s.meta).ownAccount).toBe('ana@bw.example');
    expect(readAskedOwnAccount(s.meta)).toBeNull();
    expect(await settleAskedOwnAccount(s.meta, s.users)).toEqual({ state: 'none' });
  });

  it('matching no one: kept as a warning, nothing set; a later users sync that brings them settles it', async () => {
    const s = await fresh();
    await s.users.upsertMany([user('100', 'ana@bw.example')]);
    await askOwnAccount(s.meta, '300', 1000);
    const out = await settleAskedOwnAccount(s.meta, s.users);
    expect(out).toMatchObject({ state: 'unmatched', asked: '300' });
    expect(out.state === 'unmatched' && out.message).toMatch(/No synced user is "300".*stay refused until you set/);
    expect(readGovernanceSettings(s.meta).ownAccount).toBeNull();
    expect(governanceSettingsView(s.meta).askedOwnAccount).toMatchObject({ asked: '300', unmatched: true });
    await s.users.upsertMany([user('300', null)]);
    expect(await settleAskedOwnAccount(s.meta, s.users)).toEqual({ state: 'set', ownAccount: '300' });
  });

  it('an own account already set stays when the new answer matches no one, and the warning says so', async () => {
    const s = await fresh();
    await s.users.upsertMany([user('100', 'ana@bw.example')]);
    await writeGovernanceSettings(s.meta, { ownAccount: 'ana@bw.example' });
    await askOwnAccount(s.meta, 'typo@bw.example', 1000);
    const out = await settleAskedOwnAccount(s.meta, s.users);
    expect(out.state === 'unmatched' && out.message).toMatch(/Your own account stays ana@bw\.example/);
    expect(readGovernanceSettings(s.meta).ownAccount).toBe('ana@bw.example');
    // Setting it by hand answers the question.
    await writeGovernanceSettings(s.meta, { ownAccount: 'ana@bw.example' });
    expect(governanceSettingsView(s.meta).askedOwnAccount).toBeNull();
  });

  it('a blank answer asks nothing; an over-long one is refused with a clear message', async () => {
    const s = await fresh();
    await askOwnAccount(s.meta, '   ', 1000);
    expect(readAskedOwnAccount(s.meta)).toBeNull();
    await expect(askOwnAccount(s.meta, 'x'.repeat(321), 1000)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/at most 320 characters/),
    });
    expect(readAskedOwnAccount(s.meta)).toBeNull();
  });
});
