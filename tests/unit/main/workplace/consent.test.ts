import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildConsentUrl, checkState, exchangeConsentCode, readRedirect } from '../../../../main/workplace/consent';
import { startApiServer, type ApiServer } from './fixtures/api-server';

let api: ApiServer;
beforeEach(async () => {
  api = await startApiServer();
});
afterEach(() => api.close());

describe('consent', () => {
  it('builds the app_install dialog URL', () => {
    const u = new URL(
      buildConsentUrl('https://work.workplace.com', {
        appId: '42',
        redirectUri: 'http://127.0.0.1:5/cb',
        state: 's t',
      }),
    );
    expect(u.origin + u.pathname).toBe('https://work.workplace.com/dialog/work/app_install/');
    expect(Object.fromEntries(u.searchParams)).toEqual({
      app_id: '42',
      redirect_uri: 'http://127.0.0.1:5/cb',
      state: 's t',
    });
  });
  it('reads a code, and turns error redirects into refusals', () => {
    expect(readRedirect(new URL('http://x/cb?code=C&state=S'), 'http://x/cb')).toEqual({
      code: 'C',
      state: 'S',
      redirectUri: 'http://x/cb',
    });
    expect(() => readRedirect(new URL('http://x/cb?error=access_denied&error_description=User+denied'), 'u')).toThrow(
      /declined: User denied/,
    );
    expect(() => readRedirect(new URL('http://x/cb?state=S'), 'u')).toThrow(/without an authorisation code/);
  });
  it('compares state exactly', () => {
    expect(() => checkState('abc', 'abc')).not.toThrow();
    for (const bad of ['abd', 'ab', 'abcd', null]) expect(() => checkState('abc', bad)).toThrow(/state mismatch/);
  });
  it('exchanges the code in main with the app secret', async () => {
    api.handle('/oauth/access_token', (req) => {
      const q = req.url.searchParams;
      return q.get('code') === 'C1' &&
        q.get('client_secret') === 'sec' &&
        q.get('redirect_uri') === 'http://127.0.0.1:1/cb' &&
        q.get('client_id') === 'app'
        ? { body: { access_token: 'consent-token' } }
        : { status: 400, body: { error: { message: 'Invalid verification code format.', code: 100 } } };
    });
    const opts = {
      graphBase: api.base,
      appId: 'app',
      appSecret: 'sec',
      redirectUri: 'http://127.0.0.1:1/cb',
      userAgent: 'ua',
    };
    expect(await exchangeConsentCode({ ...opts, code: 'C1' })).toBe('consent-token');
    await expect(exchangeConsentCode({ ...opts, code: 'old' })).rejects.toThrow(
      /did not accept the consent code: Invalid verification/,
    );
  });
});
