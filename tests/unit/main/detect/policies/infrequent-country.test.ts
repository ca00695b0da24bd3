import { describe, expect, it } from 'vitest';
import { act, DAY, engineFor, HOUR, routine, snapshot, T0 } from '../fixtures';

const alice = 'alice@example.com';
const colleagues = (n: number, place: 'paris' | 'hanoi' = 'paris') =>
  Array.from({ length: n }, (_, k) =>
    routine(`c${k}@example.com`, T0 - 20 * DAY, 20, { place, ip: `198.51.100.${100 + k}` }),
  ).flat();

describe('infrequent country', () => {
  it('fires on a first sign-in from Vietnam, with the baseline in the evidence', () => {
    const items = [
      ...colleagues(20),
      ...routine(alice, T0 - 20 * DAY, 20),
      act({ actor: alice, at: T0, ip: '203.0.113.60', place: 'hanoi' }),
    ];
    const drafts = engineFor().run(items, 'infrequent-country');
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.countries).toEqual(['VN']);
    expect(drafts[0]!.evidence).toMatchObject({
      country: 'VN',
      userCountries90d: ['FR'],
      orgUsers30d: 0,
      orgShareThresholdPercent: 5,
    });
  });

  it('does not fire for a country the user already used in 90 days, or one many colleagues use', () => {
    const back = [
      ...routine(alice, T0 - 20 * DAY, 20),
      act({ actor: alice, at: T0 - 15 * DAY, ip: '203.0.113.60', place: 'hanoi' }),
    ];
    const again = act({ actor: alice, at: T0, ip: '203.0.113.60', place: 'hanoi' });
    expect(
      engineFor()
        .run([...colleagues(5), ...back, again], 'infrequent-country')
        .filter((d) => d.at === T0),
    ).toEqual([]);
    // 3 of 20 colleagues (15 %) work from Vietnam: common in the organisation at Medium, not at High.
    const common = [
      ...colleagues(17),
      ...colleagues(3, 'hanoi').map((a) => ({ ...a, actor: `v${a.actor}`, ip: '203.0.113.61' })),
    ];
    const first = [
      ...routine(alice, T0 - 20 * DAY, 20),
      act({ actor: alice, at: T0, ip: '203.0.113.60', place: 'hanoi' }),
    ];
    expect(engineFor().run([...common, ...first], 'infrequent-country')).toEqual([]);
    const high = snapshot({ 'infrequent-country': { sensitivity: 'High' } });
    expect(engineFor().run([...common, ...first], 'infrequent-country', high)).toHaveLength(1);
  });

  it('ignores tunnels, failed sign-ins and users still learning', () => {
    const base = [...colleagues(10), ...routine(alice, T0 - 20 * DAY, 20)];
    const vpn = act({ actor: alice, at: T0, ip: '10.8.0.5', place: 'singapore' });
    const failed = act({ actor: alice, at: T0 + HOUR, type: 'login.failure', ip: '203.0.113.60', place: 'hanoi' });
    expect(engineFor().run([...base, vpn, failed], 'infrequent-country')).toEqual([]);
    const newcomer = [
      ...colleagues(10),
      ...routine(alice, T0 - 2 * DAY, 2),
      act({ actor: alice, at: T0, ip: '203.0.113.60', place: 'hanoi' }),
    ];
    expect(engineFor().run(newcomer, 'infrequent-country')).toEqual([]);
  });
});
