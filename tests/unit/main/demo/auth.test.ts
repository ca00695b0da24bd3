import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../../main/demo/index';
import { call, NOW } from './helpers';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ users: 80, days: 12, seed: 'auth', now: NOW, tokenTtlSec: 3600 });
});
afterAll(() => server.close());

const REDIRECT = 'http://127.0.0.1:53682/callback';

async function openConsent(params: Record<string, string>) {
  const q = new URLSearchParams({ app_id: server.appId, redirect_uri: REDIRECT, state: 'st-123', ...params });
  const page = await call(server, `/dialog/work/app_install/?${q}`, { token: null });
  const requestId = /name="request_id" value="([^"]+)"/.exec(page.text)?.[1];
  return { page, requestId };
}

async function submit(fields: Record<string, string | string[]>) {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
  return call(server, '/dialog/work/app_install/', { method: 'POST', body: form, token: null });
}

async function consentCode(extra: Record<string, string> = {}, form: Record<string, string | string[]> = {}) {
  const { requestId } = await openConsent(extra);
  const res = await submit({
    request_id: requestId!,
    community: server.incidents.community.id,
    groups: 'all',
    action: 'install',
    ...form,
  });
  expect(res.status).toBe(302);
  const loc = new URL(res.headers.get('location')!);
  return { code: loc.searchParams.get('code')!, state: loc.searchParams.get('state'), location: loc };
}

async function exchange(code: string, overrides: Record<string, string> = {}) {
  const q = new URLSearchParams({
    client_id: server.appId,
    client_secret: server.appSecret,
    redirect_uri: REDIRECT,
    code,
    ...overrides,
  });
  return call(server, `/oauth/access_token?${q}`, { token: null });
}

function withProof(path: string, token: string, time?: number): string {
  const p = server.tokens.proof(token, time);
  const sep = path.includes('?') ? '&' : '?';
  return `${path}${sep}appsecret_proof=${p.appsecret_proof}&appsecret_time=${p.appsecret_time}`;
}

describe('consent dialog', () => {
  it('renders a self-contained HTML page with the organisation, groups, permissions and buttons', async () => {
    const { page, requestId } = await openConsent({});
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(requestId).toBeTruthy();
    expect(page.text).toContain('<select id="community" name="community">');
    expect(page.text).toContain('Brightwave Logistics');
    expect(page.text).toContain('All groups');
    expect(page.text).toContain('Selected groups');
    expect(page.text).toContain('Add to Workplace');
    expect(page.text).toContain('Cancel');
    expect(page.text).toContain('Read security audit logs');
    expect(page.text).not.toMatch(/<script|https?:\/\/(?!127)/);
  });

  it('rejects an unknown app and an unregistered redirect URI without redirecting', async () => {
    const bad = await call(server, `/dialog/work/app_install/?app_id=1&redirect_uri=${encodeURIComponent(REDIRECT)}`, {
      token: null,
    });
    expect(bad.status).toBe(400);
    const evil = await call(
      server,
      `/dialog/work/app_install/?app_id=${server.appId}&redirect_uri=${encodeURIComponent('https://evil.example/cb')}`,
      { token: null },
    );
    expect(evil.status).toBe(400);
    expect(evil.headers.get('location')).toBeNull();
  });

  it('redirects with code and state, exchanges once, and the token works with appsecret_proof', async () => {
    const { code, state } = await consentCode();
    expect(state).toBe('st-123');
    const ok = await exchange(code);
    expect(ok.status).toBe(200);
    const token = ok.json.access_token as string;
    expect(token).toBeTruthy();
    const again = await exchange(code);
    expect(again.json.error.code).toBe(100);
    expect(again.json.error.error_subcode).toBe(36009);

    const community = await call(server, withProof('/community?fields=id,name,install', token), { token });
    expect(community.status).toBe(200);
    expect(community.json).toMatchObject({
      id: server.incidents.community.id,
      name: 'Brightwave Logistics',
      install: { install_type: 'THIRD_PARTY', group_access: 'ALL_GROUPS' },
    });
    expect(community.json.install.permissions).toContain('read_security_audit_logs');

    const noProof = await call(server, '/community', { token });
    expect(noProof.status).toBe(400);
    expect(noProof.json.error.code).toBe(100);
    expect(noProof.json.error.message).toMatch(/appsecret_proof/);
    const stale = await call(server, withProof('/community', token, Math.floor(Date.now() / 1000) - 600), { token });
    expect(stale.json.error.message).toMatch(/stale/);
    const wrong = await call(
      server,
      `/community?appsecret_proof=${'0'.repeat(64)}&appsecret_time=${Math.floor(Date.now() / 1000)}`,
      { token },
    );
    expect(wrong.json.error.message).toMatch(/Invalid appsecret_proof/);
  });

  it('refuses a code for another redirect_uri or with the wrong secret or client', async () => {
    const { code } = await consentCode();
    expect((await exchange(code, { redirect_uri: 'http://127.0.0.1:1/other' })).json.error.error_subcode).toBe(36008);
    expect((await exchange(code, { client_secret: 'nope' })).json.error.code).toBe(101);
    expect((await exchange(code, { client_id: '42' })).json.error.code).toBe(101);
    expect((await exchange('not-a-code')).json.error.code).toBe(100);
    expect((await call(server, '/oauth/access_token?code=x', { token: null })).json.error.code).toBe(100);
    // Still valid for the right parameters afterwards.
    expect((await exchange(code)).status).toBe(200);
  });

  it('returns access_denied on Cancel and refuses a reused request', async () => {
    const { requestId } = await openConsent({});
    const res = await submit({ request_id: requestId!, action: 'cancel' });
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.get('location')!);
    expect(loc.origin + loc.pathname).toBe(REDIRECT);
    expect(loc.searchParams.get('error')).toBe('access_denied');
    expect(loc.searchParams.get('state')).toBe('st-123');
    expect(loc.searchParams.get('code')).toBeNull();
    expect((await submit({ request_id: requestId!, action: 'install' })).status).toBe(400);
  });

  it('supports selected groups and custom-scheme redirect URIs', async () => {
    const { requestId } = await openConsent({});
    const none = await submit({ request_id: requestId!, groups: 'selected', action: 'install' });
    expect(none.status).toBe(400);
    expect(none.text).toContain('Select at least one group');
    const res = await submit({
      request_id: requestId!,
      groups: 'selected',
      group_ids: ['2011000000001', '2011000000005'],
      action: 'install',
    });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    const token = (await exchange(code)).json.access_token;
    const c = await call(server, withProof('/community?fields=install', token), { token });
    expect(c.json.install).toMatchObject({
      group_access: 'SELECTED_GROUPS',
      groups: ['2011000000001', '2011000000005'],
    });

    const q = new URLSearchParams({
      app_id: server.appId,
      redirect_uri: 'workplace-guard://oauth/callback',
      state: 's',
    });
    const page = await call(server, `/dialog/work/app_install/?${q}`, { token: null });
    expect(page.status).toBe(200);
  });

  it('issues tokens with only the requested permissions; a missing one is named in a 10/200 error', async () => {
    const { code } = await consentCode({ permissions: 'manage_work_profiles,manage_accounts' });
    const token = (await exchange(code)).json.access_token as string;
    const logs = await call(server, withProof('/security_audit_logs?limit=5', token), { token });
    expect(logs.status).toBe(403);
    expect(logs.json.error.code).toBe(10);
    expect(logs.json.error.message).toContain('read_security_audit_logs');
    const msg = await call(server, withProof('/me/messages', token), {
      token,
      method: 'POST',
      body: JSON.stringify({ recipient: { ids: ['1'] }, message: { text: 'x' } }),
      headers: { 'content-type': 'application/json' },
    });
    expect(msg.json.error.code).toBe(200);
    expect(msg.json.error.message).toContain('message_any_member');
    expect((await call(server, withProof('/community/members', token), { token })).status).toBe(200);
    const unknown = await call(
      server,
      `/dialog/work/app_install/?app_id=${server.appId}&redirect_uri=${encodeURIComponent(REDIRECT)}&permissions=root`,
      { token: null },
    );
    expect(unknown.status).toBe(400);
  });
});

describe('tokens', () => {
  it('rejects missing, unknown, expired and revoked tokens with 190', async () => {
    const none = await call(server, '/community', { token: null });
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe(190);
    expect((await call(server, '/community', { token: 'garbage' })).json.error.code).toBe(190);
    const t = server.tokens.issue();
    expect((await call(server, '/community', { token: t })).status).toBe(200);
    server.tokens.expire(t);
    const expired = await call(server, '/community', { token: t });
    expect(expired.json.error).toMatchObject({ code: 190, error_subcode: 463 });
    const r = server.tokens.issue();
    server.tokens.revoke(r);
    expect((await call(server, '/community', { token: r })).json.error).toMatchObject({
      code: 190,
      error_subcode: 467,
    });
  });

  it('accepts the token as a query parameter too', async () => {
    const res = await call(server, `/community?access_token=${server.integrationToken}`, { token: null });
    expect(res.status).toBe(200);
  });

  it('issues client-credentials tokens; a new one revokes the previous; expiry is configurable', async () => {
    const get = () =>
      call(server, '/work_get_token', {
        token: null,
        method: 'POST',
        body: new URLSearchParams({
          access_token: `${server.adminCenter.appId}|${server.adminCenter.appSecret}`,
          grant_type: 'client_credentials',
        }),
      });
    const first = await get();
    expect(first.status).toBe(200);
    expect(first.json.expires_in).toBe(3600);
    const t1 = first.json.access_token as string;
    expect((await call(server, '/security_audit_logs?limit=1', { token: t1 })).status).toBe(200);
    const t2 = (await get()).json.access_token as string;
    expect(t2).not.toBe(t1);
    expect((await call(server, '/security_audit_logs?limit=1', { token: t1 })).json.error).toMatchObject({
      code: 190,
      error_subcode: 467,
    });
    expect((await call(server, '/security_audit_logs?limit=1', { token: t2 })).status).toBe(200);
    const bad = await call(server, '/work_get_token', {
      token: null,
      method: 'POST',
      body: new URLSearchParams({
        access_token: `${server.adminCenter.appId}|wrong`,
        grant_type: 'client_credentials',
      }),
    });
    expect(bad.json.error.code).toBe(101);
    const grant = await call(server, '/work_get_token', {
      token: null,
      method: 'POST',
      body: new URLSearchParams({ access_token: `${server.adminCenter.appId}|${server.adminCenter.appSecret}` }),
    });
    expect(grant.json.error.code).toBe(100);
  });

  it('sends usage headers that rise with use', async () => {
    const a = await call(server, '/community');
    const usage = JSON.parse(a.headers.get('x-app-usage')!);
    expect(usage).toHaveProperty('call_count');
    expect(usage).toHaveProperty('total_time');
    const buc = JSON.parse(a.headers.get('x-business-use-case-usage')!);
    expect(Object.values(buc)[0]).toEqual([
      expect.objectContaining({ type: 'pages', estimated_time_to_regain_access: 0 }),
    ]);
  });
});
