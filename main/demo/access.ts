// Who is calling: the bearer token (header, query or form), its appsecret_proof when it is a
// consent token, the token faults (expire or revoke after N calls), and permission checks.
import { PERMISSIONS, verifyProof, type Permission, type TokenRecord } from './auth';
import { graphError, HttpError, type ApiCall, type ApiResponse } from './http-kit';
import type { DemoCommunity } from './server';

function bearer(call: ApiCall, form?: URLSearchParams): string | null {
  const h = call.headers.authorization;
  if (h) {
    const m = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(h.trim());
    if (m) return m[1].trim();
  }
  return call.url.searchParams.get('access_token') ?? form?.get('access_token') ?? null;
}

export function authenticate(c: DemoCommunity, call: ApiCall, inBatch: boolean): { record: TokenRecord } | ApiResponse {
  const form =
    call.method !== 'GET' && /x-www-form-urlencoded/.test(call.headers['content-type'] ?? '')
      ? new URLSearchParams(call.body)
      : undefined;
  const token = bearer(call, form);
  const checked = c.tokens.check(token);
  if (!checked.ok) return graphError(401, 190, checked.message, { subcode: checked.subcode });
  const record = checked.record;
  if (record.kind === 'consent') {
    const q = call.url.searchParams;
    const problem = verifyProof(
      c.opts.appSecret,
      record.token,
      q.get('appsecret_proof') ?? form?.get('appsecret_proof') ?? null,
      q.get('appsecret_time') ?? form?.get('appsecret_time') ?? null,
    );
    if (problem) return graphError(400, 100, problem, { type: 'GraphMethodException' });
  }
  if (!inBatch) {
    c.counters.authCalls += 1;
    const f = c.faults;
    if (f.expireTokenAfter !== null && c.counters.authCalls > f.expireTokenAfter && !c.counters.tokenFaultServed) {
      c.counters.tokenFaultServed = true;
      c.tokens.expire(record.token);
      const again = c.tokens.check(record.token);
      if (!again.ok) return graphError(401, 190, again.message, { subcode: again.subcode });
    }
    if (f.revokeTokenAfter !== null && c.counters.authCalls > f.revokeTokenAfter && !c.counters.tokenFaultServed) {
      c.counters.tokenFaultServed = true;
      c.tokens.revoke(record.token);
      const again = c.tokens.check(record.token);
      if (!again.ok) return graphError(401, 190, again.message, { subcode: again.subcode });
    }
  }
  return { record };
}

/** Throws the Graph permission error (with `code`, which differs per endpoint) unless granted. */
export function requirePermission(token: TokenRecord, p: Permission, code: number): void {
  if (!token.permissions.has(p)) {
    throw new HttpError(
      graphError(
        403,
        code,
        `(#${code}) This endpoint requires the '${p}' permission (${PERMISSIONS[p]}), ` +
          'which was not granted to this app.',
        { extra: { missing_permission: p } },
      ),
    );
  }
}
