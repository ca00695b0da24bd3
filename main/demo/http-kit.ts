// The request/response shapes every route of the demo community shares, and the small helpers
// that build Graph-style answers: JSON bodies, Graph error envelopes, opaque cursors, paging URLs.
import { randomBytes } from 'node:crypto';

export interface ApiCall {
  method: string;
  url: URL;
  headers: Record<string, string | undefined>;
  body: string;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Internal: skip usage headers etc. */
  raw?: boolean;
}

/** Thrown deep inside a route to answer at once with `response` (caught by the router). */
export class HttpError extends Error {
  constructor(readonly response: ApiResponse) {
    super(response.body);
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): ApiResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=UTF-8', ...headers },
    body: JSON.stringify(body),
  };
}

export function fbtrace(): string {
  return randomBytes(8).toString('base64url');
}

export function graphError(
  status: number,
  code: number,
  message: string,
  opts: { type?: string; subcode?: number; transient?: boolean; extra?: Record<string, unknown> } = {},
): ApiResponse {
  const error: Record<string, unknown> = { message, type: opts.type ?? 'OAuthException', code };
  if (opts.subcode !== undefined) error.error_subcode = opts.subcode;
  if (opts.transient !== undefined) error.is_transient = opts.transient;
  Object.assign(error, opts.extra ?? {});
  error.fbtrace_id = fbtrace();
  const headers: Record<string, string> = {};
  if (code === 190)
    headers['www-authenticate'] = `OAuth "Facebook Platform" "invalid_token" "${message.replace(/"/g, "'")}"`;
  return json(status, { error }, headers);
}

export function encodeCursor(kind: string, n: number): string {
  return Buffer.from(`${kind}:${n}`).toString('base64url');
}

export function decodeCursor(kind: string, c: string): number | null {
  let text: string;
  try {
    text = Buffer.from(c, 'base64url').toString('utf8');
  } catch {
    return null;
  }
  const m = /^([a-z]+):(\d+)$/.exec(text);
  if (!m || m[1] !== kind) return null;
  return Number(m[2]);
}

/** Unix seconds from a number, numeric string or ISO date; undefined when absent, NaN when invalid. */
export function parseTime(v: string | null): number | undefined {
  if (v === null || v === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) {
    const n = Number(v);
    return n > 1e11 ? Math.floor(n / 1000) : Math.floor(n);
  }
  const t = Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(t) ? Math.floor(t / 1000) : NaN;
}

export function parseLimit(v: string | null, dflt: number): number {
  if (v === null || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new HttpError(graphError(400, 100, '(#100) The parameter limit must be a positive integer'));
  if (n > 1000) throw new HttpError(graphError(400, 100, '(#100) The parameter limit must be at most 1000'));
  return n;
}

/** A paging URL: the same request with new cursors (auth parameters are left to the client). */
export function pageUrl(baseUrl: string, call: ApiCall, cursors: { after?: string; before?: string }): string {
  const u = new URL(call.url.pathname + call.url.search, baseUrl);
  for (const k of ['after', 'before', 'access_token', 'appsecret_proof', 'appsecret_time']) u.searchParams.delete(k);
  if (cursors.after) u.searchParams.set('after', cursors.after);
  if (cursors.before) u.searchParams.set('before', cursors.before);
  return u.toString();
}

/** The comma-separated `fields` parameter, trimmed, with a default. */
export function fieldList(call: ApiCall, dflt: string): string[] {
  return (call.url.searchParams.get('fields') ?? dflt)
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
}
