import { describe, expect, it } from 'vitest';
import { act, DAY, engineFor, fixtureIntel, HOUR, MIN, routine, snapshot, T0 } from '../fixtures';

const alice = 'alice@example.com';
// Ten days of sign-ins from Paris: alice is past learning.
const history = () => routine(alice, T0 - 10 * DAY, 10);

describe('impossible travel', () => {
  it('fires on Paris → New York in 50 minutes, with distance, radii, speed, both places and times', () => {
    const { run } = engineFor();
    const hop = act({ actor: alice, at: T0 + 50 * MIN, ip: '203.0.113.50', place: 'newYork' });
    const drafts = run([...history(), act({ actor: alice, at: T0 }), hop], 'impossible-travel');
    expect(drafts).toHaveLength(1);
    const e = drafts[0]!.evidence as {
      distanceMinusRadiiKm: number;
      greatCircleKm: number;
      speedKmh: number;
      minutes: number;
      maxSpeedKmh: number;
      from: { city: string };
      to: { city: string };
    };
    expect(drafts[0]!.severity).toBe('High');
    expect(e.distanceMinusRadiiKm).toBeGreaterThan(5700);
    expect(e.distanceMinusRadiiKm).toBeLessThan(e.greatCircleKm);
    expect(e.speedKmh).toBeGreaterThan(6000);
    expect(e.from.city).toBe('Paris');
    expect(e.to.city).toBe('New York');
    expect(e.minutes).toBe(50);
    expect(e.maxSpeedKmh).toBe(900);
    expect(drafts[0]!.activityIds).toEqual([expect.any(String), hop.id]);
  });

  it('does not fire on a plausible flight (Paris → New York in 9 hours)', () => {
    const { run } = engineFor();
    const hop = act({ actor: alice, at: T0 + 9 * HOUR, ip: '203.0.113.50', place: 'newYork' });
    expect(run([...history(), act({ actor: alice, at: T0 }), hop], 'impossible-travel')).toEqual([]);
  });

  it('never fires for neighbouring countries at Medium, but does at High', () => {
    const items = [
      ...history(),
      act({ actor: alice, at: T0, place: 'paris' }),
      // Paris → Brussels (~260 km, ~220 km after radii) in 5 minutes; the distance floor lowered
      // to 200 km at both sensitivities, so only the bordering rule differs.
      act({ actor: alice, at: T0 + 5 * MIN, ip: '198.51.100.11', place: 'brussels' }),
    ];
    const at = (sensitivity: 'Medium' | 'High') =>
      snapshot({ 'impossible-travel': { sensitivity, params: { minDistanceKm: 200 } } });
    expect(engineFor().run(items, 'impossible-travel', at('Medium'))).toEqual([]);
    const high = engineFor().run(items, 'impossible-travel', at('High'));
    expect(high).toHaveLength(1);
    expect(high[0]!.evidence).toMatchObject({ bordering: true, minDistanceKm: 200, source: 'sensitivity High' });
  });

  it('ignores admin-tagged VPN ranges and hosting networks (no physical location)', () => {
    const { run } = engineFor();
    const items = [
      ...history(),
      act({ actor: alice, at: T0, ip: '10.8.0.5', place: 'amsterdam' }),
      act({ actor: alice, at: T0 + 10 * MIN, ip: '10.9.0.5', place: 'newYork' }),
      act({ actor: alice, at: T0 + 20 * MIN, ip: '100.64.1.1', place: 'singapore' }),
    ];
    expect(run(items, 'impossible-travel')).toEqual([]);
  });

  it('applies a VPN range the admin adds later to the next evaluation', () => {
    const hop = [
      act({ actor: alice, at: T0 }),
      act({ actor: alice, at: T0 + 30 * MIN, ip: '203.0.113.50', place: 'newYork' }),
    ];
    expect(engineFor().run([...history(), ...hop], 'impossible-travel')).toHaveLength(1);
    const tagged = fixtureIntel({
      '203.0.113.50': {
        range: { id: 'r', cidr: '203.0.113.0/24', category: 'vpn', name: null, tags: [], createdAt: T0 },
      },
    });
    expect(engineFor({ intel: tagged }).run([...history(), ...hop], 'impossible-travel')).toEqual([]);
  });

  it('treats a mobile carrier location as country-sized', () => {
    // Paris → a T-Mobile US address geolocated to New York 10 minutes later still fires (ocean apart),
    // but a hop between two places 900 km apart on a mobile network does not.
    const items = [
      ...history(),
      act({ actor: alice, at: T0, place: 'paris' }),
      act({ actor: alice, at: T0 + 10 * MIN, ip: '172.58.1.1', place: 'hanoi' }),
    ];
    expect(engineFor().run(items, 'impossible-travel')).toHaveLength(1);
    const near = [
      ...history(),
      act({ actor: alice, at: T0, place: 'paris' }),
      act({ actor: alice, at: T0 + 10 * MIN, ip: '172.58.1.1', place: 'amsterdam', country: 'NL' }),
    ];
    expect(engineFor().run(near, 'impossible-travel')).toEqual([]);
  });

  it('stays quiet during the learning period and for excluded users', () => {
    const hop = [
      act({ actor: alice, at: T0 }),
      act({ actor: alice, at: T0 + 30 * MIN, ip: '203.0.113.50', place: 'newYork' }),
    ];
    expect(engineFor().run([...routine(alice, T0 - 3 * DAY, 3), ...hop], 'impossible-travel')).toEqual([]);
    const excluded = snapshot({ 'impossible-travel': { excludeUsers: ['alice'] } });
    expect(engineFor().run([...history(), ...hop], 'impossible-travel', excluded)).toEqual([]);
    const disabled = snapshot({ 'impossible-travel': { enabled: false } });
    expect(engineFor().run([...history(), ...hop], 'impossible-travel', disabled)).toEqual([]);
  });

  it('skips a hop between two corporate offices below High', () => {
    const items = [
      ...history(),
      act({ actor: alice, at: T0, ip: '192.0.2.10', place: 'paris' }),
      act({ actor: alice, at: T0 + 30 * MIN, ip: '192.0.2.20', place: 'newYork' }),
    ];
    expect(engineFor().run(items, 'impossible-travel')).toEqual([]);
    expect(
      engineFor().run(items, 'impossible-travel', snapshot({ 'impossible-travel': { sensitivity: 'High' } })),
    ).toHaveLength(1);
  });

  it('counts a user first seen in the opening days of the history as observed since it began', () => {
    const hop = [
      act({ actor: alice, at: T0, place: 'paris' }),
      act({ actor: alice, at: T0 + 30 * MIN, ip: '203.0.113.50', place: 'newYork' }),
    ];
    const colleague = routine('bob@example.com', T0 - 8 * DAY, 8, { ip: '198.51.100.11' });
    // History began 8 days ago; alice's first sign-in was 6.5 days ago (1.5 days in): no longer learning.
    const early = routine(alice, T0 - 6.5 * DAY, 6);
    expect(engineFor().run([...colleague, ...early, ...hop], 'impossible-travel')).toHaveLength(1);
    // First seen 4 days into the history: she joined later and is still learning.
    const late = routine(alice, T0 - 4 * DAY, 4);
    expect(engineFor().run([...colleague, ...late, ...hop], 'impossible-travel')).toEqual([]);
  });
});
