// Issue 8 req 8 with the real demo: two demo communities (their own id, name and seed) are two
// organisations. Connected in turn on one data directory, the second is refused by the CLI
// without --archive/--clear and offered through the contract (connector.connectToken's
// otherOrganisation); archive moves the first aside (still openable for review), clear wipes it,
// and no record of one organisation is ever found in the other's store.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../main/console/dispatch';
import { openConsole, type RunningConsole } from '../../../../main/console/open-console';
import { startDemoServer, type DemoServer } from '../../../../main/demo/index';
import type { Store } from '../../../../main/store/types';
import type { ConsentFlow } from '../../../../main/workplace/consent';
import { createDemoAutoConsentFlow } from '../../../../main/workplace/consent-auto';
import { runCli, tempDir } from '../../../support/cli';
import { storedIds } from '../sync/fixtures/temp-store';

const BRIGHTWAVE = { id: '100038294712245', name: 'Brightwave Logistics' };
const HARBOUR = { id: '100077001234567', name: 'Harbour Street Clinics' };
let brightwave: DemoServer;
let harbour: DemoServer;

beforeAll(async () => {
  // The default community, and a second one named by the new option with its own seed.
  brightwave = await startDemoServer({ users: 60, days: 8, seed: 'two-orgs-a' });
  harbour = await startDemoServer({ users: 60, days: 8, seed: 'two-orgs-b', community: HARBOUR });
});
afterAll(async () => {
  await brightwave?.close();
  await harbour?.close();
});

function userIds(store: Store): string[] {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const got = store.users.list(null, cursor, 500);
    ids.push(...got.items.map((u) => u.id));
    cursor = got.nextCursor;
    if (!cursor) break;
  }
  return ids.sort();
}

/** Files under `dir` whose text holds any of `needles` (a user id of the other organisation). */
function filesMentioning(dir: string, needles: string[]): string[] {
  const hits: string[] = [];
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = fs.readFileSync(file, 'latin1');
    const found = needles.find((n) => text.includes(n));
    if (found) hits.push(`${path.relative(dir, file)} (${found})`);
  }
  return hits;
}

const demoIds = (d: DemoServer) => new Set(d.groundTruth.eventIds());
const demoUsers = (d: DemoServer) => new Set(d.groundTruth.users().map((u) => u.id));

async function connectThroughContract(c: RunningConsole, demo: DemoServer, otherOrganisation?: 'archive' | 'clear') {
  const input = {
    token: demo.integrationToken,
    apiBase: demo.baseUrl,
    ...(otherOrganisation && { otherOrganisation }),
  };
  return dispatch(c.api, 'connector.connectToken', input);
}

describe('the demo server is any organisation it is told to be', () => {
  it('the community option sets the organisation the Graph API and the incidents document name', async () => {
    const res = await fetch(`${harbour.baseUrl}/community?fields=id,name`, {
      headers: { authorization: `Bearer ${harbour.integrationToken}` },
    });
    expect(await res.json()).toEqual(HARBOUR);
    expect(harbour.incidents.community).toEqual(HARBOUR);
    expect(brightwave.incidents.community).toEqual(BRIGHTWAVE);
    await expect(startDemoServer({ users: 5, days: 1, community: { id: 'not-digits', name: 'X' } })).rejects.toThrow(
      /community id must be 1-20 digits/,
    );
  });

  it('the two demo organisations share no event or user id', () => {
    const a = demoIds(brightwave);
    expect([...demoIds(harbour)].filter((id) => a.has(id))).toEqual([]);
    const u = demoUsers(brightwave);
    expect([...demoUsers(harbour)].filter((id) => u.has(id))).toEqual([]);
  });
});

describe('two real demo organisations on one data directory', () => {
  it('CLI refuses the second without a choice; the contract archives, then clears; nothing mixes', async () => {
    const dataDir = tempDir('wg-two-demo-orgs-');
    const first = await runCli(['--data-dir', dataDir, 'connect', '--api-base', brightwave.baseUrl], {
      env: { WORKPLACE_TOKEN: brightwave.integrationToken },
    });
    expect(first.code, first.stderr).toBe(0);

    const refused = await runCli(['--data-dir', dataDir, 'connect', '--api-base', harbour.baseUrl], {
      env: { WORKPLACE_TOKEN: harbour.integrationToken },
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /holds the data of Brightwave Logistics \(100038294712245\); Harbour Street Clinics/,
    );
    expect(refused.stderr).toMatch(/adding --archive or --clear/);

    const running = await openConsole({ shell: 'browser', dataDir });
    try {
      const brightwaveStored = await storedIds(running.store);
      expect(brightwaveStored.length).toBeGreaterThan(0);
      const bIds = demoIds(brightwave);
      expect(brightwaveStored.every((id) => bIds.has(id))).toBe(true);

      // The UI's connect: refused with both choices named, nothing changed ...
      const offered = await connectThroughContract(running, harbour);
      expect(offered.ok).toBe(false);
      const { code, message } = (offered as { error: { code: string; message: string } }).error;
      // 'already_connected' while Brightwave is the live connection, 'refused' once it is not.
      expect(['already_connected', 'refused']).toContain(code);
      expect(message).toMatch(/Choose: archive Brightwave Logistics's data .* or clear it/);
      expect(await storedIds(running.store)).toEqual(brightwaveStored);

      // ... then archived by the admin's choice: Harbour starts clean, no Brightwave record left.
      const archived = await connectThroughContract(running, harbour, 'archive');
      expect(archived, JSON.stringify(archived)).toMatchObject({
        ok: true,
        value: { organisation: HARBOUR },
      });
      expect((await running.connector.waitForIdle()).error).toBeNull();
      const harbourStored = await storedIds(running.store);
      expect(harbourStored.length).toBeGreaterThan(0);
      const hIds = demoIds(harbour);
      expect(harbourStored.every((id) => hIds.has(id))).toBe(true);
      const bUsers = demoUsers(brightwave);
      expect(userIds(running.store).filter((id) => bUsers.has(id))).toEqual([]);
      await running.detection.settled();
      expect(filesMentioning(path.join(dataDir, 'store'), [...bUsers])).toEqual([]);
      // (The check can see a user: Harbour's own are found.)
      expect(filesMentioning(path.join(dataDir, 'store'), [...demoUsers(harbour)]).length).toBeGreaterThan(0);

      // Back to Brightwave, clearing Harbour: only Brightwave's records, and one archive still.
      const cleared = await connectThroughContract(running, brightwave, 'clear');
      expect(cleared).toMatchObject({ ok: true, value: { organisation: BRIGHTWAVE } });
      expect((await running.connector.waitForIdle()).error).toBeNull();
      const again = await storedIds(running.store);
      expect(again.length).toBeGreaterThan(0);
      expect(again.filter((id) => hIds.has(id))).toEqual([]);
      const hUsers = demoUsers(harbour);
      expect(userIds(running.store).filter((id) => hUsers.has(id))).toEqual([]);
      await running.detection.settled();
      expect(filesMentioning(path.join(dataDir, 'store'), [...hUsers])).toEqual([]);
    } finally {
      await running.close();
    }

    // The archive is Brightwave's first store, whole, openable for review and never synced.
    const archives = fs.readdirSync(path.join(dataDir, 'archives'));
    expect(archives).toHaveLength(1);
    const archiveDir = path.join(dataDir, 'archives', archives[0]);
    const review = await runCli(['--data-dir', archiveDir, 'status']);
    expect(review.stdout).toMatch(/^Disconnected: Brightwave Logistics/);
    expect(review.stdout).toMatch(/^Archive: set aside on \d{4}-.* when Harbour Street Clinics was connected/m);
    const archivedConsole = await openConsole({ shell: 'browser', dataDir: archiveDir });
    try {
      const inArchive = await storedIds(archivedConsole.store);
      const bIds = demoIds(brightwave);
      expect(inArchive.length).toBeGreaterThan(0);
      expect(inArchive.every((id) => bIds.has(id))).toBe(true);
      expect(await dispatch(archivedConsole.api, 'connector.syncNow', undefined)).toMatchObject({ ok: false });
    } finally {
      await archivedConsole.close();
    }
  }, 180_000);

  it('a consent refused for another organisation is not asked for again when the admin answers', async () => {
    const dataDir = tempDir('wg-two-demo-orgs-consent-');
    let consents = 0;
    const windowConsentFlow = (): ConsentFlow => {
      const flow = createDemoAutoConsentFlow();
      return { authorize: (req) => (consents++, flow.authorize(req)) };
    };
    const running = await openConsole({ shell: 'browser', dataDir, windowConsentFlow });
    try {
      const consent = (demo: DemoServer, otherOrganisation?: 'archive' | 'clear') =>
        dispatch(running.api, 'connector.connectConsent', {
          appId: demo.appId,
          appSecret: demo.appSecret,
          apiBase: demo.baseUrl,
          ...(otherOrganisation && { otherOrganisation }),
        });
      expect(await consent(brightwave)).toMatchObject({ ok: true, value: { organisation: BRIGHTWAVE } });
      await running.connector.waitForIdle();
      expect(consents).toBe(1);

      // Harbour consents, then the store turns out to hold Brightwave: the choice is offered ...
      expect(await consent(harbour)).toMatchObject({ ok: false });
      expect(consents).toBe(2);
      // ... and the answer completes that connect with the consent just given, not a second page.
      expect(await consent(harbour, 'archive')).toMatchObject({ ok: true, value: { organisation: HARBOUR } });
      expect(consents).toBe(2);
      expect((await running.connector.waitForIdle()).error).toBeNull();

      // Kept for one answer only: the next connect to another organisation asks for consent again.
      expect(await consent(brightwave)).toMatchObject({ ok: false });
      expect(await consent(brightwave, 'clear')).toMatchObject({ ok: true, value: { organisation: BRIGHTWAVE } });
      expect(consents).toBe(3);
      // A choice sent without a refused consent before it consents as usual.
      expect(await consent(harbour, 'clear')).toMatchObject({ ok: true, value: { organisation: HARBOUR } });
      expect(consents).toBe(4);
    } finally {
      await running.close();
    }
  }, 180_000);
});
