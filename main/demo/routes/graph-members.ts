// Graph members: the community node, `/me`, the member edges (members, organization_members,
// former_members, admins) with cursor paging, and one member by id.
import type { TokenRecord } from '../auth';
import { COMPANY } from '../catalog';
import { graphTime } from '../event-format';
import {
  decodeCursor,
  encodeCursor,
  fieldList,
  graphError,
  HttpError,
  json,
  pageUrl,
  parseLimit,
  type ApiCall,
  type ApiResponse,
} from '../http-kit';
import type { DemoCommunity } from '../server';
import type { DemoUser } from '../types';

const MEMBER_FIELDS = [
  'id',
  'name',
  'first_name',
  'last_name',
  'email',
  'title',
  'department',
  'division',
  'active',
  'administrator',
  'account_invite_time',
  'account_claim_time',
  'account_deactivate_time',
  'external_id',
  'manager',
  'locale',
] as const;

export function communityNode(c: DemoCommunity, call: ApiCall, token: TokenRecord): ApiResponse {
  const fields = fieldList(call, 'id,name');
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f === 'id') out.id = c.opts.community.id;
    else if (f === 'name') out.name = c.opts.community.name;
    else if (f === 'privacy') out.privacy = 'CLOSED';
    else if (f === 'install') {
      out.install = {
        id:
          token.kind === 'consent'
            ? c.opts.appId
            : token.kind === 'client_credentials'
              ? c.opts.adminCenter.appId
              : `${c.opts.appId}1`,
        name:
          token.kind === 'consent'
            ? COMPANY.appName
            : token.kind === 'client_credentials'
              ? 'Workplace Guard (Admin Center)'
              : 'Security Scanner (custom integration)',
        install_type:
          token.kind === 'consent'
            ? 'THIRD_PARTY'
            : token.kind === 'client_credentials'
              ? 'ADMIN_CENTER'
              : 'CUSTOM_INTEGRATION',
        permissions: [...token.permissions],
        group_access: token.groups === 'all' ? 'ALL_GROUPS' : 'SELECTED_GROUPS',
        ...(token.groups === 'all' ? {} : { groups: token.groups }),
        installed_at: graphTime(Math.floor(token.issuedAt / 1000)),
      };
    } else return graphError(400, 100, `(#100) Tried accessing nonexisting field (${f}) on node type (Community)`);
  }
  out.id ??= c.opts.community.id;
  return json(200, out);
}

export function me(c: DemoCommunity, token: TokenRecord): ApiResponse {
  const u = c.org.users[token.actor];
  return json(200, { id: u.id, name: u.name });
}

function memberFields(call: ApiCall): string[] {
  const fields = fieldList(call, 'id,name');
  for (const f of fields)
    if (!(MEMBER_FIELDS as readonly string[]).includes(f))
      throw new HttpError(graphError(400, 100, `(#100) Tried accessing nonexisting field (${f}) on node type (User)`));
  if (!fields.includes('id')) fields.unshift('id');
  return fields;
}

export function memberJson(c: DemoCommunity, u: DemoUser, fields: string[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const f of fields) {
    switch (f) {
      case 'id':
        o.id = u.id;
        break;
      case 'name':
        o.name = u.name;
        break;
      case 'first_name':
        o.first_name = u.givenName;
        break;
      case 'last_name':
        o.last_name = u.familyName;
        break;
      case 'email':
        o.email = u.email;
        break;
      case 'title':
        if (u.title) o.title = u.title;
        break;
      case 'department':
        if (u.department) o.department = u.department;
        break;
      case 'division':
        if (u.division) o.division = u.division;
        break;
      case 'active':
        o.active = u.active;
        break;
      case 'administrator':
        o.administrator = u.administrator;
        break;
      case 'account_invite_time':
        o.account_invite_time = graphTime(u.inviteTime);
        break;
      case 'account_claim_time':
        if (u.claimTime !== null) o.account_claim_time = graphTime(u.claimTime);
        break;
      case 'account_deactivate_time':
        if (u.deactivateTime !== null && !u.active) o.account_deactivate_time = graphTime(u.deactivateTime);
        break;
      case 'external_id':
        o.external_id = u.externalId;
        break;
      case 'manager':
        if (u.managerIndex >= 0)
          o.manager = { id: c.org.users[u.managerIndex].id, name: c.org.users[u.managerIndex].name };
        break;
      case 'locale':
        o.locale = 'en_GB';
        break;
    }
  }
  return o;
}

export function members(c: DemoCommunity, call: ApiCall, edge: string): ApiResponse {
  const q = call.url.searchParams;
  const fields = memberFields(call);
  const inactive = q.get('inactive') === '1' || q.get('inactive') === 'true';
  const list = c.org.users.filter((u) => {
    if (c.state(u.index).deleted) return false;
    if (edge === 'former_members') return u.former;
    if (u.former) return false;
    if (edge === 'admins') return u.administrator && u.active;
    if (edge === 'organization_members' && inactive) return true;
    return u.active;
  });
  const limit = parseLimit(q.get('limit'), 25);
  let start = 0;
  const after = q.get('after');
  const before = q.get('before');
  if (after && before) return graphError(400, 100, '(#100) Cannot specify both before and after cursors');
  if (after) {
    const n = decodeCursor('m', after);
    if (n === null) return graphError(400, 100, '(#100) Invalid cursor');
    start = n + 1;
  } else if (before) {
    const n = decodeCursor('m', before);
    if (n === null) return graphError(400, 100, '(#100) Invalid cursor');
    start = Math.max(0, n - limit);
  }
  const page = list.slice(start, start + limit);
  const body: Record<string, unknown> = { data: page.map((u) => memberJson(c, u, fields)) };
  if (page.length) {
    const paging: Record<string, unknown> = {
      cursors: { before: encodeCursor('m', start), after: encodeCursor('m', start + page.length - 1) },
    };
    if (start + page.length < list.length)
      paging.next = pageUrl(c.opts.baseUrl, call, { after: encodeCursor('m', start + page.length - 1) });
    if (start > 0) paging.previous = pageUrl(c.opts.baseUrl, call, { before: encodeCursor('m', start) });
    body.paging = paging;
  }
  return json(200, body);
}

/** The member with this id, or the Graph "does not exist" error (deleted members included). */
export function userById(c: DemoCommunity, id: string): DemoUser {
  const i = c.org.usersById.get(id);
  if (i === undefined || c.state(i).deleted)
    throw new HttpError(
      graphError(
        400,
        100,
        `(#100) Unsupported request. Object with ID '${id}' does not exist, cannot be loaded due to missing ` +
          'permissions, or does not support this operation.',
        { type: 'GraphMethodException', subcode: 33 },
      ),
    );
  return c.org.users[i];
}

/** `GET /{id}`: one member with the requested fields. */
export function memberNode(c: DemoCommunity, call: ApiCall, u: DemoUser): ApiResponse {
  return json(200, memberJson(c, u, memberFields(call)));
}
