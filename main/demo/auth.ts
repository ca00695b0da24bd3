// Tokens, permissions, consent codes and appsecret_proof for the demo community.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const PERMISSIONS = {
  manage_accounts: 'Manage accounts',
  manage_work_profiles: 'Manage work profiles',
  read_security_audit_logs: 'Read security audit logs',
  message_any_member: 'Message any member',
} as const;
export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(p: string): p is Permission {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, p);
}

export type TokenKind = 'consent' | 'integration' | 'client_credentials';

export interface TokenRecord {
  token: string;
  kind: TokenKind;
  permissions: Set<Permission>;
  /** Epoch ms (real time). */
  issuedAt: number;
  expiresAt: number | null;
  revoked: null | 'revoked' | 'superseded' | 'uninstalled';
  /** User index the token acts as (governance events name this actor). */
  actor: number;
  groups: 'all' | string[];
}

export type TokenCheck = { ok: true; record: TokenRecord } | { ok: false; subcode?: number; message: string };

export function newSecret(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}

export function appsecretProof(appSecret: string, token: string, time: string | number): string {
  return createHmac('sha256', appSecret).update(`${token}|${time}`).digest('hex');
}

export class TokenRegistry {
  private readonly tokens = new Map<string, TokenRecord>();
  /** The current client-credentials token: fetching a new one revokes it. */
  private currentClientToken: string | null = null;

  issue(
    kind: TokenKind,
    opts: {
      permissions?: Iterable<Permission>;
      ttlSec?: number | null;
      actor: number;
      groups?: 'all' | string[];
      token?: string;
    },
  ): TokenRecord {
    const prefix = kind === 'consent' ? 'DQVJ' : kind === 'integration' ? 'DQWR' : 'WGAC';
    const token = opts.token ?? prefix + randomBytes(36).toString('base64url');
    const now = Date.now();
    const record: TokenRecord = {
      token,
      kind,
      permissions: new Set(opts.permissions ?? []),
      issuedAt: now,
      expiresAt: opts.ttlSec ? now + opts.ttlSec * 1000 : null,
      revoked: null,
      actor: opts.actor,
      groups: opts.groups ?? 'all',
    };
    if (kind === 'client_credentials') {
      if (this.currentClientToken) {
        const old = this.tokens.get(this.currentClientToken);
        if (old && !old.revoked) old.revoked = 'superseded';
      }
      this.currentClientToken = token;
    }
    this.tokens.set(token, record);
    return record;
  }

  get(token: string): TokenRecord | undefined {
    return this.tokens.get(token);
  }

  check(token: string | null): TokenCheck {
    if (!token)
      return { ok: false, message: 'An active access token must be used to query information about the current user.' };
    const record = this.tokens.get(token);
    if (!record) return { ok: false, message: 'Invalid OAuth access token - Cannot parse access token' };
    if (record.revoked === 'uninstalled')
      return {
        ok: false,
        subcode: 458,
        message: 'Error validating access token: The user has not authorized application.',
      };
    if (record.revoked === 'superseded')
      return {
        ok: false,
        subcode: 467,
        message: 'Error validating access token: The session has been invalidated because a newer token was issued.',
      };
    if (record.revoked)
      return { ok: false, subcode: 467, message: 'Error validating access token: The access token has been revoked.' };
    if (record.expiresAt !== null && Date.now() >= record.expiresAt)
      return {
        ok: false,
        subcode: 463,
        message: `Error validating access token: Session has expired on ${new Date(record.expiresAt).toUTCString()}.`,
      };
    return { ok: true, record };
  }

  revoke(token: string, why: TokenRecord['revoked'] = 'revoked'): boolean {
    const r = this.tokens.get(token);
    if (!r) return false;
    r.revoked = why;
    return true;
  }

  expire(token: string): boolean {
    const r = this.tokens.get(token);
    if (!r) return false;
    r.expiresAt = Date.now() - 1;
    return true;
  }

  all(): TokenRecord[] {
    return [...this.tokens.values()];
  }
}

export function verifyProof(
  appSecret: string,
  token: string,
  proof: string | null,
  time: string | null,
  maxSkewSec = 300,
): string | null {
  if (!proof) return 'API calls from the server require an appsecret_proof argument';
  if (!time) return 'API calls with an appsecret_proof require an appsecret_time argument';
  if (!/^\d{9,11}$/.test(time)) return 'Invalid appsecret_time provided in the API argument';
  const skew = Math.abs(Date.now() / 1000 - Number(time));
  if (skew > maxSkewSec) return `appsecret_time is stale (more than ${maxSkewSec} seconds from the server's clock)`;
  const expected = Buffer.from(appsecretProof(appSecret, token, time), 'hex');
  const given = /^[0-9a-f]{64}$/i.test(proof) ? Buffer.from(proof, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return 'Invalid appsecret_proof provided in the API argument';
  return null;
}

export interface ConsentRequest {
  id: string;
  redirectUri: string;
  state: string | null;
  permissions: Permission[];
  createdAt: number;
  /** PKCE S256 challenge from the dialog URL, or null when the app sent none. */
  codeChallenge: string | null;
}

export interface AuthCode {
  code: string;
  redirectUri: string;
  permissions: Permission[];
  groups: 'all' | string[];
  createdAt: number;
  used: boolean;
  codeChallenge: string | null;
}

/** RFC 7636 §4.2: an S256 challenge is BASE64URL(SHA-256(verifier)), 43 characters unpadded. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
/** RFC 7636 §4.1: 43–128 unreserved characters. */
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/** Why a dialog's PKCE parameters are refused, or null when acceptable (absent counts). */
export function pkceRequestProblem(challenge: string | null, method: string | null): string | null {
  if (challenge === null) {
    return method === null ? null : 'code_challenge_method was given without a code_challenge.';
  }
  // "plain" would send the secret itself through the browser; only S256 protects the code.
  if (method !== 'S256') return `code_challenge_method must be S256 (got ${method === null ? 'none' : method}).`;
  if (!S256_CHALLENGE.test(challenge)) return 'code_challenge must be 43 base64url characters (an S256 hash).';
  return null;
}

/**
 * Why the exchange's code_verifier does not fit the code's challenge, or null when it does.
 * A verifier for a code issued without a challenge is refused too (RFC 9700 §2.1.1: it would
 * let an attacker pass a PKCE-less code off as protected).
 */
export function pkceExchangeProblem(challenge: string | null, verifier: string | null): string | null {
  if (challenge === null) return verifier ? 'code_verifier was given but the dialog had no code_challenge.' : null;
  if (!verifier) return 'code_verifier is required: the dialog was opened with a code_challenge.';
  if (!VERIFIER.test(verifier)) return 'code_verifier must be 43 to 128 unreserved characters.';
  const expected = Buffer.from(createHash('sha256').update(verifier, 'ascii').digest('base64url'));
  const given = Buffer.from(challenge);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return 'code_verifier does not match the code_challenge of the dialog.';
  return null;
}

/** Registered redirect URIs: an explicit list, or (default) loopback http(s) and custom app schemes. */
export function redirectAllowed(uri: string, registered: string[] | undefined): boolean {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    return false;
  }
  if (registered && registered.length) return registered.includes(uri) || registered.some((r) => sameTarget(r, u));
  // A desktop app's claimed https redirect on a reserved .invalid name (RFC 2606) is never
  // loaded — the app's consent window stops at it — so the demo accepts it like loopback.
  if (u.protocol === 'https:' && u.hostname.endsWith('.invalid')) return true;
  if (u.protocol === 'http:' || u.protocol === 'https:')
    return ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  return (
    /^[a-z][a-z0-9+.-]*:$/.test(u.protocol) &&
    !['javascript:', 'data:', 'file:', 'blob:', 'vbscript:', 'about:'].includes(u.protocol)
  );
}

function sameTarget(registered: string, u: URL): boolean {
  try {
    const r = new URL(registered);
    return r.protocol === u.protocol && r.host === u.host && r.pathname === u.pathname;
  } catch {
    return false;
  }
}
