import { describe, expect, it } from 'vitest';
import { vetExternalUrl } from '../../../../main/security/open-external-guard';

describe('vetExternalUrl (the guard in front of openExternal)', () => {
  it.each(['https://db-ip.com', 'https://developers.facebook.com/docs/workplace?x=1'])('allows %s', (url) => {
    expect(vetExternalUrl(url)).toBe(new URL(url).toString());
  });
  it.each([
    'http://db-ip.com',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://server/share',
    'ms-msdt:/id',
    'https://user:pass@db-ip.com',
    'https://127.0.0.1/',
    'https://[::1]/',
    'https://localhost/',
    'https://intranet/',
    'not a url',
  ])('refuses %s', (url) => {
    expect(() => vetExternalUrl(url)).toThrow(expect.objectContaining({ code: 'refused' }));
  });
});
