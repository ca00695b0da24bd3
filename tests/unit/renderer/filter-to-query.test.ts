import { describe, expect, it } from 'vitest';
import { ActivityFilterSchema, SavedActivityQuerySchema, type Activity } from '../../../preload/contract';
import { appliedFilter } from '../../../renderer/src/components/activity-filter-prefetch';
import { pivotForm, toLocalInput } from '../../../renderer/src/components/activity-pivots';
import {
  SUGGESTED_QUERIES,
  filterChips,
  fromSavedQuery,
  hasFilterProblems,
  parseAsn,
  toActivityFilter,
  toSavedQuery,
  withoutChip,
} from '../../../renderer/src/components/filter-to-query';
import { gridTemplate } from '../../../renderer/src/stores/activity-columns';
import { emptyActivityFilter, type ActivityFilterForm } from '../../../renderer/src/stores/activity-filter';

const NOW = Date.UTC(2026, 5, 10, 12);

const full: ActivityFilterForm = {
  text: ' failure ',
  user: ' Anna Smith ',
  types: ['login', 'mfa.disable'],
  country: ' Netherlands ',
  ip: '203.0.113.0/24',
  asn: 'AS1136',
  ipCategory: 'risky',
  device: 'mobile',
  admin: 'no',
  impersonated: 'yes',
  newCountry: true,
  preset: 'custom',
  since: '2026-06-01T00:00',
  until: '2026-06-02T00:00',
};

describe('activity filter form → contract filter', () => {
  it('sends nothing for an empty form', () => {
    expect(toActivityFilter(emptyActivityFilter, NOW)).toEqual({ filter: {}, problems: {} });
  });

  it('maps every field and passes the contract schema', () => {
    const { filter, problems } = toActivityFilter(full, NOW);
    expect(problems).toEqual({});
    expect(filter).toEqual({
      text: 'failure',
      user: 'Anna Smith',
      types: ['login', 'mfa.disable'],
      country: 'Netherlands',
      ip: '203.0.113.0/24',
      asn: 1136,
      ipCategory: 'risky',
      device: 'mobile',
      admin: false,
      impersonated: true,
      newCountry: true,
      since: new Date(2026, 5, 1).getTime(),
      until: new Date(2026, 5, 2).getTime(),
    });
    expect(ActivityFilterSchema.safeParse(filter).success).toBe(true);
  });

  it('turns a preset into a window ending now', () => {
    expect(toActivityFilter({ ...emptyActivityFilter, preset: '24h' }, NOW).filter).toEqual({
      since: NOW - 24 * 3_600_000,
    });
    // A custom range is only sent when chosen.
    expect(toActivityFilter({ ...emptyActivityFilter, since: '2026-06-01T00:00' }, NOW).filter).toEqual({});
  });

  it('reports a bad ASN and a reversed range instead of sending them', () => {
    const { filter, problems } = toActivityFilter(
      { ...emptyActivityFilter, asn: 'Google', preset: 'custom', since: '2026-06-02T00:00', until: '2026-06-01T00:00' },
      NOW,
    );
    expect(filter.asn).toBeUndefined();
    expect(problems.asn).toBeTruthy();
    expect(problems.range).toBeTruthy();
    expect(parseAsn('as 15169')).toBe(15169);
    expect(parseAsn('99999999999')).toBeNull();
  });

  it('a form with any problem is not applied, by the screen or by a click asked for early', () => {
    expect(hasFilterProblems(toActivityFilter(full, NOW).problems)).toBe(false);
    expect(appliedFilter(full, NOW)).toEqual(toActivityFilter(full, NOW).filter);
    const broken: ActivityFilterForm[] = [
      { ...full, asn: 'Google' },
      { ...full, since: '2026-06-02T00:00', until: '2026-06-01T00:00' },
      // A pasted link may carry a category the engine does not know.
      { ...full, ipCategory: 'bogus' as ActivityFilterForm['ipCategory'] },
    ];
    for (const form of broken) {
      expect(hasFilterProblems(toActivityFilter(form, NOW).problems)).toBe(true);
      expect(appliedFilter(form, NOW)).toBeNull();
    }
  });
});

describe('chips, saved and suggested queries', () => {
  it('shows one chip per constraint and removes exactly that one', () => {
    const chips = filterChips(full);
    expect(chips.map((c) => c.key)).toEqual([
      'text',
      'user',
      'types',
      'types',
      'country',
      'ip',
      'asn',
      'ipCategory',
      'device',
      'admin',
      'impersonated',
      'newCountry',
      'range',
    ]);
    const second = chips.find((c) => c.key === 'types' && c.index === 1)!;
    expect(withoutChip(full, second).types).toEqual(['login']);
    expect(
      withoutChip(
        full,
        chips.find((c) => c.key === 'range')!,
      ),
    ).toMatchObject({ preset: 'all', since: '' });
    expect(
      withoutChip(
        full,
        chips.find((c) => c.key === 'admin')!,
      ).admin,
    ).toBe('any');
    expect(filterChips(emptyActivityFilter)).toEqual([]);
  });

  it('saves a query without absolute times and restores it', () => {
    const saved = toSavedQuery(' Risky mobile ', { ...full, preset: '7d' });
    expect(SavedActivityQuerySchema.safeParse(saved).success).toBe(true);
    expect(saved).toMatchObject({ name: 'Risky mobile', preset: '7d' });
    expect(saved.filter).not.toHaveProperty('since');
    expect(fromSavedQuery(saved)).toEqual({
      ...full,
      preset: '7d',
      since: '',
      until: '',
      text: 'failure',
      user: 'Anna Smith',
      country: 'Netherlands',
    });
    expect(toSavedQuery('Custom', full).preset).toBeNull();
  });

  it('offers suggested queries the contract accepts', () => {
    expect(SUGGESTED_QUERIES.map((q) => q.name)).toEqual(
      expect.arrayContaining([
        'Failed sign-ins',
        'Admin activity',
        'Impersonation',
        'Password and 2FA changes',
        'Sign-ins from new countries',
      ]),
    );
    for (const q of SUGGESTED_QUERIES) expect(ActivityFilterSchema.safeParse(q.filter).success, q.name).toBe(true);
  });
});

describe('pivots', () => {
  const a = {
    id: 'x',
    at: NOW,
    type: 'login.failure',
    actor: 'ann@x.example',
    target: null,
    ip: '203.0.113.7',
  } as Activity;
  it('opens a fresh filter on the user, IP or type, and ±24 h keeps the current filter', () => {
    expect(pivotForm('user', a, full)).toEqual({ ...emptyActivityFilter, user: 'ann@x.example' });
    expect(pivotForm('target', a, full)).toBeNull();
    expect(pivotForm('ip', a, full)).toEqual({ ...emptyActivityFilter, ip: '203.0.113.7' });
    expect(pivotForm('type', a, full)).toEqual({ ...emptyActivityFilter, types: ['login.failure'] });
    const around = pivotForm('around', a, full)!;
    expect(around).toMatchObject({ user: full.user, preset: 'custom' });
    const { filter } = toActivityFilter(around, NOW);
    expect(filter.since).toBe(Math.floor((NOW - 86_400_000) / 1000) * 1000);
    expect(filter.until).toBe(NOW + 86_400_000);
    expect(toLocalInput(new Date(2026, 0, 2, 3, 4, 5).getTime())).toBe('2026-01-02T03:04:05');
  });
});

describe('timeline columns', () => {
  it('gives fixed columns their width and lets What and Who share the rest, never below their least', () => {
    expect(gridTemplate(['time', 'what', 'who', 'where'], {})).toBe(
      '112px minmax(200px, 1.3fr) minmax(200px, 1fr) 160px',
    );
    expect(gridTemplate(['what', 'network', 'time'], { time: 150, what: 300 })).toBe(
      '150px minmax(300px, 1.3fr) 180px',
    );
  });
});
