// Two small rules of the dashboard and the Users list: security types rank before file traffic
// however many files there are, and URL params become a users.list input the contract accepts.
import { describe, expect, it } from 'vitest';
import { contract } from '../../../preload/contract';
import { rankTypes, typeGroup } from '../../../renderer/src/components/DashboardTypeRank';
import { sortOf, usersListInput } from '../../../renderer/src/components/user-list-params';

describe('rankTypes', () => {
  it('puts security types first, then file traffic, then the rest, by count within each', () => {
    const ranked = rankTypes([
      { type: 'file.download', count: 90_000 },
      { type: 'other', count: 500 },
      { type: 'password.reset', count: 2 },
      { type: 'login.success', count: 4_000 },
      { type: 'file.upload', count: 10 },
      { type: 'admin.role.assign', count: 1 },
    ]);
    expect(ranked.map((g) => [g.group, g.items.map((i) => i.type)])).toEqual([
      ['security', ['login.success', 'password.reset', 'admin.role.assign']],
      ['files', ['file.download', 'file.upload']],
      ['other', ['other']],
    ]);
    expect(typeGroup('mfa.disable')).toBe('security');
    expect(typeGroup('integration.install')).toBe('other');
  });
});

describe('usersListInput', () => {
  it('keeps known params only and yields an input the contract accepts', () => {
    const input = usersListInput(
      { status: 'inactive', admin: 'true', openAlerts: 'false', signIn: 'none', sort: 'priority', reverse: 'true' },
      '  ana ',
    );
    expect(input).toEqual({
      search: 'ana',
      status: 'inactive',
      admin: true,
      openAlerts: false,
      authMethod: 'none',
      sort: 'priority',
      reverse: true,
    });
    expect(contract.users.list.input.safeParse({ ...input, limit: 200 }).success).toBe(true);
    // A pasted link with nonsense is ignored, not passed on.
    expect(usersListInput({ status: 'sleeping', admin: 'maybe', sort: 'shoe' }, '')).toEqual({});
    expect(sortOf({ sort: 'shoe' })).toEqual({ sort: 'name', reverse: false });
  });
});
