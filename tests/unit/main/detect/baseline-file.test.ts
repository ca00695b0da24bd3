// The baselines file written from the users a flush touched: what is read back always equals the
// whole state encoded afresh, untouched users' text is copied, and the older format still loads.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '../../../../main/detect/baseline-codec';
import { BaselineFile } from '../../../../main/detect/baseline-file';
import { createDetection } from '../../../../main/detect/detection';
import type { EngineState } from '../../../../main/detect/engine';
import type { BaselineDoc } from '../../../../main/store/baseline-store';
import { openStore, type Store } from '../../../../main/store/index';
import type { StoredActivity } from '../../../../main/store/types';
import { act, DAY, fixtureIntel, HOUR, MIN, routine, T0 } from './fixtures';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-baseline-file-'));
  dirs.push(d);
  return d;
};

const alice = 'alice@example.com';
const bob = 'bob@example.com';
const carol = 'carol@example.com';

async function commit(store: Store, d: ReturnType<typeof createDetection>, items: StoredActivity[]) {
  const r = await store.activities.append(items);
  d.enqueue(r.addedActivities);
  return d.flush();
}

const readDoc = (dir: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, 'store', 'baselines.json'), 'utf8')) as BaselineDoc;

/** The state as a plain value, so two states compare with toEqual (Maps compare by entries either way). */
const plain = (s: EngineState) => JSON.parse(JSON.stringify(encodeState(s, 0).state)) as unknown;

describe('baselines file', () => {
  it('re-encodes what a flush touched, copies the rest, and reads back the whole state', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    try {
      const d = createDetection({ store, intel: fixtureIntel() });
      await commit(store, d, [
        ...routine(alice, T0 - 10 * DAY, 10),
        ...routine(bob, T0 - 10 * DAY, 10, { ip: '198.51.100.11' }),
        ...routine(carol, T0 - 10 * DAY, 10, { place: 'lyon' }),
      ]);
      // A change the engine does not note (never made outside it) shows which texts are copied.
      const carolFirst = (await d.state()).users.get(carol)!.first;
      (await d.state()).users.get(carol)!.first = 1;

      // Alice: a hop (an alert), then a late activity that re-plays her history (a new baseline object).
      await commit(store, d, [
        act({ actor: alice, at: T0 + 2 * HOUR, place: 'paris' }),
        act({ actor: alice, at: T0 + 3 * HOUR, ip: '203.0.113.50', place: 'newYork' }),
      ]);
      const late = await commit(store, d, [act({ actor: alice, at: T0 + 40 * MIN, place: 'paris' })]);
      expect(late.lateUsers).toBe(1);
      // Bob in place (no replay): only the engine's note that it touched him gets him re-encoded.
      await commit(store, d, [act({ actor: bob, at: T0 + 4 * HOUR, ip: '198.51.100.11' })]);

      const reread = decodeState(readDoc(dir))!;
      expect(reread.users.get(carol)?.first).toBe(carolFirst);
      expect(reread.users.get(alice)?.last).toBe(T0 + 3 * HOUR);
      expect(reread.users.get(bob)?.last).toBe(T0 + 4 * HOUR);
      // Everything else read back equals the state in memory, and the state saved whole.
      const state = await d.state();
      state.users.get(carol)!.first = carolFirst;
      expect(plain(reread)).toEqual(plain(state));
      expect(readDoc(dir)).toEqual(JSON.parse(JSON.stringify(encodeState(state, readDoc(dir).savedAt))));
    } finally {
      await store.close();
    }
  });

  it('re-encodes every user after a rebuild, and a restart resumes from the file', async () => {
    const dir = tempDir();
    const s1 = await openStore(dir);
    const d1 = createDetection({ store: s1, intel: fixtureIntel() });
    await commit(s1, d1, [...routine(alice, T0 - 10 * DAY, 10), ...routine(bob, T0 - 10 * DAY, 10)]);
    await d1.rebuild();
    const rebuilt = plain(await d1.state());
    expect(plain(decodeState(readDoc(dir))!)).toEqual(rebuilt);
    await s1.close();

    const s2 = await openStore(dir);
    try {
      const file = new BaselineFile(s2.baselines);
      const loaded = (await file.load())!;
      expect(plain(loaded)).toEqual(rebuilt);
      // A save with nothing touched writes the same state back.
      await file.save(loaded, new Set(), T0);
      expect(plain(decodeState(readDoc(dir))!)).toEqual(rebuilt);
    } finally {
      await s2.close();
    }
  });

  it("keeps each user's text from the load: a restart's first save encodes only whom it touched", async () => {
    const dir = tempDir();
    // A key with a quote and a colon in it: the line's key is read as JSON, not cut at the first '":'.
    const odd = 'o"dd":one@example.com';
    const s1 = await openStore(dir);
    await commit(s1, createDetection({ store: s1, intel: fixtureIntel() }), [
      ...routine(alice, T0 - 10 * DAY, 10),
      ...routine(bob, T0 - 10 * DAY, 10),
      ...routine(odd, T0 - 10 * DAY, 10),
    ]);
    await s1.close();
    const before = readDoc(dir);

    const s2 = await openStore(dir);
    try {
      const file = new BaselineFile(s2.baselines);
      const state = (await file.load())!;
      expect(state.users.size).toBe(3);
      // Changes the engine did not note are not encoded: the file's own text is written back.
      state.users.get(bob)!.first = 1;
      state.users.get(odd)!.first = 2;
      state.users.get(alice)!.last = T0 + DAY;
      await file.save(state, new Set([alice]), T0);
      const after = readDoc(dir);
      const users = (d: BaselineDoc) => (d.state as { users: Record<string, { first: number; last: number }> }).users;
      expect(users(after)[bob]).toEqual(users(before)[bob]);
      expect(users(after)[odd]).toEqual(users(before)[odd]);
      expect(users(after)[alice]!.last).toBe(T0 + DAY);
      // One user a line, between the document's head and its organisation.
      const lines = fs.readFileSync(path.join(dir, 'store', 'baselines.json'), 'utf8').split('\n');
      expect(lines).toHaveLength(5);
    } finally {
      await s2.close();
    }
  });

  it('reads the older format (users and maps as records) without a rebuild', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    try {
      const d = createDetection({ store, intel: fixtureIntel() });
      await commit(store, d, [...routine(alice, T0 - 10 * DAY, 10), ...routine(bob, T0 - 10 * DAY, 10)]);
      const state = await d.state();
      const record = <T>(m: Map<string, T>) => Object.fromEntries(m);
      const o = state.org;
      const v1: BaselineDoc = {
        v: 1,
        savedAt: T0,
        state: {
          users: record(state.users),
          org: {
            first: o.first,
            ipUsers: Object.fromEntries([...o.ipUsers].map(([k, m]) => [k, record(m)])),
            countryUsers: Object.fromEntries([...o.countryUsers].map(([k, m]) => [k, record(m)])),
            activeUsers: record(o.activeUsers),
            sprayFails: record(o.sprayFails),
          },
        },
      };
      await store.baselines.save(v1);
      // Format 1 never held when the maps were pruned: they are pruned again at the next save.
      const { mapsPrunedAt, ...unpruned } = state.org;
      expect(mapsPrunedAt).toBeDefined();
      expect(plain((await new BaselineFile(store.baselines).load())!)).toEqual(plain({ ...state, org: unpruned }));
    } finally {
      await store.close();
    }
  });

  it('reads a document of another shape as missing (rebuilt), not as a state', () => {
    const v2 = (state: unknown): BaselineDoc => ({ v: 2, savedAt: T0, state });
    const org = { first: null, ipUsers: [], countryUsers: [], activeUsers: [], sprayFails: [] };
    expect(decodeState(v2({ users: [], org }))).toBeNull();
    expect(decodeState(v2({ users: { [alice]: 'not a baseline' }, org }))).toBeNull();
    expect(decodeState(v2({ users: {}, org: { ...org, ipUsers: 3 } }))).toBeNull();
    expect(decodeState({ v: 99, savedAt: T0, state: { users: {}, org } })).toBeNull();
    expect(decodeState(v2({ users: {}, org }))?.users.size).toBe(0);
  });
});
