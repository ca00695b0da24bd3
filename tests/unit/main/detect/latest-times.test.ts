// The organisation's latest-activity maps count "users active after T" from hour and day buckets
// (latest-times.ts): checked against walking every entry, on random data around hour and day
// edges, through updates in both directions, deletes (pruning), clears and a save and load.
import { describe, expect, it } from 'vitest';
import { ORG_HORIZON_MS, countryShare, learnOrg, newOrgBaseline, pruneOrgMaps } from '../../../../main/detect/baseline';
import { decodeState, encodeState } from '../../../../main/detect/baseline-codec';
import { LatestTimes } from '../../../../main/detect/latest-times';
import type { OrgBaseline } from '../../../../main/detect/baseline';
import { act, DAY, HOUR, MIN, T0 } from './fixtures';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const walkAfter = (m: Map<string, number>, after: number) => [...m.values()].filter((t) => t > after).length;

/** What countryShare counted before the buckets: every active user, walked. */
function walkedShare(o: OrgBaseline, country: string, at: number, except: string | null) {
  const others = (m: Map<string, number> | undefined) =>
    m ? [...m].filter(([u, t]) => u !== except && t > at - ORG_HORIZON_MS).length : 0;
  const active = others(o.activeUsers);
  const users = others(o.countryUsers.get(country));
  return { users, active, share: active === 0 ? 0 : users / active };
}

describe('LatestTimes', () => {
  it.each([
    ['a week (the default)', undefined],
    ['an hour', HOUR],
    ['a day', DAY],
  ])('counts the keys after any time exactly as a walk does, with buckets of %s', (_, bucketMs) => {
    for (let seed = 1; seed <= 20; seed++) {
      const rand = rng(seed);
      const m = new LatestTimes(null, bucketMs);
      const plain = new Map<string, number>();
      // Times within a few days around T0, on and off hour and day edges, some equal.
      const time = () => {
        const r = rand();
        if (r < 0.2) return T0 + Math.floor(rand() * 4) * DAY; // whole days
        if (r < 0.4) return T0 + Math.floor(rand() * 96) * HOUR - (rand() < 0.5 ? 1 : 0); // an hour's edge
        return T0 - DAY + Math.floor(rand() * 5 * DAY);
      };
      for (let step = 0; step < 3000; step++) {
        const key = `u${Math.floor(rand() * 200)}`;
        const r = rand();
        if (r < 0.5) {
          const t = time();
          m.set(key, t);
          plain.set(key, t);
        } else if (r < 0.7) {
          // Learning: only a later time replaces the key's.
          const t = time();
          m.note(key, t);
          if (!(plain.get(key)! >= t)) plain.set(key, t);
        } else if (r < 0.95) {
          expect(m.delete(key)).toBe(plain.delete(key));
        } else if (r < 0.951) {
          m.clear();
          plain.clear();
        }
        if (step % 7 === 0) {
          const after = rand() < 0.5 ? time() : T0 - 2 * DAY + Math.floor(rand() * 7 * DAY);
          expect(m.countAfter(after)).toBe(walkAfter(plain, after));
          expect(m.countAfter(after - 1)).toBe(walkAfter(plain, after - 1));
        }
      }
      expect([...m].sort()).toEqual([...plain].sort());
      expect(m.size).toBe(plain.size);
    }
  });

  it('deleting while iterating (a prune) keeps the counts', () => {
    const m = new LatestTimes(
      [
        ['a', T0],
        ['b', T0 + HOUR],
        ['c', T0 + HOUR],
        ['d', T0 + DAY + 5 * MIN],
      ],
      HOUR,
    );
    for (const [k, t] of m) if (t <= T0 + HOUR) m.delete(k);
    expect([...m.keys()]).toEqual(['d']);
    expect(m.countAfter(T0 - DAY)).toBe(1);
    expect(m.countAfter(T0 + DAY + 5 * MIN)).toBe(0);
    expect(m.countAfter(T0 + DAY + 5 * MIN - 1)).toBe(1);
  });

  it('refuses what is not a time (a damaged file is rebuilt rather than counted wrong)', () => {
    expect(() => new LatestTimes([['a', Number.NaN]])).toThrow();
    expect(() => new LatestTimes([['a', '12' as unknown as number]])).toThrow();
  });
});

describe('countryShare', () => {
  it('equals the walk over every active user on a random organisation, before and after pruning and a reload', () => {
    const countries = ['FR', 'DE', 'US', 'GB', 'VN'];
    for (let seed = 1; seed <= 5; seed++) {
      const rand = rng(100 + seed);
      let o = newOrgBaseline();
      const users = Array.from({ length: 300 }, (_, i) => `user${i}@example.com`);
      // 80 days of sign-ins (beyond the 30-day horizon), out of order now and then.
      const check = (at: number) => {
        for (const c of [...countries, 'XX']) {
          const except = rand() < 0.2 ? null : users[Math.floor(rand() * users.length)]!;
          expect(countryShare(o, c, at, except)).toEqual(walkedShare(o, c, at, except));
        }
      };
      for (let i = 0; i < 6000; i++) {
        const at = T0 + Math.floor((i / 6000) * 80 * DAY) - (rand() < 0.1 ? Math.floor(rand() * 10 * DAY) : 0);
        const actor = users[Math.floor(rand() * rand() * users.length)]!;
        const country = countries[Math.floor(rand() * rand() * countries.length)]!;
        learnOrg(o, act({ actor, target: actor, at, ip: `198.51.100.${i % 50}`, country }), actor, rand() < 0.9);
        if (i % 97 === 0) check(at + Math.floor(rand() * 2 * DAY) - DAY);
        if (i % 1500 === 0) pruneOrgMaps(o, at - Math.floor(rand() * DAY));
      }
      o = decodeState(JSON.parse(JSON.stringify(encodeState({ users: new Map(), org: o }, T0))))!.org;
      for (let k = 0; k < 40; k++) check(T0 + Math.floor(rand() * 90 * DAY));
    }
  });
});
