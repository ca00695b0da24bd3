import { describe, expect, it } from 'vitest';
import { act, engineFor, MIN, T0 } from '../fixtures';

const alice = 'alice@example.com';
const spray = (n: number, ip = '193.142.146.35') =>
  Array.from({ length: n }, (_, k) => act({ actor: `u${k}@example.com`, at: T0 + k * MIN, type: 'login.failure', ip }));

describe('suspicious IP', () => {
  it('fires Medium on a sign-in from a listed host', () => {
    const d = engineFor().run([act({ actor: alice, at: T0, ip: '92.63.197.10', place: 'amsterdam' })], 'suspicious-ip');
    expect(d).toHaveLength(1);
    expect(d[0]!.severity).toBe('Medium');
    expect(d[0]!.evidence).toMatchObject({ lists: [{ list: 'firehol-level1', ageHours: 24 }] });
  });

  it('fires High on a success after the address failed against 10 users within the hour, listed or not', () => {
    // Delivered in any order: the spray is judged on time, not arrival.
    const items = [act({ actor: alice, at: T0 + 30 * MIN, ip: '193.142.146.35' }), ...spray(12).reverse()];
    const d = engineFor().run(items, 'suspicious-ip');
    expect(d).toHaveLength(1);
    expect(d[0]!.severity).toBe('High');
    expect(d[0]!.evidence).toMatchObject({ spray: { distinctUsersLastHour: 12, threshold: 10 } });
  });

  it('does not fire for a spray of 9 users, or a success more than an hour later', () => {
    expect(
      engineFor().run([...spray(9), act({ actor: alice, at: T0 + 30 * MIN, ip: '193.142.146.35' })], 'suspicious-ip'),
    ).toEqual([]);
    expect(
      engineFor().run([...spray(12), act({ actor: alice, at: T0 + 90 * MIN, ip: '193.142.146.35' })], 'suspicious-ip'),
    ).toEqual([]);
  });

  it('still fires when the same batch goes on with many later failures from that address', () => {
    // A batch (an incremental sync after a day away, or one day of a back-fill) enters every failed
    // sign-in before judging: the address's later typos (over 64, hours after the spray) must not
    // push out the failures the earlier success is judged on.
    const later = Array.from({ length: 70 }, (_, k) =>
      act({
        actor: `late${k % 20}@example.com`,
        at: T0 + 3 * 60 * MIN + k * MIN,
        type: 'login.failure',
        ip: '193.142.146.35',
      }),
    );
    const items = [...spray(12), act({ actor: alice, at: T0 + 30 * MIN, ip: '193.142.146.35' }), ...later];
    const d = engineFor().run(items, 'suspicious-ip');
    expect(d.map((x) => [x.user, x.severity])).toEqual([[alice, 'High']]);
    expect(d[0]!.evidence).toMatchObject({ spray: { distinctUsersLastHour: 12 } });
  });
});
