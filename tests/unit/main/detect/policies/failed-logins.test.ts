import { describe, expect, it } from 'vitest';
import { act, DAY, engineFor, HOUR, MIN, routine, snapshot, T0 } from '../fixtures';

const alice = 'alice@example.com';
const fails = (n: number, from: number, ip = '203.0.113.50', stepMs = 10_000) =>
  Array.from({ length: n }, (_, k) => act({ actor: alice, at: from + k * stepMs, type: 'login.failure', ip }));

describe('failed logins', () => {
  it('raises one alert per burst of 22 failures, High when a success follows from the same IP', () => {
    const d = engineFor().run(
      [...fails(22, T0), act({ actor: alice, at: T0 + 5 * MIN, ip: '203.0.113.50' })],
      'failed-logins',
    );
    expect(new Set(d.map((x) => x.key)).size).toBe(1);
    expect(d[0]!.evidence).toMatchObject({ countInWindow: 10, threshold: 10 });
    expect(d.at(-1)!.severity).toBe('High');
  });

  it('does not fire on a user who mistypes a few times a day, nor on 9 failures', () => {
    const typos = Array.from({ length: 20 }, (_, d) => fails(3, T0 - 20 * DAY + d * DAY, '198.51.100.10')).flat();
    expect(engineFor().run([...typos, ...fails(9, T0)], 'failed-logins')).toEqual([]);
  });

  it('scales with the user’s own peak: 3 × the highest 5-minute count in their history', () => {
    // A user who routinely fails 6 times in a burst needs 18 now.
    const usual = fails(6, T0 - 10 * DAY, '198.51.100.10', 20_000);
    expect(engineFor().run([...usual, ...fails(15, T0)], 'failed-logins')).toEqual([]);
    const d = engineFor().run([...usual, ...fails(20, T0)], 'failed-logins');
    expect(d[0]!.evidence).toMatchObject({ usualPeak: 6, threshold: 18 });
    const high = snapshot({ 'failed-logins': { sensitivity: 'High' } });
    expect(engineFor().run([...usual, ...fails(15, T0)], 'failed-logins', high)[0]!.evidence).toMatchObject({
      threshold: 12,
    });
  });

  it('re-arms after an hour of quiet', () => {
    const d = engineFor().run(
      [...routine(alice, T0 - 9 * DAY, 8), ...fails(12, T0), ...fails(12, T0 + 2 * HOUR)],
      'failed-logins',
    );
    expect(new Set(d.map((x) => x.key)).size).toBe(2);
  });
});
