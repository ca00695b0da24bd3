// Consent and tokens, part two: exchanging a consent code for a token (`/oauth/access_token`,
// with the PKCE verifier when the dialog had a challenge) and the Admin Center's
// client-credentials grant (`/work_get_token`).
import { ALL_PERMISSIONS, pkceExchangeProblem } from '../auth';
import { graphError, json, type ApiCall, type ApiResponse } from '../http-kit';
import type { DemoCommunity } from '../server';

export function exchangeCode(c: DemoCommunity, call: ApiCall): ApiResponse {
  const p = new URLSearchParams(call.url.search);
  if (call.method === 'POST') for (const [k, v] of new URLSearchParams(call.body)) if (!p.has(k)) p.set(k, v);
  for (const k of ['client_id', 'client_secret', 'redirect_uri', 'code']) {
    if (!p.get(k)) return graphError(400, 100, `Missing ${k} parameter.`);
  }
  if (p.get('client_id') !== c.opts.appId)
    return graphError(400, 101, 'Error validating application. Invalid application ID.');
  if (p.get('client_secret') !== c.opts.appSecret) return graphError(400, 101, 'Error validating client secret.');
  const code = c.codes.get(p.get('code')!);
  if (!code) return graphError(400, 100, 'Invalid verification code format.', { subcode: 36007 });
  if (code.used) return graphError(400, 100, 'This authorization code has been used.', { subcode: 36009 });
  if (Date.now() - code.createdAt > 300_000)
    return graphError(400, 100, 'This authorization code has expired.', { subcode: 36007 });
  if (p.get('redirect_uri') !== code.redirectUri)
    return graphError(
      400,
      100,
      'Error validating verification code. Please make sure your redirect_uri is identical to the one ' +
        'you used in the OAuth dialog request',
      { subcode: 36008 },
    );
  // The code is not spent by a failed verifier: guessing one is hopeless, and burning the code
  // would let whoever intercepted it deny the rightful app its exchange.
  const pkceProblem = pkceExchangeProblem(code.codeChallenge, p.get('code_verifier'));
  if (pkceProblem) return graphError(400, 100, `Error validating verification code: ${pkceProblem}`);
  code.used = true;
  const rec = c.tokens.issue('consent', {
    permissions: code.permissions,
    actor: c.org.connectedAdmin,
    groups: code.groups,
    ttlSec: null,
  });
  return json(200, { access_token: rec.token, token_type: 'bearer' });
}

export function clientCredentials(c: DemoCommunity, call: ApiCall): ApiResponse {
  if (call.method !== 'POST')
    return graphError(
      400,
      100,
      'Use POST with form fields access_token=APP_ID|APP_SECRET and grant_type=client_credentials.',
    );
  const form = new URLSearchParams(call.body);
  if (/json/.test(call.headers['content-type'] ?? '')) {
    try {
      for (const [k, v] of Object.entries(JSON.parse(call.body) as Record<string, string>)) form.set(k, String(v));
    } catch {
      return graphError(400, 100, 'Malformed JSON body.');
    }
  }
  for (const [k, v] of call.url.searchParams) if (!form.has(k)) form.set(k, v);
  if (form.get('grant_type') !== 'client_credentials')
    return graphError(400, 100, 'grant_type must be client_credentials.');
  const [id, secret] = (form.get('access_token') ?? '').split('|');
  if (id !== c.opts.adminCenter.appId || secret !== c.opts.adminCenter.appSecret)
    return graphError(400, 101, 'Error validating application. Invalid application ID or secret.');
  const rec = c.tokens.issue('client_credentials', {
    permissions: ALL_PERMISSIONS,
    actor: c.org.integrationUser,
    ttlSec: c.opts.tokenTtlSec,
  });
  return json(200, { access_token: rec.token, token_type: 'bearer', expires_in: c.opts.tokenTtlSec });
}
