import { describe, expect, it } from 'vitest';
import { act, DAY, engineFor, HOUR, MIN, routine, T0 } from '../fixtures';

const yan = 'yan@example.com';
const asOthers = (actor: string, n: number, from: number, step = MIN) =>
  Array.from({ length: n }, (_, k) =>
    act({ actor, at: from + k * step, type: 'file.download', impersonated: true, target: `v${k % 7}@example.com` }),
  );

describe('unusual impersonation', () => {
  it('fires on a first-ever impersonation by someone past learning', () => {
    const d = engineFor().run([...routine(yan, T0 - 20 * DAY, 20), ...asOthers(yan, 3, T0)], 'unusual-impersonation');
    expect(d.length).toBeGreaterThan(0);
    expect(new Set(d.map((x) => x.key)).size).toBe(1);
    expect(d[0]!.evidence).toMatchObject({ firstEver: true });
  });

  it('does not fire on an integration that always downloads on behalf of users', () => {
    const svc = 'files-sync@example.com';
    const usual = Array.from({ length: 20 }, (_, d) => asOthers(svc, 30, T0 - 20 * DAY + d * DAY, 2 * MIN)).flat();
    expect(engineFor().run([...usual, ...asOthers(svc, 30, T0, 2 * MIN)], 'unusual-impersonation')).toEqual([]);
  });

  it('fires on a burst well above the actor’s usual hourly peak', () => {
    const svc = 'files-sync@example.com';
    const usual = Array.from({ length: 20 }, (_, d) => asOthers(svc, 5, T0 - 20 * DAY + d * DAY, 20 * MIN)).flat();
    const d = engineFor().run([...usual, ...asOthers(svc, 40, T0 + HOUR)], 'unusual-impersonation');
    expect(d[0]!.evidence).toMatchObject({ threshold: 9 });
  });
});
