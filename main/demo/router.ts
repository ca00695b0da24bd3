// The demo community's router: normalises the path (Graph version prefix, trailing slash),
// sends `/_demo` and the consent dialog to their families, applies the call-level faults,
// authenticates, meters usage, and hands each Graph, SCIM or audit-log path to its route file
// under routes/. Batch requests come back through `dispatch` one item at a time.
import { authenticate, requirePermission } from './access';
import type { TokenRecord } from './auth';
import { graphError, HttpError, json, type ApiCall, type ApiResponse } from './http-kit';
import { auditLogs } from './routes/audit-logs';
import { consent } from './routes/consent';
import { demoControls } from './routes/demo-controls';
import { forceLogout, sendMessage, setActive } from './routes/governance';
import { communityNode, me, memberNode, members, userById } from './routes/graph-members';
import { scim } from './routes/scim';
import { clientCredentials, exchangeCode } from './routes/tokens';
import type { DemoCommunity } from './server';

const MEMBER_EDGE = /^\/community\/(members|organization_members|former_members|admins)$/;

export async function dispatch(c: DemoCommunity, call: ApiCall, inBatch: boolean): Promise<ApiResponse> {
  let path = call.url.pathname.replace(/^\/v\d+\.\d+(?=\/)/, '');
  if (path.length > 1 && path.endsWith('/') && !path.startsWith('/dialog/')) path = path.slice(0, -1);
  if (path.startsWith('/_demo')) return demoControls(c, call, path);
  if (path === '/dialog/work/app_install' || path === '/dialog/work/app_install/') return consent(c, call);
  if (path.startsWith('/dialog/')) return graphError(404, 803, 'Unknown path');

  if (!inBatch) {
    const served = await callFaults(c);
    if (served) return served;
  }

  if (path === '/oauth/access_token') return exchangeCode(c, call);
  if (path === '/work_get_token') return clientCredentials(c, call);

  // Everything else needs a token.
  const auth = authenticate(c, call, inBatch);
  if ('status' in auth) return auth;
  const token = auth.record;
  if (!inBatch) {
    const limited = c.usage.countCall(c.faults, c.counters);
    if (limited) return limited;
  }
  const usage = c.usage.headers(false, c.faults, c.counters);
  const res = await route(c, call, path, token);
  Object.assign(res.headers, usage);
  return res;
}

/** The slow-response and server-error faults, which hit every API call before authentication. */
async function callFaults(c: DemoCommunity): Promise<ApiResponse | null> {
  c.counters.apiCalls += 1;
  if (c.faults.slowMs > 0) await new Promise((r) => setTimeout(r, c.faults.slowMs));
  const f = c.faults;
  if (
    f.serverErrorAfter !== null &&
    c.counters.apiCalls > f.serverErrorAfter &&
    c.counters.serverErrorsServed < f.serverErrorCount
  ) {
    c.counters.serverErrorsServed += 1;
    return graphError(f.serverErrorStatus, 2, 'An unexpected error has occurred. Please retry your request later.', {
      transient: true,
    });
  }
  return null;
}

async function route(c: DemoCommunity, call: ApiCall, path: string, token: TokenRecord): Promise<ApiResponse> {
  const m = call.method;
  if (path === '/' && m === 'POST') return batch(c, call);
  if (path === '/community' && m === 'GET') return communityNode(c, call, token);
  const edge = MEMBER_EDGE.exec(path);
  if (edge && m === 'GET') {
    requirePermission(token, 'manage_work_profiles', 200);
    return members(c, call, edge[1]);
  }
  if (path === '/me' && m === 'GET') return me(c, token);
  if (path === '/me/messages' && m === 'POST') return sendMessage(c, call, token);
  if (path === '/security_audit_logs' && m === 'GET') {
    requirePermission(token, 'read_security_audit_logs', 10);
    return auditLogs(c, call);
  }
  if (path === '/Users' || path.startsWith('/Users/')) return scim(c, call, path, token);
  const logout = /^\/(\d+)\/logout$/.exec(path);
  if (logout && m === 'POST') {
    return forceLogout(c, logout[1], token);
  }
  const node = /^\/(\d+)$/.exec(path);
  if (node) {
    const u = userById(c, node[1]);
    if (m === 'GET') {
      requirePermission(token, 'manage_work_profiles', 200);
      return memberNode(c, call, u);
    }
    if (m === 'POST') return setActive(c, call, u, token);
  }
  return graphError(
    400,
    100,
    `(#100) Unsupported ${m} request. Object with path '${path}' does not exist, cannot be loaded due to ` +
      'missing permissions, or does not support this operation.',
    { type: 'GraphMethodException', subcode: 33 },
  );
}

/** `POST /` with `batch=[…]`: each item dispatched as its own call, sharing the outer auth. */
async function batch(c: DemoCommunity, call: ApiCall): Promise<ApiResponse> {
  const form = new URLSearchParams(call.body);
  const raw = call.url.searchParams.get('batch') ?? form.get('batch');
  if (!raw) return graphError(400, 100, '(#100) The parameter batch is required');
  let items: Array<{ method?: string; relative_url?: string; body?: string }>;
  try {
    items = JSON.parse(raw);
  } catch {
    return graphError(400, 100, '(#100) batch must be a JSON array');
  }
  if (!Array.isArray(items)) return graphError(400, 100, '(#100) batch must be a JSON array');
  if (items.length > 50)
    return graphError(400, 100, '(#100) Too many requests in batch message. Maximum batch size is 50');
  const out = [];
  for (const item of items) {
    const rel = String(item.relative_url ?? '').replace(/^\/?/, '/');
    const url = new URL(rel, c.opts.baseUrl);
    for (const k of ['access_token', 'appsecret_proof', 'appsecret_time']) {
      const v = call.url.searchParams.get(k) ?? form.get(k);
      if (v && !url.searchParams.has(k)) url.searchParams.set(k, v);
    }
    const sub: ApiCall = {
      method: String(item.method ?? 'GET').toUpperCase(),
      url,
      headers: { ...call.headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: item.body ?? '',
    };
    let r: ApiResponse;
    try {
      r = await dispatch(c, sub, true);
    } catch (err) {
      r = err instanceof HttpError ? err.response : graphError(500, 2, (err as Error).message, { transient: true });
    }
    out.push({
      code: r.status,
      headers: Object.entries(r.headers).map(([name, value]) => ({ name, value })),
      body: r.body,
    });
  }
  return json(200, out);
}

/** Any exception a route throws, as the answer it stands for (500 when it is a bug). */
export function errorResponse(err: unknown): ApiResponse {
  return err instanceof HttpError
    ? err.response
    : graphError(500, 2, `An unexpected error has occurred: ${(err as Error).message}`, { transient: true });
}
