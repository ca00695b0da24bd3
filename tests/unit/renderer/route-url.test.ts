// The URL fragment as the console reads and writes it (issue 11 req 5): one state, one URL;
// a pasted link is bounded and validated, never trusted; the Activity filter round-trips in
// its own shape.
import { describe, expect, it } from 'vitest';
import {
  formatRoute,
  formToParams,
  MAX_FRAGMENT_CHARS,
  MAX_PARAM_CHARS,
  paramsToForm,
  parseRoute,
  sameParams,
} from '../../../renderer/src/components/RouteUrl';
import { emptyActivityFilter, type ActivityFilterForm } from '../../../renderer/src/stores/activity-filter';

describe('parseRoute / formatRoute', () => {
  it('round-trips a screen and its params, in one canonical order', () => {
    const url = formatRoute({ screen: 'activity', params: { user: 'ann@bw.example', ip: '10.0.0.0/8', text: '' } });
    expect(url).toBe('#/activity?ip=10.0.0.0%2F8&user=ann%40bw.example');
    expect(parseRoute(url)).toEqual({ screen: 'activity', params: { ip: '10.0.0.0/8', user: 'ann@bw.example' } });
    expect(formatRoute({ screen: 'users', params: {} })).toBe('#/users');
    expect(parseRoute('#/users')).toEqual({ screen: 'users', params: {} });
  });

  it('ignores what is not a route of this console', () => {
    expect(parseRoute('')).toBeNull();
    expect(parseRoute('#')).toBeNull();
    expect(parseRoute('#secret=abcdefabcdefabcdef')).toBeNull();
    expect(parseRoute('#/nowhere')).toBeNull();
    expect(parseRoute('#/Activity')).toBeNull();
    expect(parseRoute(`#/activity?text=${'x'.repeat(MAX_FRAGMENT_CHARS)}`)).toBeNull();
  });

  it('bounds the params of a pasted link: odd keys dropped, long values cut, first value wins', () => {
    const route = parseRoute(`#/activity?user=a&user=b&1bad=x&__proto__=y&text=${'z'.repeat(MAX_PARAM_CHARS + 50)}`);
    expect(route?.params.user).toBe('a');
    expect(route?.params.text).toHaveLength(MAX_PARAM_CHARS);
    expect(Object.keys(route!.params).sort()).toEqual(['text', 'user']);
    const many = Array.from({ length: 100 }, (_, i) => `k${i}=v`).join('&');
    expect(Object.keys(parseRoute(`#/users?${many}`)!.params)).toHaveLength(32);
  });

  it('compares params ignoring empty values', () => {
    expect(sameParams({ a: '1', b: '' }, { a: '1' })).toBe(true);
    expect(sameParams({ a: '1' }, { a: '2' })).toBe(false);
    expect(sameParams({}, { a: '1' })).toBe(false);
  });
});

describe('the Activity filter in the URL', () => {
  it('writes only what differs from the empty filter, as typed', () => {
    const form: ActivityFilterForm = { ...emptyActivityFilter, user: 'ann', text: '"quoted" & more' };
    expect(formToParams(form, emptyActivityFilter)).toEqual({ user: 'ann', text: '"quoted" & more' });
    expect(formToParams(emptyActivityFilter, emptyActivityFilter)).toEqual({});
  });

  it('reads a pasted link back into the same filter, through the fragment', () => {
    const form = { ...emptyActivityFilter, user: 'ann@bw.example', country: 'Netherlands', admin: 'yes' as const };
    const url = formatRoute({ screen: 'activity', params: formToParams(form, emptyActivityFilter) });
    expect(paramsToForm(parseRoute(url)!.params, emptyActivityFilter)).toEqual(form);
  });

  it('round-trips the timeline filter as it is today: several types, a switch, a null category', () => {
    const form: ActivityFilterForm = {
      ...emptyActivityFilter,
      types: ['LOGIN_FAILURE', 'ADMIN_ACTIVITY'],
      newCountry: true,
      preset: '7d',
    };
    const params = formToParams(form, emptyActivityFilter);
    expect(params).toEqual({ types: '["LOGIN_FAILURE","ADMIN_ACTIVITY"]', newCountry: 'true', preset: '7d' });
    const url = formatRoute({ screen: 'activity', params });
    expect(paramsToForm(parseRoute(url)!.params, emptyActivityFilter)).toEqual(form);
  });

  it('keeps the shape of a filter whatever the link says', () => {
    type Form = { types: string[]; user: string; kind: string | null; limit: number };
    const empty: Form = { types: [], user: '', kind: null, limit: 100 };
    const form: Form = { types: ['LOGIN', 'LOGOUT'], user: 'x', kind: 'LOGIN', limit: 50 };
    expect(paramsToForm(formToParams(form, empty), empty)).toEqual(form);
    // Wrong types and unknown keys are dropped; the rest of the filter stands.
    expect(paramsToForm({ types: '{"a":1}', limit: '"many"', kind: 'SSO', other: 'x' }, empty)).toEqual({
      ...empty,
      kind: 'SSO',
    });
    expect(paramsToForm({ types: '[1,2]' }, empty)).toEqual(empty);
    expect(paramsToForm({ types: 'not json' }, empty)).toEqual(empty);
  });
});
