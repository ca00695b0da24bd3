// The desktop app's consent window redirects to DESKTOP_REDIRECT_URI: the demo community must
// accept it, issue a code for it, and exchange that code only for the same redirect URI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../../main/demo/index';
import { createDemoAutoConsentFlow } from '../../../../main/workplace/consent-auto';
import { buildConsentUrl, DESKTOP_REDIRECT_URI, exchangeConsentCode } from '../../../../main/workplace/consent';

let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemoServer({ users: 40, days: 8, seed: 'desktop-redirect', now: Date.UTC(2026, 10, 1) });
});
afterAll(async () => demo?.close());

describe('consent with the desktop redirect URI', () => {
  it('completes: code and state come back on the desktop redirect, and the code exchanges for a token', async () => {
    const flow = createDemoAutoConsentFlow({ redirectUri: DESKTOP_REDIRECT_URI });
    const result = await flow.authorize({
      buildUrl: (redirectUri) => buildConsentUrl(demo.baseUrl, { appId: demo.appId, redirectUri, state: 'st-123' }),
      timeoutMs: 10_000,
    });
    expect(result).toMatchObject({ state: 'st-123', redirectUri: DESKTOP_REDIRECT_URI, code: expect.any(String) });
    const token = await exchangeConsentCode({
      graphBase: demo.baseUrl,
      appId: demo.appId,
      appSecret: demo.appSecret,
      redirectUri: DESKTOP_REDIRECT_URI,
      code: result.code,
      userAgent: 'workplace-guard-test',
    });
    expect(token.length).toBeGreaterThan(10);
  });

  it('still refuses an https redirect to a real host', async () => {
    const url = buildConsentUrl(demo.baseUrl, {
      appId: demo.appId,
      redirectUri: 'https://evil.example/cb',
      state: 's',
    });
    const res = await fetch(url);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Invalid redirect URI');
  });
});
