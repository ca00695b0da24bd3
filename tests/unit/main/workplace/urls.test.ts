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
    expect(resolveUrls({ apiBase: 'https://a', urls: { scim: 'https://s/scim/v2' } }).scim).toBe('https://s/scim/v2');
  });
  it('refuses non-http URLs and embedded credentials', () => {
    expect(() => resolveUrls({ apiBase: 'file:///etc' })).toThrow(/https/);
    expect(() => resolveUrls({ urls: { graph: 'https://u:p@h' } })).toThrow(/user name/);
    expect(() => resolveUrls({ apiBase: 'nope' })).toThrow(/not a valid URL/);
  });
  it('refuses plain http:// except on loopback, where the token never leaves the machine', () => {
    for (const base of ['http://graph.example.com', 'http://10.0.0.5:8080', 'http://[fe80::1]', 'http://128.0.0.1']) {
      expect(() => resolveUrls({ apiBase: base }), base).toThrow(/use https:\/\//);
    }
    expect(() => resolveUrls({ urls: { audit: 'http://proxy.corp' } })).toThrow(/audit URL uses plain http/);
    for (const base of ['http://127.0.0.1:9', 'http://127.8.0.3', 'http://localhost:3000', 'http://[::1]:9']) {
      expect(resolveUrls({ apiBase: base }).graph, base).toBe(base);
    }
    expect(resolveUrls({ apiBase: 'https://graph.example.com' }).graph).toBe('https://graph.example.com');
  });
});
