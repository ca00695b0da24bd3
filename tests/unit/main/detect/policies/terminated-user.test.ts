import { describe, expect, it } from 'vitest';
import { act, DAY, engineFor, T0 } from '../fixtures';

const bob = 'bob@example.com';

describe('terminated user', () => {
  it('fires on activity after the SCIM termDate, with the source and the days since', () => {
    const { run } = engineFor({ people: { [bob]: { termDate: T0 - 5 * DAY } } });
    const d = run(
      [act({ actor: bob, at: T0 }), act({ actor: bob, at: T0 + 1000, type: 'file.download' })],
      'terminated-user',
    );
    expect(d).toHaveLength(2);
    expect(new Set(d.map((x) => x.key))).toEqual(new Set(['terminated']));
    expect(d[0]!.evidence).toMatchObject({ terminationSource: 'SCIM termDate', daysAfterTermination: 5 });
  });

  it('fires for a user on the imported termination list', () => {
    const { run } = engineFor({ people: { [bob]: { listedTerminationAt: T0 - DAY } } });
    expect(run([act({ actor: bob, at: T0 })], 'terminated-user')[0]!.evidence).toMatchObject({
      terminationSource: 'imported termination list',
    });
  });

  it('does not fire for someone serving notice (termination in the future) or a failed sign-in', () => {
    expect(
      engineFor({ people: { [bob]: { termDate: T0 + 3 * DAY } } }).run(
        [act({ actor: bob, at: T0 })],
        'terminated-user',
      ),
    ).toEqual([]);
    const past = engineFor({ people: { [bob]: { termDate: T0 - DAY } } });
    expect(past.run([act({ actor: bob, at: T0, type: 'login.failure' })], 'terminated-user')).toEqual([]);
  });
});
