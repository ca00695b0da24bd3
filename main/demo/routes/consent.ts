// Consent and tokens, part one: the OAuth consent dialog (`/dialog/work/app_install`) — the
// page an admin sees, and the form it posts back, which redirects with a one-time code.
import { randomBytes } from 'node:crypto';
import { ALL_PERMISSIONS, isPermission, pkceRequestProblem, redirectAllowed, type Permission } from '../auth';
import { COMPANY } from '../catalog';
import { DEMO_GROUPS, renderConsentPage, renderErrorPage } from '../consent-page';
import type { ApiCall, ApiResponse } from '../http-kit';
import type { DemoCommunity } from '../server';

function html(status: number, body: string, headers: Record<string, string> = {}): ApiResponse {
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
      'cache-control': 'no-store',
      ...headers,
    },
    body,
  };
}

export function consent(c: DemoCommunity, call: ApiCall): ApiResponse {
  if (call.method === 'GET') {
    const q = call.url.searchParams;
    const appId = q.get('app_id') ?? q.get('client_id');
    const redirectUri = q.get('redirect_uri');
    if (appId !== c.opts.appId)
      return html(
        400,
        renderErrorPage('App not found', `No app with id "${appId ?? ''}" is available to this organisation.`),
      );
    if (!redirectUri || !redirectAllowed(redirectUri, c.opts.redirectUris))
      return html(
        400,
        renderErrorPage('Invalid redirect URI', 'The redirect_uri is missing or is not registered for this app.'),
      );
    const requested = (q.get('permissions') ?? q.get('scope') ?? '').split(/[ ,]+/).filter(Boolean);
    const unknown = requested.filter((p) => !isPermission(p));
    if (unknown.length)
      return html(
        400,
        renderErrorPage('Unknown permission', `This app asked for unknown permissions: ${unknown.join(', ')}.`),
      );
    const permissions = (requested.length ? requested : ALL_PERMISSIONS) as Permission[];
    const codeChallenge = q.get('code_challenge');
    const pkceProblem = pkceRequestProblem(codeChallenge, q.get('code_challenge_method'));
    if (pkceProblem) return html(400, renderErrorPage('Invalid PKCE parameters', pkceProblem));
    const id = randomBytes(12).toString('hex');
    c.consentRequests.set(id, {
      id,
      redirectUri,
      state: q.get('state'),
      permissions,
      createdAt: Date.now(),
      codeChallenge,
    });
    return html(
      200,
      renderConsentPage({
        requestId: id,
        appName: COMPANY.appName,
        community: c.opts.community,
        permissions,
      }),
    );
  }
  if (call.method !== 'POST') return html(405, renderErrorPage('Method not allowed', 'Use the consent form.'));
  const form = new URLSearchParams(call.body);
  const request = c.consentRequests.get(form.get('request_id') ?? '');
  if (!request || Date.now() - request.createdAt > 30 * 60_000)
    return html(
      400,
      renderErrorPage(
        'This request has expired',
        'Start again from the app: the consent request is unknown, already used, or older than 30 minutes.',
      ),
    );
  const target = new URL(request.redirectUri);
  if (form.get('action') === 'cancel') {
    c.consentRequests.delete(request.id);
    target.searchParams.set('error', 'access_denied');
    target.searchParams.set('error_code', '200');
    target.searchParams.set('error_description', 'Permissions error');
    target.searchParams.set('error_reason', 'user_denied');
    if (request.state !== null) target.searchParams.set('state', request.state);
    return html(302, '', { location: target.toString() });
  }
  if (form.get('community') && form.get('community') !== c.opts.community.id)
    return html(400, renderErrorPage('Unknown organisation', 'Pick an organisation from the list.'));
  let groups: 'all' | string[] = 'all';
  if (form.get('groups') === 'selected') {
    const ids = form.getAll('group_ids').filter((g) => DEMO_GROUPS.some((d) => d.id === g));
    if (ids.length === 0)
      return html(
        400,
        renderConsentPage({
          requestId: request.id,
          appName: COMPANY.appName,
          community: c.opts.community,
          permissions: request.permissions,
          error: 'Select at least one group, or choose All groups.',
        }),
      );
    groups = ids;
  }
  c.consentRequests.delete(request.id);
  const code = randomBytes(24).toString('base64url');
  c.codes.set(code, {
    code,
    redirectUri: request.redirectUri,
    permissions: request.permissions,
    groups,
    createdAt: Date.now(),
    used: false,
    codeChallenge: request.codeChallenge,
  });
  target.searchParams.set('code', code);
  if (request.state !== null) target.searchParams.set('state', request.state);
  return html(302, '', { location: target.toString() });
}
