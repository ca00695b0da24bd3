// The three token kinds behind one shape. The HTTP client asks for a token per call, adds
// appsecret_proof when the kind requires it, and asks for a renewal once when Workplace says
// the token is dead (only Admin Center app credentials can renew themselves).
import { apiUrl } from './urls';
import { WorkplaceApiError, classifyGraphError, readErrorBody } from './api-error';

export type CredentialKind = 'token' | 'consent' | 'app_credentials';

export interface Credentials {
  readonly kind: CredentialKind;
  token(signal?: AbortSignal): Promise<string>;
  /** App secret for appsecret_proof (consent tokens only). */
  readonly proofSecret: string | null;
  /** Fetch a fresh token after a 190; false when this kind cannot renew. */
  renew(signal?: AbortSignal): Promise<boolean>;
}

/** A pasted custom-integration token: long-lived, cannot renew. */
export function integrationToken(token: string): Credentials {
  return { kind: 'token', proofSecret: null, token: async () => token, renew: async () => false };
}

/** A token from the "Add to Workplace" consent: every call carries appsecret_proof. */
export function consentToken(token: string, appSecret: string): Credentials {
  return { kind: 'consent', proofSecret: appSecret, token: async () => token, renew: async () => false };
}

export interface AppCredentialOptions {
  appId: string;
  appSecret: string;
  /** Admin Center Graph base (serves /work_get_token). */
  auditBase: string;
  userAgent: string;
  fetch?: typeof fetch;
  now?: () => number;
  /** Lifetime assumed when the response has no expires_in: Meta's own sample re-fetches every 2 h. */
  assumedLifetimeMs?: number;
  /** Renew this long before expiry. */
  renewMarginMs?: number;
}

/** Admin Center client-credentials token, fetched on demand and renewed before it expires. */
export function appCredentials(
  opts: AppCredentialOptions,
): Credentials & { fetchToken(signal?: AbortSignal): Promise<string> } {
  const now = opts.now ?? Date.now;
  const lifetime = opts.assumedLifetimeMs ?? 2 * 3600_000;
  const margin = opts.renewMarginMs ?? 10 * 60_000;
  let current: { token: string; renewAt: number } | null = null;
  let inflight: Promise<string> | null = null;

  const fetchToken = (signal?: AbortSignal): Promise<string> => {
    // Concurrent callers share one request: fetching a new token revokes the old one.
    inflight ??= (async () => {
      try {
        const url = apiUrl(opts.auditBase, '/work_get_token');
        const body = new URLSearchParams({
          access_token: `${opts.appId}|${opts.appSecret}`,
          grant_type: 'client_credentials',
        });
        const res = await (opts.fetch ?? fetch)(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'user-agent': opts.userAgent,
            accept: 'application/json',
          },
          body,
          signal,
        });
        const text = await res.text();
        let json: Record<string, unknown> | null = null;
        try {
          json = JSON.parse(text);
        } catch {
          /* reported below */
        }
        if (!res.ok || !json || typeof json.access_token !== 'string') {
          const err = readErrorBody(json);
          const kind = res.ok ? 'malformed' : classifyGraphError(res.status, err);
          throw new WorkplaceApiError(
            kind === 'client' ? 'token' : kind,
            `Could not get an Admin Center token for app ${opts.appId}: ${err?.message ?? `HTTP ${res.status}`}`,
            {
              httpStatus: res.status,
              code: err?.code ?? null,
              subcode: err?.error_subcode ?? null,
              url: url.origin + url.pathname,
            },
          );
        }
        const expiresIn = Number(json.expires_in);
        const life = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : lifetime;
        current = { token: json.access_token, renewAt: now() + Math.max(life - margin, life / 2) };
        return json.access_token;
      } finally {
        inflight = null;
      }
    })();
    return inflight;
  };

  return {
    kind: 'app_credentials',
    proofSecret: null,
    fetchToken,
    async token(signal) {
      if (current && now() < current.renewAt) return current.token;
      return fetchToken(signal);
    },
    async renew(signal) {
      current = null;
      await fetchToken(signal);
      return true;
    },
  };
}
