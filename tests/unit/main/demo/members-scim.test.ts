import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../../main/demo/index';
import { call, NOW, pageAll } from './helpers';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ users: 120, days: 10, seed: 'members', now: NOW });
});
afterAll(() => server.close());

const FIELDS =
  'id,name,email,title,department,active,administrator,account_invite_time,account_claim_time,' +
  'account_deactivate_time,external_id';
const SCIM_ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const SCIM_TERM = 'urn:ietf:params:scim:schemas:extension:facebook:starttermdates:2.0:User';
const SCIM_AUTH = 'urn:ietf:params:scim:schemas:extension:facebook:authmethod:2.0:User';
const SCIM_STATUS = 'urn:ietf:params:scim:schemas:extension:facebook:accountstatusdetails:2.0:User';

describe('Graph community members', () => {
  it('pages /community/members to the end with the requested fields', async () => {
    const { items, pages } = await pageAll(server, `/community/members?fields=${FIELDS}&limit=25`);
    const truth = server.groundTruth.users().filter((u) => u.active && !u.former);
    expect(pages).toBeGreaterThan(3);
    expect(items.map((u) => u.id).sort()).toEqual(truth.map((u) => u.id).sort());
    const claimed = items.find((u) => u.account_claim_time);
    expect(claimed.account_invite_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
    const unclaimed = server.groundTruth.users().find((u) => !u.claimed && u.active)!;
    expect(items.find((u) => u.id === unclaimed.id)).not.toHaveProperty('account_claim_time');
    const defaults = await call(server, '/community/members?limit=2');
    expect(Object.keys(defaults.json.data[0]).sort()).toEqual(['id', 'name']);
  });

  it('lists inactive, former members and admins on their edges', async () => {
    const all = await pageAll(
      server,
      `/community/organization_members?inactive=1&fields=id,active,account_deactivate_time&limit=100`,
    );
    const inactive = all.items.filter((u) => !u.active);
    expect(inactive.length).toBeGreaterThan(0);
    expect(inactive.every((u) => u.account_deactivate_time)).toBe(true);
    const activeOnly = await pageAll(server, '/community/organization_members?fields=id,active&limit=100');
    expect(activeOnly.items.every((u) => u.active)).toBe(true);
    const former = await pageAll(server, '/community/former_members?fields=id,name');
    expect(former.items.length).toBe(server.groundTruth.users().filter((u) => u.former).length);
    const admins = await pageAll(server, '/community/admins?fields=id,administrator');
    expect(admins.items.length).toBeGreaterThanOrEqual(3);
    expect(admins.items.every((u) => u.administrator)).toBe(true);
  });

  it('rejects unknown fields, both cursors, and missing permissions', async () => {
    expect((await call(server, '/community/members?fields=id,ssn')).json.error.code).toBe(100);
    expect((await call(server, '/community/members?after=a&before=b')).json.error.code).toBe(100);
    const t = server.tokens.issue({ permissions: ['read_security_audit_logs'] });
    const r = await call(server, '/community/members', { token: t });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe(200);
    expect(r.json.error.message).toContain('manage_work_profiles');
  });
});

describe('SCIM /Users', () => {
  it('lists with startIndex/count to the end, with all extensions', async () => {
    const seen: string[] = [];
    let start = 1;
    let total = Infinity;
    while (start <= total) {
      const r = await call(server, `/Users?startIndex=${start}&count=40`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/scim\+json/);
      total = r.json.totalResults;
      expect(r.json.startIndex).toBe(start);
      seen.push(...r.json.Resources.map((u: { id: string }) => u.id));
      if (r.json.itemsPerPage === 0) break;
      start += r.json.itemsPerPage;
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    const one = (await call(server, `/Users/${seen[5]}`)).json;
    expect(one).toMatchObject({
      id: seen[5],
      userName: expect.stringContaining('@'),
      name: { givenName: expect.any(String), familyName: expect.any(String) },
    });
    expect(one[SCIM_ENT]).toHaveProperty('department');
    expect(one[SCIM_STATUS]).toHaveProperty('claimed');
    expect(one[SCIM_TERM]).toHaveProperty('startDate');
    expect(['sso', 'password']).toContain(one[SCIM_AUTH].authMethod);
    const terminated = server.groundTruth.users().find((u) => u.termDate !== null && !u.former)!;
    expect((await call(server, `/Users/${terminated.id}`)).json[SCIM_TERM].termDate).toBe(terminated.termDate);
  });

  it('filters with eq only and requires a User-Agent', async () => {
    const u = server.groundTruth.users()[7];
    const r = await call(server, `/Users?filter=${encodeURIComponent(`userName eq "${u.email.toUpperCase()}"`)}`);
    expect(r.json.totalResults).toBe(1);
    expect(r.json.Resources[0].id).toBe(u.id);
    const co = await call(server, `/Users?filter=${encodeURIComponent('userName co "a"')}`);
    expect(co.status).toBe(400);
    expect(co.json.scimType).toBe('invalidFilter');
    const noUa = await fetch(`${server.baseUrl}/Users`, {
      headers: { authorization: `Bearer ${server.integrationToken}`, 'user-agent': '' },
    });
    expect(noUa.status).toBe(400);
    expect((await call(server, '/Users/999')).status).toBe(404);
    const t = server.tokens.issue({ permissions: ['manage_work_profiles'] });
    const denied = await call(server, '/Users', { token: t });
    expect(denied.status).toBe(403);
    expect(denied.json.detail).toContain('manage_accounts');
    expect(denied.json.error.code).toBe(200);
  });

  it('PUT and PATCH change the organisation; DELETE only for unclaimed accounts', async () => {
    const u = server.groundTruth.users().find((x) => x.active && x.claimed && x.kind === 'person' && !x.administrator)!;
    const current = (await call(server, `/Users/${u.id}`)).json;
    const put = await call(server, `/Users/${u.id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/scim+json' },
      body: JSON.stringify({ ...current, title: 'Principal Dispatcher' }),
    });
    expect(put.status).toBe(200);
    expect(put.json.title).toBe('Principal Dispatcher');
    const patch = await call(server, `/Users/${u.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'active', value: false }],
      }),
    });
    expect(patch.status).toBe(200);
    expect(patch.json.active).toBe(false);
    expect(server.inspect.userState(u.id)).toMatchObject({ suspended: true });
    const badPatch = await call(server, `/Users/${u.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ Operations: [] }),
    });
    expect(badPatch.status).toBe(400);
    const claimed = await call(server, `/Users/${u.id}`, { method: 'DELETE' });
    expect(claimed.status).toBe(412);
    const unclaimed = server.groundTruth.users().find((x) => !x.claimed && !x.former)!;
    expect((await call(server, `/Users/${unclaimed.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(server, `/Users/${unclaimed.id}`)).status).toBe(404);
  });
});
