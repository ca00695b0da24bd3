import { describe, expect, it } from 'vitest';
import { MAX_TARGET_CHARS, parseRequestTarget } from '../../../../main/host/request-target';

const ORIGIN = 'http://127.0.0.1:4321';

describe('parseRequestTarget', () => {
  it('accepts origin-form paths and gives both the encoded and the decoded path', () => {
    expect(parseRequestTarget('/assets/a%20b.js?x=1', ORIGIN)).toEqual({
      ok: true,
      pathname: '/assets/a%20b.js',
      decodedPath: '/assets/a b.js',
    });
  });

  it('accepts absolute-form only for this origin', () => {
    expect(parseRequestTarget(`${ORIGIN}/api/events`, ORIGIN)).toMatchObject({ ok: true, pathname: '/api/events' });
    for (const target of ['http://evil.example/', 'http://127.0.0.1:1/', 'https://127.0.0.1:4321/', 'file:///x']) {
      expect(parseRequestTarget(target, ORIGIN), target).toEqual({
        ok: false,
        reason: 'absolute-form target for another origin',
      });
    }
  });

  it('refuses what the URL parser or decodeURIComponent would throw on, with a reason', () => {
    expect(parseRequestTarget('/%C0%AF', ORIGIN)).toEqual({ ok: false, reason: 'malformed percent-escape' });
    expect(parseRequestTarget('/%', ORIGIN)).toEqual({ ok: false, reason: 'malformed percent-escape' });
    expect(parseRequestTarget('http://%zz/', ORIGIN)).toEqual({ ok: false, reason: 'malformed URL' });
    expect(parseRequestTarget('http://[::1/', ORIGIN)).toEqual({ ok: false, reason: 'malformed URL' });
  });

  it('refuses empty, asterisk, relative, NUL-carrying and overlong targets', () => {
    expect(parseRequestTarget(undefined, ORIGIN).ok).toBe(false);
    expect(parseRequestTarget('', ORIGIN).ok).toBe(false);
    expect(parseRequestTarget('*', ORIGIN).ok).toBe(false);
    expect(parseRequestTarget('index.html', ORIGIN).ok).toBe(false);
    expect(parseRequestTarget('/a%00.js', ORIGIN)).toEqual({ ok: false, reason: 'NUL byte in the path' });
    expect(parseRequestTarget(`/${'a'.repeat(MAX_TARGET_CHARS)}`, ORIGIN).ok).toBe(false);
  });
});
