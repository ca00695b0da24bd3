// The demo community's 412 fault: SCIM writes refused as "the resource changed on the server",
// over real HTTP, leaving the user exactly as they were.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseFaultArgs, startDemoServer, type DemoServer } from '../../../../main/demo/index';
import { call, NOW } from './helpers';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ users: 40, days: 8, seed: 'scim-precondition', now: NOW });
});
afterAll(() => server.close());
beforeEach(() => server.faults.reset());

function person() {
  const u = server.groundTruth.users().find((x) => x.active && x.claimed && x.kind === 'person' && !x.administrator);
  if (!u) throw new Error('the seeded organisation has no active claimed person');
  return u;
}

const patchActive = (id: string, value: boolean) =>
  call(server, `/Users/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/scim+json' },
    body: JSON.stringify({ schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value }] }),
  });

async function putActive(id: string, value: boolean) {
  const current = (await call(server, `/Users/${id}`)).json;
  return call(server, `/Users/${id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/scim+json' },
    body: JSON.stringify({ ...current, active: value }),
  });
}

describe('SCIM 412 Precondition Failed fault', () => {
  it("'patch' refuses PATCH with a SCIM error body and changes nothing; PUT still works", async () => {
    const u = person();
    server.faults.set({ scimPreconditionFailed: 'patch' });
    const refused = await patchActive(u.id, false);
    expect(refused.status).toBe(412);
    expect(refused.json).toMatchObject({
      schemas: [SCIM_ERROR],
      status: '412',
      detail: 'Failed to update. Resource has changed on the server.',
    });
    expect(server.inspect.userState(u.id)).toMatchObject({ suspended: false });
    const put = await putActive(u.id, false);
    expect(put.status).toBe(200);
    expect(server.inspect.userState(u.id)).toMatchObject({ suspended: true });
    server.faults.reset();
    expect((await patchActive(u.id, true)).status).toBe(200);
  });

  it("'patch-and-put' refuses both writes; reads still answer; reset lifts it", async () => {
    const u = person();
    server.faults.set({ scimPreconditionFailed: 'patch-and-put' });
    expect((await patchActive(u.id, false)).status).toBe(412);
    expect((await putActive(u.id, false)).status).toBe(412);
    expect((await call(server, `/Users/${u.id}`)).json.active).toBe(true);
    server.faults.reset();
    expect((await patchActive(u.id, false)).status).toBe(200);
    expect((await patchActive(u.id, true)).status).toBe(200);
  });

  it('is set from CLI-style arguments and refuses an unknown mode with a clear message', () => {
    expect(parseFaultArgs(['scimPreconditionFailed=patch-and-put'])).toEqual({
      scimPreconditionFailed: 'patch-and-put',
    });
    expect(() => parseFaultArgs(['scimPreconditionFailed=always'])).toThrow(
      /scimPreconditionFailed must be off, patch, patch-and-put/,
    );
  });
});
