// The pending queue's columns give back each activity exactly as a slim copy would (same fields,
// same order, so the engine sees one shape), in time order, across growth and a spill's pick.
import { describe, expect, it } from 'vitest';
import { CompactActivities } from '../../../../main/detect/compact-activities';
import { byTime } from '../../../../main/detect/history';
import { SlimCopier } from '../../../../main/detect/slim-activity';
import type { StoredActivity } from '../../../../main/store/types';
import { act, HOUR, PLACES, T0 } from './fixtures';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function varied(n: number, seed: number): StoredActivity[] {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const places = [...Object.keys(PLACES), null] as (keyof typeof PLACES | null)[];
  return Array.from({ length: n }, (_, i) => {
    const a = act({
      id: `e${Math.floor(rand() * n * 4)}-${i}`,
      // Equal times now and then: ties are ordered by id.
      at: T0 + Math.floor(rand() * 48) * HOUR + (rand() < 0.3 ? 0 : Math.floor(rand() * HOUR)),
      type: pick(['login.success', 'login.failure', 'file.download', 'admin.role.assign']),
      actor: pick(['alice@example.com', 'bob@example.com', null]),
      target: pick(['alice@example.com', null]),
      ip: pick(['198.51.100.10', '203.0.113.50', '2001:db8::1', null]),
      place: pick(places),
      admin: rand() < 0.2,
      impersonated: rand() < 0.1,
      userAgent: pick(['Mozilla/5.0 Chrome/124', null]),
      summary: rand() < 0.5 ? null : `summary ${Math.floor(rand() * 5)}`,
      raw: { anything: i },
    });
    const r = rand();
    if (r < 0.25) return a;
    return {
      ...a,
      asn: rand() < 0.2 ? null : Math.floor(rand() * 70_000),
      asOrg: rand() < 0.2 ? null : pick(['Example Net', 'Orange']),
      ipTags: pick([[], ['hosting'], ['vpn'], ['vpn', 'tag:lab'], ['tor']]),
      device: rand() < 0.3 ? null : { browser: 'Chrome', os: pick(['Windows', 'macOS']), type: 'desktop', app: null },
      details:
        rand() < 0.3
          ? null
          : pick<Record<string, string>>([
              { fileName: 'a.pdf' },
              { fileName: 'b.zip' },
              { fileName: 'a.pdf', targetName: 'x' },
            ]),
    };
  });
}

describe('CompactActivities', () => {
  it('gives back what a slim copy holds, field for field and in the same order, through growth', () => {
    const items = varied(3000, 7);
    const c = new CompactActivities(undefined, 4);
    for (const a of items) c.push(a);
    const copier = new SlimCopier();
    expect(c.length).toBe(items.length);
    items.forEach((a, i) => {
      const slim = copier.copy(a);
      const back = c.get(i);
      expect(back).toEqual(slim);
      expect(Object.keys(back)).toEqual(Object.keys(slim));
      expect(c.atOf(i)).toBe(a.at);
      expect(c.idOf(i)).toBe(a.id);
    });
    expect(c.idList()).toEqual(items.map((a) => a.id));
  });

  it('orders rows by time then id, and a pick keeps the rows it is given, in that order', () => {
    const items = varied(2000, 11);
    const c = new CompactActivities(undefined, 16, 1000);
    for (const a of items) c.push(a);
    const order = c.timeOrder();
    const sorted = [...items].sort(byTime);
    expect(Array.from(order, (i) => c.idOf(i))).toEqual(sorted.map((a) => a.id));
    const newest = c.pick(order.subarray(1500));
    expect(Array.from({ length: newest.length }, (_, i) => newest.get(i))).toEqual(
      sorted.slice(1500).map((a) => new SlimCopier().copy(a)),
    );
  });
});
