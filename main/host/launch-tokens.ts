// One-time launch tokens: how `serve --open` hands the console secret to the browser it starts
// without putting the secret on a command line (any local user can read another process's
// argv). The opened URL carries a token instead; the page trades it for the secret once, within
// a short time, and the token is then worthless — to a reader of argv as much as to anyone.
import crypto from 'node:crypto';

export interface LaunchTokens {
  /** A fresh token, valid once, for `ttlMs`. */
  issue(): string;
  /** True once for a token that was issued and has not expired; false ever after. */
  redeem(token: string): boolean;
}

export interface LaunchTokenOptions {
  ttlMs: number;
  /** Outstanding tokens kept at most; the oldest is dropped first. */
  maxOutstanding?: number;
  now?: () => number;
}

/** Tokens are kept by hash, so the lookup does not compare the secret-bearing string itself. */
const digest = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');

export function createLaunchTokens(opts: LaunchTokenOptions): LaunchTokens {
  const now = opts.now ?? Date.now;
  const maxOutstanding = opts.maxOutstanding ?? 16;
  const outstanding = new Map<string, number>(); // digest → expiry
  return {
    issue() {
      const token = crypto.randomBytes(24).toString('base64url');
      if (outstanding.size >= maxOutstanding) outstanding.delete(outstanding.keys().next().value as string);
      outstanding.set(digest(token), now() + opts.ttlMs);
      return token;
    },
    redeem(token) {
      if (typeof token !== 'string' || token.length === 0 || token.length > 128) return false;
      const key = digest(token);
      const expiresAt = outstanding.get(key);
      outstanding.delete(key); // single use: gone whether or not it was still valid
      return expiresAt !== undefined && now() <= expiresAt;
    },
  };
}
