// SCIM 2.0 (`/Users`, `/Users/{id}`): list with `eq` filters and paging, read, PUT/PATCH
// changes (activation goes through governance so it leaves an audit event), and DELETE of
// never-claimed accounts. Errors carry both the SCIM and the Graph envelope.
import type { TokenRecord } from '../auth';
import { graphTime } from '../event-format';
import { fbtrace, type ApiCall, type ApiResponse } from '../http-kit';
import type { DemoCommunity } from '../server';
import type { DemoUser } from '../types';

const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const SCIM_ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const SCIM_STATUS = 'urn:ietf:params:scim:schemas:extension:facebook:accountstatusdetails:2.0:User';
const SCIM_TERM = 'urn:ietf:params:scim:schemas:extension:facebook:starttermdates:2.0:User';
const SCIM_AUTH = 'urn:ietf:params:scim:schemas:extension:facebook:authmethod:2.0:User';
const SCIM_LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const SCIM_PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

function scimError(
  status: number,
  detail: string,
  scimType?: string,
  graph?: { code: number; subcode?: number },
): ApiResponse {
  const body: Record<string, unknown> = { schemas: [SCIM_ERROR], status: String(status), detail };
  if (scimType) body.scimType = scimType;
  // Also carry the Graph envelope so one client error classifier handles both APIs.
  if (graph)
    body.error = {
      message: detail,
      type: 'OAuthException',
      code: graph.code,
      error_subcode: graph.subcode,
      fbtrace_id: fbtrace(),
    };
  return { status, headers: { 'content-type': 'application/scim+json; charset=UTF-8' }, body: JSON.stringify(body) };
}

function scimUser(c: DemoCommunity, u: DemoUser): Record<string, unknown> {
  const mgr = u.managerIndex >= 0 ? c.org.users[u.managerIndex] : null;
  const created = graphTime(u.inviteTime).replace('+0000', 'Z');
  const r: Record<string, unknown> = {
    schemas: [SCIM_USER, SCIM_ENTERPRISE, SCIM_STATUS, SCIM_TERM, SCIM_AUTH],
    id: u.id,
    userName: u.email,
    name: { formatted: u.name, givenName: u.givenName, familyName: u.familyName },
    displayName: u.name,
    title: u.title,
    active: u.active,
    emails: [{ value: u.email, type: 'work', primary: true }],
    externalId: u.externalId,
    [SCIM_ENTERPRISE]: {
      department: u.department,
      division: u.division,
      ...(mgr ? { manager: { managerId: mgr.id, displayName: mgr.name } } : {}),
    },
    [SCIM_STATUS]: {
      claimed: u.claimTime !== null,
      ...(u.claimTime !== null ? { claimDate: u.claimTime } : {}),
      invited: true,
      inviteDate: u.inviteTime,
    },
    [SCIM_TERM]: { startDate: u.startDate, ...(u.termDate !== null ? { termDate: u.termDate } : {}) },
    [SCIM_AUTH]: { authMethod: u.authMethod },
    meta: {
      resourceType: 'User',
      created,
      lastModified: graphTime(u.updated).replace('+0000', 'Z'),
      location: `${c.opts.baseUrl}/Users/${u.id}`,
    },
  };
  return r;
}

function scimJson(status: number, body: unknown): ApiResponse {
  return { status, headers: { 'content-type': 'application/scim+json; charset=UTF-8' }, body: JSON.stringify(body) };
}

export function scim(c: DemoCommunity, call: ApiCall, path: string, token: TokenRecord): ApiResponse {
  if (!call.headers['user-agent'] || !call.headers['user-agent'].trim())
    return scimError(400, 'A descriptive User-Agent header is required for SCIM requests.', 'invalidValue', {
      code: 100,
    });
  if (!token.permissions.has('manage_accounts'))
    return scimError(
      403,
      "This endpoint requires the 'manage_accounts' permission (Manage accounts), which was not granted to this app.",
      undefined,
      { code: 200 },
    );
  const visible = (u: DemoUser) => !u.former && !c.state(u.index).deleted;
  if (path === '/Users') {
    if (call.method !== 'GET') return scimError(405, 'Only GET is supported on /Users in the demo community.');
    const q = call.url.searchParams;
    const startIndex = q.get('startIndex') === null ? 1 : Number(q.get('startIndex'));
    const count = q.get('count') === null ? 100 : Number(q.get('count'));
    if (!Number.isInteger(startIndex) || !Number.isInteger(count) || count < 0)
      return scimError(400, 'startIndex and count must be integers', 'invalidValue');
    let list = c.org.users.filter(visible);
    const filter = q.get('filter');
    if (filter) {
      const m = /^\s*([A-Za-z.]+)\s+(\w+)\s+"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
      if (!m) return scimError(400, `Unsupported filter: ${filter}`, 'invalidFilter');
      if (m[2].toLowerCase() !== 'eq')
        return scimError(400, `Only the eq operator is supported (got ${m[2]})`, 'invalidFilter');
      const attr = m[1].toLowerCase();
      const value = m[3].replace(/\\(.)/g, '$1');
      const get: Record<string, (u: DemoUser) => string> = {
        username: (u) => u.email.toLowerCase(),
        externalid: (u) => u.externalId,
        id: (u) => u.id,
        'emails.value': (u) => u.email.toLowerCase(),
        displayname: (u) => u.name,
      };
      const g = get[attr];
      if (!g) return scimError(400, `Filtering on ${m[1]} is not supported`, 'invalidFilter');
      const needle = attr === 'username' || attr === 'emails.value' ? value.toLowerCase() : value;
      list = list.filter((u) => g(u) === needle);
    }
    const start = Math.max(1, startIndex);
    const page = list.slice(start - 1, start - 1 + Math.min(count, 100));
    return scimJson(200, {
      schemas: [SCIM_LIST],
      totalResults: list.length,
      itemsPerPage: page.length,
      startIndex: start,
      Resources: page.map((u) => scimUser(c, u)),
    });
  }
  const id = path.slice('/Users/'.length);
  const i = c.org.usersById.get(id);
  if (i === undefined || !visible(c.org.users[i])) return scimError(404, `User ${id} not found`, undefined);
  const u = c.org.users[i];
  if (call.method === 'GET') return scimJson(200, scimUser(c, u));
  if (call.method === 'DELETE') {
    if (u.claimTime !== null)
      return scimError(412, 'Only accounts that were never claimed can be deleted; deactivate this user instead.');
    c.state(i).deleted = true;
    return { status: 204, headers: {}, body: '' };
  }
  // The fault a concurrent change on the server produces: the write is refused, nothing changes.
  const precondition = c.faults.scimPreconditionFailed;
  if (
    (call.method === 'PATCH' && precondition !== 'off') ||
    (call.method === 'PUT' && precondition === 'patch-and-put')
  )
    return scimError(412, 'Failed to update. Resource has changed on the server.');
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(call.body || '{}');
  } catch {
    return scimError(400, 'Malformed JSON body', 'invalidSyntax');
  }
  if (call.method === 'PUT') {
    if (typeof body.userName !== 'string' || !body.userName)
      return scimError(400, 'userName is required', 'invalidValue');
    return applyScimChanges(c, u, token, body, true);
  }
  if (call.method === 'PATCH') {
    const schemas = body.schemas as unknown;
    if (!Array.isArray(schemas) || !schemas.includes(SCIM_PATCH))
      return scimError(400, `PATCH requires schemas [${SCIM_PATCH}]`, 'invalidValue');
    const ops = body.Operations as unknown;
    if (!Array.isArray(ops) || ops.length === 0)
      return scimError(400, 'Operations must be a non-empty array', 'invalidValue');
    const changes: Record<string, unknown> = {};
    for (const op of ops as Array<{ op?: string; path?: string; value?: unknown }>) {
      const kind = String(op.op ?? '').toLowerCase();
      if (kind !== 'replace' && kind !== 'add') return scimError(400, `Unsupported PATCH op ${op.op}`, 'invalidValue');
      if (!op.path) {
        if (op.value && typeof op.value === 'object') Object.assign(changes, op.value);
        else return scimError(400, 'A PATCH op without path needs an object value', 'invalidValue');
      } else changes[op.path] = op.value;
    }
    return applyScimChanges(c, u, token, changes, false);
  }
  return scimError(405, `${call.method} is not supported on /Users/{id}`);
}

function applyScimChanges(
  community: DemoCommunity,
  u: DemoUser,
  token: TokenRecord,
  c: Record<string, unknown>,
  full: boolean,
): ApiResponse {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  let active: boolean | undefined;
  if ('active' in c) {
    const v = c.active;
    if (typeof v === 'boolean') active = v;
    else if (v === 'true' || v === 'false' || v === 'True' || v === 'False')
      active = String(v).toLowerCase() === 'true';
    else return scimError(400, 'active must be a boolean', 'invalidValue');
  } else if (full) active = u.active;
  const userName = str(c.userName);
  if (userName && userName.toLowerCase() !== u.email.toLowerCase()) {
    if (community.org.users.some((o) => o !== u && o.email.toLowerCase() === userName.toLowerCase()))
      return scimError(409, 'userName is already taken', 'uniqueness');
  }
  const name = (c.name ?? {}) as Record<string, unknown>;
  const given = str(name.givenName) ?? str(c['name.givenName']);
  const family = str(name.familyName) ?? str(c['name.familyName']);
  if (given) u.givenName = given;
  if (family) u.familyName = family;
  if (given || family) u.name = `${u.givenName} ${u.familyName}`;
  const display = str(c.displayName);
  if (display) u.name = display;
  if (str(c.title) !== undefined) u.title = str(c.title)!;
  if (str(c.externalId)) u.externalId = str(c.externalId)!;
  const ent = (c[SCIM_ENTERPRISE] ?? {}) as Record<string, unknown>;
  const dept = str(ent.department) ?? str(c[`${SCIM_ENTERPRISE}:department`]);
  if (dept) u.department = dept;
  const term = (c[SCIM_TERM] ?? {}) as Record<string, unknown>;
  const termDate = term.termDate ?? c[`${SCIM_TERM}:termDate`];
  if (typeof termDate === 'number') u.termDate = termDate;
  const auth = (c[SCIM_AUTH] ?? {}) as Record<string, unknown>;
  const method = str(auth.authMethod) ?? str(c[`${SCIM_AUTH}:authMethod`]);
  if (method === 'sso' || method === 'password') u.authMethod = method;
  if (userName && userName !== u.email) {
    u.email = userName;
    community.org.principalNames[u.index] = u.name;
  }
  community.org.principalNames[u.index] = u.name;
  u.updated = Math.floor(community.opts.clock());
  if (active !== undefined && active !== u.active) community.setActive(u.index, active, token.actor);
  return scimJson(200, scimUser(community, u));
}
