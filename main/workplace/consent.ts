// The "Add to Workplace" consent: building the dialog URL, the flow that obtains a code
// (embedded window, system browser + loopback, or the demo's auto-consent — all behind
// ConsentFlow), and the code exchange that happens in the main process.
import crypto from 'node:crypto';
import { GuardError } from '../runtime/errors';
import { WorkplaceApiError, classifyGraphError, readErrorBody } from './api-error';
import { apiUrl } from './urls';

export interface ConsentResult {
  code: string;
  state: string | null;
  redirectUri: string;
}

export interface ConsentFlow {
  /**
   * Shows the consent dialog at `buildUrl(redirectUri)` and resolves with what came back to
   * the redirect URI. Throws GuardError('refused', …) on access_denied, a closed window or timeout.
   */
  authorize(opts: {
    buildUrl: (redirectUri: string) => string;
    timeoutMs: number;
    signal?: AbortSignal;
  }): Promise<ConsentResult>;
}

/** Exchange must happen within 300 s of the redirect; the dialog itself gets 5 minutes. */
export const CONSENT_TIMEOUT_MS = 5 * 60_000;

/**
 * The redirect URI the desktop app registers for its embedded consent window. It is never
 * loaded: the window stops at the redirect and reads code/state from it. `.invalid` is
 * reserved (RFC 2606), so nothing can ever answer there even if a redirect slipped through.
 */
export const DESKTOP_REDIRECT_URI = 'https://workplace-guard.invalid/oauth/callback';

export function newConsentState(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/**
 * PKCE (RFC 7636) with S256: the dialog URL carries only the challenge; the verifier stays in
 * this process and goes with the code exchange, so a code intercepted on its way back (another
 * app on the loopback port or the custom scheme, a logged redirect) is useless on its own.
 */
export interface Pkce {
  verifier: string;
  challenge: string;
}

export function pkceChallenge(verifier: string): string {
  return crypto.createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** 32 random bytes → a 43-character verifier, the length RFC 7636 §4.1 recommends. */
export function newPkce(): Pkce {
  const verifier = crypto.randomBytes(32).toString('base64url');
  return { verifier, challenge: pkceChallenge(verifier) };
}

/**
 * The dialog URL. With `pkce`, it asks for S256: a server that supports PKCE binds the code to
 * the challenge; one that does not ignores both parameters, and the exchange works as before.
 */
export function buildConsentUrl(
  dialogBase: string,
  opts: { appId: string; redirectUri: string; state: string; permissions?: string[]; pkce?: Pkce },
): string {
  return apiUrl(dialogBase, '/dialog/work/app_install/', {
    app_id: opts.appId,
    redirect_uri: opts.redirectUri,
    state: opts.state,
    permissions: opts.permissions?.length ? opts.permissions.join(',') : null,
    code_challenge: opts.pkce ? opts.pkce.challenge : null,
    code_challenge_method: opts.pkce ? 'S256' : null,
  }).toString();
}

/** Reads `?code=&state=` or `?error=&error_description=` off a redirect URL. */
export function readRedirect(redirect: URL, redirectUri: string): ConsentResult {
  const error = redirect.searchParams.get('error');
  if (error) {
    const description =
      redirect.searchParams.get('error_description') || redirect.searchParams.get('error_reason') || error;
    throw new GuardError(
      'refused',
      error === 'access_denied' ? `Consent was declined: ${description}` : `Consent failed: ${description}`,
    );
  }
  const code = redirect.searchParams.get('code');
  if (!code) throw new GuardError('refused', 'The consent dialog returned without an authorisation code.');
  return { code, state: redirect.searchParams.get('state'), redirectUri };
}

/** Exact comparison, in constant time: a mismatched state means the redirect was not ours. */
export function checkState(expected: string, got: string | null): void {
  const a = Buffer.from(expected);
  const b = Buffer.from(got ?? '');
  if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) {
    throw new GuardError(
      'refused',
      'The consent response did not match this request (state mismatch); nothing was connected. Try again.',
    );
  }
}

export async function exchangeConsentCode(opts: {
  graphBase: string;
  appId: string;
  appSecret: string;
  redirectUri: string;
  code: string;
  /** The PKCE verifier whose challenge the dialog URL carried. */
  codeVerifier?: string;
  userAgent: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}): Promise<string> {
  const url = apiUrl(opts.graphBase, '/oauth/access_token', {
    client_id: opts.appId,
    client_secret: opts.appSecret,
    redirect_uri: opts.redirectUri,
    code: opts.code,
    code_verifier: opts.codeVerifier ?? null,
  });
  const res = await (opts.fetch ?? fetch)(url, {
    headers: { 'user-agent': opts.userAgent, accept: 'application/json' },
    signal: opts.signal,
  });
  const text = await res.text();
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* below */
  }
  if (res.ok && json && typeof json.access_token === 'string') return json.access_token;
  const err = readErrorBody(json);
  const kind = res.ok ? 'malformed' : classifyGraphError(res.status, err);
  throw new WorkplaceApiError(
    kind === 'client' ? 'token' : kind,
    `Workplace did not accept the consent code: ${err?.message ?? `HTTP ${res.status}`}`,
    {
      httpStatus: res.status,
      code: err?.code ?? null,
      subcode: err?.error_subcode ?? null,
      url: url.origin + url.pathname,
    },
  );
}
