// `/_demo` controls: the inspection and steering API for tests and the demo UI (messages sent,
// a member's state, simulated sign-ins, incidents and ground truth, faults, tokens, live ticks).
// Not part of Workplace; clients of the real service never call it.
import { ALL_PERMISSIONS, isPermission, type Permission } from '../auth';
import type { FaultConfig } from '../faults';
import { HttpError, json, type ApiCall, type ApiResponse } from '../http-kit';
import type { DemoCommunity } from '../server';

export function demoControls(c: DemoCommunity, call: ApiCall, path: string): ApiResponse {
  const q = call.url.searchParams;
  const body = (): Record<string, unknown> => {
    if (!call.body) return {};
    try {
      return JSON.parse(call.body);
    } catch {
      throw new HttpError(json(400, { error: 'body must be JSON' }));
    }
  };
  const m = call.method;
  if (path === '/_demo' || path === '/_demo/') {
    return json(200, {
      about: 'Demo community inspection API (tests and the demo UI only; not part of Workplace).',
      endpoints: [
        'GET /_demo/messages',
        'GET /_demo/users/{id}',
        'POST /_demo/users/{id}/login-attempt',
        'GET /_demo/incidents',
        'GET /_demo/ground-truth?since=ms&until=ms',
        'GET|POST|DELETE /_demo/faults',
        'POST /_demo/tokens',
        'POST /_demo/tokens/revoke',
        'POST /_demo/tokens/expire',
        'POST /_demo/live-tick',
        'GET /_demo/stats',
      ],
    });
  }
  if (path === '/_demo/messages' && m === 'GET') {
    const r = q.get('recipient');
    return json(200, { data: c.messages.filter((x) => !r || x.recipientId === r) });
  }
  const userPath = /^\/_demo\/users\/(\d+)(\/login-attempt)?$/.exec(path);
  if (userPath) {
    const i = c.org.usersById.get(userPath[1]);
    if (i === undefined) return json(404, { error: 'unknown user' });
    if (userPath[2] && m === 'POST') {
      const b = body();
      return json(
        200,
        c.simulateLogin(i, {
          ip: typeof b.ip === 'string' ? b.ip : undefined,
          success: b.success === false ? false : undefined,
        }),
      );
    }
    if (!userPath[2] && m === 'GET') return json(200, c.userState(i));
  }
  if (path === '/_demo/incidents' && m === 'GET') return json(200, c.inspectionHandlers?.incidentsDoc() ?? {});
  if (path === '/_demo/stats' && m === 'GET') return json(200, c.inspectionHandlers?.stats() ?? {});
  if (path === '/_demo/ground-truth' && m === 'GET') {
    const s = q.get('since');
    const u = q.get('until');
    const ids = c.inspectionHandlers?.groundTruthIds(s ? Number(s) : undefined, u ? Number(u) : undefined) ?? [];
    return json(200, { count: ids.length, ids });
  }
  if (path === '/_demo/faults') {
    if (m === 'GET') return json(200, { faults: c.faults, counters: c.counters });
    if (m === 'DELETE') {
      c.resetFaults();
      return json(200, { faults: c.faults });
    }
    if (m === 'POST' || m === 'PUT') {
      try {
        c.setFaults(body() as Partial<FaultConfig>);
      } catch (err) {
        if (err instanceof HttpError) throw err;
        return json(400, { error: (err as Error).message });
      }
      return json(200, { faults: c.faults });
    }
  }
  if (path === '/_demo/tokens' && m === 'POST') {
    const b = body();
    const kind = b.kind === 'client_credentials' || b.kind === 'consent' ? b.kind : 'integration';
    const perms = Array.isArray(b.permissions) ? b.permissions.map(String) : ALL_PERMISSIONS;
    const bad = perms.filter((p) => !isPermission(p));
    if (bad.length) return json(400, { error: `unknown permissions: ${bad.join(', ')}` });
    const rec = c.tokens.issue(kind, {
      permissions: perms as Permission[],
      ttlSec: typeof b.ttlSec === 'number' ? b.ttlSec : null,
      actor: kind === 'consent' ? c.org.connectedAdmin : c.org.integrationUser,
    });
    return json(200, {
      access_token: rec.token,
      kind: rec.kind,
      permissions: [...rec.permissions],
      expiresAt: rec.expiresAt,
    });
  }
  const tokenOp = /^\/_demo\/tokens\/(revoke|expire)$/.exec(path);
  if (tokenOp && m === 'POST') {
    const t = String(body().token ?? '');
    const ok = tokenOp[1] === 'revoke' ? c.tokens.revoke(t) : c.tokens.expire(t);
    return json(ok ? 200 : 404, { ok });
  }
  if (path === '/_demo/live-tick' && m === 'POST') return json(200, { eventId: c.liveTick() });
  return json(404, { error: `unknown inspection path ${m} ${path}` });
}
