import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../../main/demo/index';
import { call, NOW } from './helpers';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ users: 60, days: 10, seed: 'govern', now: NOW });
});
afterAll(() => server.close());

function person(n = 0) {
  return server.groundTruth.users().filter((u) => u.kind === 'person' && u.active && u.claimed && !u.administrator)[n];
}

async function latest(n = 3) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (await call(server, `/security_audit_logs?limit=${n}`)).json.data as Array<Record<string, any>>;
}

describe('governance calls change the organisation', () => {
  it('logout produces a Forced Logout event', async () => {
    const u = person(0);
    const r = await call(server, `/${u.id}/logout`, { method: 'POST' });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ success: true });
    const [e] = await latest(1);
    expect(e.event).toBe('Forced Logout');
    expect(e.target_username).toBe(u.email);
    expect(server.inspect.userState(u.id)).toMatchObject({ forcedLogouts: 1, signedIn: false });
    expect((await call(server, '/123/logout', { method: 'POST' })).json.error.code).toBe(100);
  });

  it('a suspended user cannot sign in and the attempt is logged as failed; reactivation restores it', async () => {
    const u = person(1);
    const off = await call(server, `/${u.id}?active=false`, { method: 'POST' });
    expect(off.json).toEqual({ success: true });
    expect((await latest(1))[0]).toMatchObject({ event: 'Account Deactivated', target_username: u.email });
    const m = await call(server, `/community/organization_members?inactive=1&fields=id,active&limit=1000`);
    expect(m.json.data.find((x: { id: string }) => x.id === u.id).active).toBe(false);
    const attempt = await call(server, `/_demo/users/${u.id}/login-attempt`, { method: 'POST', token: null });
    expect(attempt.json.success).toBe(false);
    const [failed] = await latest(1);
    expect(failed).toMatchObject({ id: attempt.json.eventId, event: 'Login Failed', actor_username: u.email });
    expect(failed.extra_data.reason).toBe('account_deactivated');
    expect((await call(server, `/Users/${u.id}`)).json.active).toBe(false);
    await call(server, `/${u.id}?active=true`, { method: 'POST' });
    expect((await latest(1))[0].event).toBe('Account Activated');
    expect(server.inspect.simulateLogin(u.id).success).toBe(true);
    expect((await latest(1))[0].event).toBe('Logged in');
    expect((await call(server, `/${u.id}?active=maybe`, { method: 'POST' })).json.error.code).toBe(100);
  });

  it('SCIM active:false suspends too', async () => {
    const u = person(2);
    await call(server, `/Users/${u.id}`, {
      method: 'PATCH',
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', value: { active: false } }],
      }),
    });
    expect(server.inspect.simulateLogin(u.id).success).toBe(false);
  });

  it('messages are kept and readable through the inspection API', async () => {
    const u = person(3);
    const r = await call(server, '/me/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: { ids: [u.id] }, message: { text: 'Please confirm your recent sign-in.' } }),
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ recipient_id: u.id, message_id: expect.stringMatching(/^m_/) });
    const form = await call(server, '/me/messages', {
      method: 'POST',
      body: new URLSearchParams({
        recipient: JSON.stringify({ ids: [u.id] }),
        message: JSON.stringify({ text: 'second' }),
      }),
    });
    expect(form.status).toBe(200);
    const inbox = await call(server, `/_demo/messages?recipient=${u.id}`, { token: null });
    expect(inbox.json.data.map((m: { text: string }) => m.text)).toEqual([
      'Please confirm your recent sign-in.',
      'second',
    ]);
    expect(server.inspect.messages().length).toBe(2);
    expect(server.inspect.userState(u.id)).toMatchObject({ messages: 2 });
    const bad = await call(server, '/me/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: { ids: ['999'] }, message: { text: 'x' } }),
    });
    expect(bad.json.error.code).toBe(100);
    const empty = await call(server, '/me/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: { ids: [u.id] }, message: { text: '' } }),
    });
    expect(empty.json.error.code).toBe(100);
  });

  it('serves a Graph batch of up to 50 requests', async () => {
    const batch = JSON.stringify([
      { method: 'GET', relative_url: 'community?fields=id,name' },
      { method: 'GET', relative_url: 'security_audit_logs?limit=2' },
      { method: 'GET', relative_url: 'community/members?fields=id,nonsense' },
    ]);
    const r = await call(server, '/', { method: 'POST', body: new URLSearchParams({ batch }) });
    expect(r.status).toBe(200);
    expect(r.json.map((x: { code: number }) => x.code)).toEqual([200, 200, 400]);
    expect(JSON.parse(r.json[1].body).data).toHaveLength(2);
    const tooMany = JSON.stringify(Array.from({ length: 51 }, () => ({ method: 'GET', relative_url: 'community' })));
    expect(
      (await call(server, '/', { method: 'POST', body: new URLSearchParams({ batch: tooMany }) })).json.error.code,
    ).toBe(100);
  });
});

describe('live mode', () => {
  it('keeps adding events at the configured rate', async () => {
    const live = await startDemoServer({ users: 30, days: 3, seed: 'live', now: NOW, liveRatePerMin: 6000 });
    try {
      const start = live.groundTruth.eventCount();
      await new Promise<void>((resolve) => {
        const check = () => (live.groundTruth.eventCount() >= start + 3 ? resolve() : setTimeout(check, 5));
        check();
      });
      const top = (await call(live, '/security_audit_logs?limit=1')).json.data[0];
      // The served event is one the ground truth knows (looked up by id: live events keep arriving).
      expect(live.groundTruth.event(top.id)).toMatchObject({ id: top.id });
      expect(top.timestamp).toBeGreaterThanOrEqual(Math.floor(NOW / 1000));
    } finally {
      await live.close();
    }
  });
});
