// Issue 8 req 8: one organisation's data never mixes with another's. Two organisations are
// connected in turn on one data directory: the second needs a choice (archive or clear); the
// archive is a data directory of its own, openable for review; clearing leaves nothing behind.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GuardError } from '../../../../main/runtime/errors';
import { openLocalSession, type LocalSession } from '../../../../main/sync/local-session';
import { storeOrganisation } from '../../../../main/sync/organisation';
import { makeEvents, startFakeWorkplace, type FakeWorkplace } from './fixtures/fake-workplace';
import { storedIds, tempDir } from './fixtures/temp-store';

const DAY = 86_400_000;
let alpha: FakeWorkplace;
let beta: FakeWorkplace;
let dataDir: string;
let session: LocalSession | null;

beforeEach(async () => {
  alpha = await startFakeWorkplace({ pageSize: 50 });
  alpha.org = { id: 'org-alpha', name: 'Alpha Freight' };
  alpha.users = [{ id: 'a1', email: 'ann@alpha.example', name: 'Ann' }];
  alpha.events = makeEvents(120, Date.now() - 5 * DAY, Date.now() - 60_000, 'alpha');
  beta = await startFakeWorkplace({ pageSize: 50 });
  beta.org = { id: 'org-beta', name: 'Beta Bakeries' };
  beta.users = [{ id: 'b1', email: 'bo@beta.example', name: 'Bo' }];
  beta.events = makeEvents(70, Date.now() - 5 * DAY, Date.now() - 60_000, 'beta');
  dataDir = tempDir('guard-orgs-');
  session = null;
});
afterEach(async () => {
  await session?.close();
  await alpha.close();
  await beta.close();
});

async function open(dir = dataDir): Promise<LocalSession> {
  await session?.close();
  session = await openLocalSession(dir, { extra: { geolocationDir: null, http: { sleep: async () => undefined } } });
  return session;
}

async function connect(
  s: LocalSession,
  fw: FakeWorkplace,
  choice?: 'archive' | 'clear',
  onSetAside?: (info: { archivedTo: string | null }) => void,
) {
  await s.connector.connectToken({
    token: 'integration-token-1',
    apiBase: fw.base,
    backfillDays: 30,
    otherOrganisation: choice,
    onSetAside,
  });
  const r = await s.connector.waitForIdle();
  expect(r.error).toBeNull();
}

describe('one organisation per store', () => {
  it('another organisation needs a choice; archive moves the data aside, clear deletes it', async () => {
    let s = await open();
    await connect(s, alpha);
    expect(await storedIds(s.store)).toEqual(alpha.idsBetween(0));
    expect(storeOrganisation(s.store.meta)).toMatchObject({ id: 'org-alpha', name: 'Alpha Freight' });

    // No choice: refused with both choices named; nothing changes.
    const refused = await s.connector.connectToken({ token: 'integration-token-1', apiBase: beta.base }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(GuardError);
    expect((refused as GuardError).message).toMatch(/holds the data of Alpha Freight \(org-alpha\); Beta Bakeries/);
    expect((refused as GuardError).message).toMatch(/archive .* or clear it/);
    expect(s.connector.status()).toMatchObject({ state: 'connected', organisation: { id: 'org-alpha' } });
    expect(await storedIds(s.store)).toEqual(alpha.idsBetween(0));

    // Archive: Beta starts on an empty store; Alpha's data is in the archive, whole.
    let archivedTo: string | null = null;
    await connect(s, beta, 'archive', (info) => (archivedTo = info.archivedTo));
    expect(archivedTo).not.toBeNull();
    expect(path.dirname(archivedTo!)).toBe(path.join(dataDir, 'archives'));
    expect(s.connector.status()).toMatchObject({ state: 'connected', organisation: { id: 'org-beta' } });
    expect(await storedIds(s.store)).toEqual(beta.idsBetween(0));
    expect(s.store.users.get('a1')).toBeNull();
    expect(s.store.users.get('b1')).not.toBeNull();
    expect(storeOrganisation(s.store.meta)).toMatchObject({ id: 'org-beta' });

    // Clear: back to Alpha; Beta's data is gone, and no second archive appears.
    await connect(s, alpha, 'clear');
    expect(await storedIds(s.store)).toEqual(alpha.idsBetween(0));
    expect(s.store.users.get('b1')).toBeNull();
    expect(fs.readdirSync(path.join(dataDir, 'archives'))).toHaveLength(1);
    expect(fs.readdirSync(dataDir).filter((f) => f.startsWith('store.cleared'))).toEqual([]);
    await s.close();
    session = null;

    // The archive opens as a data directory of its own: Alpha's data, disconnected, never synced.
    s = await open(archivedTo!);
    expect(s.connector.status()).toMatchObject({ state: 'disconnected', organisation: { name: 'Alpha Freight' } });
    expect(await storedIds(s.store)).toEqual(alpha.idsBetween(0));
    await expect(s.connector.syncNow()).rejects.toThrow(/Not connected/);
  });

  it('an archive that cannot be made: one line naming what is in the way; the store is left as it was', async () => {
    const s = await open();
    await connect(s, alpha);
    const blocker = path.join(dataDir, 'archives');
    fs.writeFileSync(blocker, 'not a folder');
    const failed = await s.connector
      .connectToken({ token: 'integration-token-1', apiBase: beta.base, otherOrganisation: 'archive' })
      .then(
        () => null,
        (e: unknown) => e as GuardError,
      );
    expect(failed?.message).toContain(blocker);
    expect(failed?.message).toMatch(/Fix: Move .* aside/);
    expect(failed?.message).not.toMatch(/\n/);
    expect(await storedIds(s.store)).toEqual(alpha.idsBetween(0));
    expect(storeOrganisation(s.store.meta)).toMatchObject({ id: 'org-alpha' });
    // Still connected to Alpha, and still syncing it.
    expect(s.connector.status()).toMatchObject({ state: 'connected', organisation: { id: 'org-alpha' } });
    await s.connector.syncNow();
    expect((await s.connector.waitForIdle()).ok).toBe(true);
  });

  it('the same organisation again (after a disconnect) needs no choice and keeps its data', async () => {
    const s = await open();
    await connect(s, alpha);
    await s.connector.disconnect();
    await connect(s, alpha);
    expect(await storedIds(s.store)).toEqual(alpha.idsBetween(0));
    expect(fs.existsSync(path.join(dataDir, 'archives'))).toBe(false);
  });
});
