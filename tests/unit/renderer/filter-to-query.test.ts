import { describe, expect, it } from 'vitest';
import { ActivityFilterSchema } from '../../../preload/contract';
import { toActivityFilter } from '../../../renderer/src/components/filter-to-query';
import { emptyActivityFilter } from '../../../renderer/src/stores/activity-filter';

describe('activity filter form → contract filter', () => {
  it('sends nothing for an empty form', () => {
    expect(toActivityFilter(emptyActivityFilter)).toEqual({ filter: {}, problems: {} });
  });

  it('maps every field and passes the contract schema', () => {
    const { filter, problems } = toActivityFilter({
      user: ' ada@acme.example ',
      type: 'LOGIN',
      ip: '203.0.113.7',
      country: 'de',
      admin: 'no',
      impersonated: 'yes',
      text: ' failure ',
      since: '2026-06-01T00:00',
      until: '2026-06-02T00:00',
    });
    expect(problems).toEqual({});
    expect(filter).toEqual({
      user: 'ada@acme.example',
      type: 'LOGIN',
      ip: '203.0.113.7',
      country: 'DE',
      admin: false,
      impersonated: true,
      text: 'failure',
      since: new Date(2026, 5, 1).getTime(),
      until: new Date(2026, 5, 2).getTime(),
    });
    expect(ActivityFilterSchema.safeParse(filter).success).toBe(true);
  });

  it('reports a bad country and a reversed range instead of sending them', () => {
    const { filter, problems } = toActivityFilter({
      ...emptyActivityFilter,
      country: 'D1',
      since: '2026-06-02T00:00',
      until: '2026-06-01T00:00',
    });
    expect(filter.country).toBeUndefined();
    expect(problems.country).toBeTruthy();
    expect(problems.range).toBeTruthy();
  });
});
