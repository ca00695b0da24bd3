// The organisation's 30-day maps are pruned once per day of activity, not at every save: between
// two prunes they may hold a user last seen just beyond the horizon, whom the policies never count.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countryShare } from '../../../../main/detect/baseline';
import { createDetection } from '../../../../main/detect/detection';
import { openStore, type Store } from '../../../../main/store/index';
import type { StoredActivity } from '../../../../main/store/types';
import { act, DAY, fixtureIntel, HOUR, T0 } from './fixtures';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function commit(store: Store, d: ReturnType<typeof createDetection>, items: StoredActivity[]) {
  const r = await store.activities.append(items);
  d.enqueue(r.addedActivities);
  return d.flush();
}

const signIn = (actor: string, at: number) => act({ actor, target: actor, at });

describe("organisation baselines' pruning", () => {
  it('prunes the 30-day maps once per day of activity; what is left beyond the horizon is not counted', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-org-prune-'));
    dirs.push(dir);
    const store = await openStore(dir);
    try {
      const d = createDetection({ store, intel: fixtureIntel() });
      const active = async () => [...(await d.state()).org.activeUsers.keys()].sort();
      await commit(store, d, [signIn('alice@example.com', T0)]);
      // A prune (a day after the last): Alice is still inside the horizon.
      await commit(store, d, [signIn('bob@example.com', T0 + 30 * DAY - HOUR)]);
      expect(await active()).toEqual(['alice@example.com', 'bob@example.com']);

      // Three hours later: no prune, so Alice (now beyond the horizon) is still held, but not counted.
      const at = T0 + 30 * DAY + 2 * HOUR;
      await commit(store, d, [signIn('carol@example.com', at)]);
      expect(await active()).toEqual(['alice@example.com', 'bob@example.com', 'carol@example.com']);
      const org = (await d.state()).org;
      expect(countryShare(org, 'FR', at + 1, null)).toEqual({ users: 2, active: 2, share: 1 });
      expect(org.ipUsers.get('198.51.100.10')?.has('alice@example.com')).toBe(true);

      // A day after the last prune: Alice goes, from every map.
      await commit(store, d, [signIn('dave@example.com', T0 + 31 * DAY)]);
      expect(await active()).toEqual(['bob@example.com', 'carol@example.com', 'dave@example.com']);
      expect(org.ipUsers.get('198.51.100.10')?.has('alice@example.com')).toBe(false);
      expect(org.countryUsers.get('FR')?.has('alice@example.com')).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('saves when the maps were pruned: a console started afresh does not prune them again that day', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-org-prune-'));
    dirs.push(dir);
    const store = await openStore(dir);
    try {
      const first = createDetection({ store, intel: fixtureIntel() });
      await commit(store, first, [signIn('alice@example.com', T0)]);
      await commit(store, first, [signIn('bob@example.com', T0 + 30 * DAY - HOUR)]);
      const prunedAt = (await first.state()).org.mapsPrunedAt;
      expect(prunedAt).toBe(T0 + 30 * DAY - HOUR);

      // A new process (the CLI's every sync): the time comes back with the maps, so three hours
      // later Alice, beyond the horizon, is still held (not counted), as in a long-running console.
      const second = createDetection({ store, intel: fixtureIntel() });
      const at = T0 + 30 * DAY + 2 * HOUR;
      await commit(store, second, [signIn('carol@example.com', at)]);
      const org = (await second.state()).org;
      expect(org.mapsPrunedAt).toBe(prunedAt);
      expect([...org.activeUsers.keys()].sort()).toEqual(['alice@example.com', 'bob@example.com', 'carol@example.com']);
      expect(countryShare(org, 'FR', at + 1, null)).toEqual({ users: 2, active: 2, share: 1 });

      // A day after the last prune: pruned, and the new time saved.
      const third = createDetection({ store, intel: fixtureIntel() });
      await commit(store, third, [signIn('dave@example.com', T0 + 31 * DAY)]);
      const later = (await third.state()).org;
      expect([...later.activeUsers.keys()].sort()).toEqual([
        'bob@example.com',
        'carol@example.com',
        'dave@example.com',
      ]);
      expect(later.mapsPrunedAt).toBe(T0 + 31 * DAY);
    } finally {
      await store.close();
    }
  });
});
