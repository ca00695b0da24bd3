// The demo community's PKCE rules at the HTTP level: which dialog parameters it refuses, and
// that a verifier is refused for a code issued without a challenge (no downgrade).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../../main/demo/index';
import { call, NOW } from './helpers';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ users: 40, days: 10, seed: 'pkce-demo', now: NOW });
});
afterAll(() => server.close());

const REDIRECT = 'http://127.0.0.1:53682/callback';
const VERIFIER = 'v'.repeat(20) + '-._~' + 'W'.repeat(30);
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

function dialog(params: Record<string, string>) {
  const q = new URLSearchParams({ app_id: server.appId, redirect_uri: REDIRECT, state: 's', ...params });
  return call(server, `/dialog/work/app_install/?${q}`, { token: null });
}

async function code(params: Record<string, string>): Promise<string> {
  const page = await dialog(params);
  const requestId = /name="request_id" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
  const form = new URLSearchParams({ request_id: requestId, groups: 'all', action: 'install' });
  const res = await call(server, '/dialog/work/app_install/', { method: 'POST', body: form, token: null });
  return new URL(res.headers.get('location')!).searchParams.get('code')!;
}

function exchange(c: string, extra: Record<string, string> = {}) {
  const q = new URLSearchParams({
    client_id: server.appId,
    client_secret: server.appSecret,
    redirect_uri: REDIRECT,
    code: c,
    ...extra,
  });
  return call(server, `/oauth/access_token?${q}`, { token: null });
}

describe('demo PKCE', () => {
  it('refuses a plain or missing method, and a challenge that is not an S256 hash', async () => {
    for (const [params, why] of [
      [{ code_challenge: CHALLENGE, code_challenge_method: 'plain' }, /must be S256 \(got plain\)/],
      [{ code_challenge: CHALLENGE }, /must be S256 \(got none\)/],
      [{ code_challenge: 'short', code_challenge_method: 'S256' }, /43 base64url characters/],
      [{ code_challenge_method: 'S256' }, /without a code_challenge/],
    ] as const) {
      const page = await dialog(params);
      expect(page.status).toBe(400);
      expect(page.text).toMatch(why);
    }
  });

  it('binds the code to the challenge: right verifier only, the code spent once', async () => {
    const c = await code({ code_challenge: CHALLENGE, code_challenge_method: 'S256' });
    const wrong = await exchange(c, { code_verifier: VERIFIER.replace('v', 'x') });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.message).toMatch(/does not match the code_challenge/);
    expect((await exchange(c, { code_verifier: 'too-short' })).json.error.message).toMatch(/43 to 128/);
    expect((await exchange(c)).json.error.message).toMatch(/code_verifier is required/);
    const right = await exchange(c, { code_verifier: VERIFIER });
    expect(right.status).toBe(200);
    expect(right.json.access_token).toMatch(/^DQVJ/);
    expect((await exchange(c, { code_verifier: VERIFIER })).json.error.error_subcode).toBe(36009);
  });

  it('refuses a verifier for a code issued without a challenge, and needs none for it', async () => {
    const c = await code({});
    const downgraded = await exchange(c, { code_verifier: VERIFIER });
    expect(downgraded.status).toBe(400);
    expect(downgraded.json.error.message).toMatch(/the dialog had no code_challenge/);
    expect((await exchange(c)).status).toBe(200);
  });
});
