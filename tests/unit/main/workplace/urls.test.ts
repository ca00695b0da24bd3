import { describe, expect, it } from 'vitest';
import { DEFAULT_URLS, resolveUrls } from '../../../../main/workplace/urls';

describe('resolveUrls', () => {
  it('defaults to the real hosts', () => expect(resolveUrls()).toEqual(DEFAULT_URLS));
  it('sets all four from one api base, and lets single ones override', () => {
    expect(resolveUrls({ apiBase: 'http://127.0.0.1:9/' })).toEqual({
      graph: 'http://127.0.0.1:9',
      scim: 'http://127.0.0.1:9',
      audit: 'http://127.0.0.1:9',
      dialog: 'http://127.0.0.1:9',
    });
    expect(resolveUrls({ apiBase: 'http://a', urls: { scim: 'https://s/scim/v2' } }).scim).toBe('https://s/scim/v2');
  });
  it('refuses non-http URLs and embedded credentials', () => {
    expect(() => resolveUrls({ apiBase: 'file:///etc' })).toThrow(/https/);
    expect(() => resolveUrls({ urls: { graph: 'https://u:p@h' } })).toThrow(/user name/);
    expect(() => resolveUrls({ apiBase: 'nope' })).toThrow(/not a valid URL/);
  });
});
