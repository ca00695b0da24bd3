import { describe, expect, it } from 'vitest';
import { act, DAY, engineFor, routine, snapshot, T0 } from '../fixtures';

const alice = 'alice@example.com';

describe('anonymous IP', () => {
  it('fires on a Tor sign-in and names the list and its age', () => {
    const drafts = engineFor().run(
      [act({ actor: alice, at: T0, ip: '185.220.101.33', place: 'amsterdam' })],
      'anonymous-ip',
    );
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.severity).toBe('Medium');
    expect(drafts[0]!.evidence).toMatchObject({ lists: [{ list: 'tor', ageHours: 2 }] });
  });

  it('fires on a commercial VPN network at Medium, not at Low; never on the company VPN range', () => {
    const items = [act({ actor: alice, at: T0, ip: '100.64.1.1', place: 'amsterdam' })];
    expect(engineFor().run(items, 'anonymous-ip')).toHaveLength(1);
    expect(engineFor().run(items, 'anonymous-ip', snapshot({ 'anonymous-ip': { sensitivity: 'Low' } }))).toEqual([]);
    expect(engineFor().run([act({ actor: alice, at: T0, ip: '10.8.0.5' })], 'anonymous-ip')).toEqual([]);
  });

  it('treats an address five colleagues sign in from successfully as shared infrastructure', () => {
    const shared = Array.from({ length: 5 }, (_, k) =>
      routine(`c${k}@example.com`, T0 - 5 * DAY, 5, { ip: '100.64.1.1', place: 'amsterdam' }),
    ).flat();
    const drafts = engineFor().run([...shared, act({ actor: alice, at: T0, ip: '100.64.1.1' })], 'anonymous-ip');
    expect(drafts.filter((d) => d.user === alice)).toEqual([]);
  });

  it('failed sign-ins neither fire nor count towards prevalence', () => {
    const fails = Array.from({ length: 6 }, (_, k) =>
      act({ actor: `c${k}@example.com`, at: T0 - DAY, type: 'login.failure', ip: '185.220.101.33' }),
    );
    const drafts = engineFor().run([...fails, act({ actor: alice, at: T0, ip: '185.220.101.33' })], 'anonymous-ip');
    expect(drafts.map((d) => d.user)).toEqual([alice]);
  });
});
