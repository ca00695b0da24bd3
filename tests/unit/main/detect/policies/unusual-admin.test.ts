import { describe, expect, it } from 'vitest';
import { act, DAY, engineFor, HOUR, MIN, routine, T0 } from '../fixtures';

const eve = 'eve@example.com';
const adminActs = (n: number, from: number, step = 2 * MIN) =>
  Array.from({ length: n }, (_, k) =>
    act({ actor: eve, at: from + k * step, type: 'admin.role.assign', admin: true, target: `x${k}@example.com` }),
  );

describe('unusual admin activity', () => {
  it('fires on a burst of 24 admin actions by a routine admin, once (updates, not new alerts)', () => {
    const usual = Array.from({ length: 20 }, (_, d) => adminActs(2, T0 - 20 * DAY + d * DAY)).flat();
    const d = engineFor().run([...usual, ...adminActs(24, T0)], 'unusual-admin');
    expect(d.length).toBeGreaterThan(1);
    expect(new Set(d.map((x) => x.key)).size).toBe(1);
    expect(d[0]!.evidence).toMatchObject({ usualPeak: 2, threshold: 6 });
  });

  it('does not fire on routine admin work at the usual pace', () => {
    const usual = Array.from({ length: 20 }, (_, d) => adminActs(4, T0 - 20 * DAY + d * DAY, 20 * MIN)).flat();
    expect(engineFor().run([...usual, ...adminActs(4, T0, 20 * MIN)], 'unusual-admin')).toEqual([]);
  });

  it('fires on the first admin action after learning, not during it', () => {
    const d = engineFor().run([...routine(eve, T0 - 20 * DAY, 20), ...adminActs(2, T0)], 'unusual-admin');
    expect(d[0]!.key).toMatch(/^first:/);
    expect(d[0]!.evidence).toMatchObject({ firstInQuietDays: true, quietDays: 30 });
    expect(engineFor().run([...routine(eve, T0 - 2 * DAY, 2), ...adminActs(2, T0)], 'unusual-admin')).toEqual([]);
    // Once they are an admin, a second session a few hours later is not "first" again.
    const later = engineFor().run(
      [...routine(eve, T0 - 20 * DAY, 20), ...adminActs(1, T0), ...adminActs(1, T0 + 3 * HOUR)],
      'unusual-admin',
    );
    expect(later).toHaveLength(1);
  });
});
