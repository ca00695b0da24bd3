// Classifies Graph / SCIM failures into what the client and the sync engine do about them
// (workplace-api.md "Graph conventions"): retry, wait, stop and ask to reconnect, or disable the
// one feature that needs a missing permission.
import { GuardError } from '../runtime/errors';

export type ApiErrorKind =
  /** 190: token expired, invalid or app removed — reconnect, never retry in a loop. */
  | 'token'
  /** 10, 200–299 (or HTTP 403 without a code): a permission is missing. */
  | 'permission'
  /** 4, 17, 32, 613, 80001–80014, HTTP 429. */
  | 'rate_limited'
  /** 1, 2, HTTP 5xx, network failures. */
  | 'transient'
  /** A 2xx whose body is not JSON. */
  | 'malformed'
  /** A redirect we will not follow (another origin, credentials, too many hops). */
  | 'redirect'
  /** A saved or served page cursor that cannot be used (refused by the server, or by us). */
  | 'cursor_rejected'
  /** Anything else (bad request, not found…): not retried. */
  | 'client';

export interface GraphErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  fbtrace_id?: string;
}

export class WorkplaceApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly detail: {
      httpStatus: number | null;
      code: number | null;
      subcode: number | null;
      url: string;
      fbtraceId?: string | null;
    } = {
      httpStatus: null,
      code: null,
      subcode: null,
      url: '',
    },
  ) {
    super(message);
    this.name = 'WorkplaceApiError';
  }
}

const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);

export function classifyGraphError(httpStatus: number, error: GraphErrorBody | null): ApiErrorKind {
  const code = typeof error?.code === 'number' ? error.code : null;
  if (code === 190 || code === 102 || code === 463 || code === 467) return 'token';
  if (code === 10 || (code !== null && code >= 200 && code <= 299)) return 'permission';
  if (code !== null && (RATE_LIMIT_CODES.has(code) || (code >= 80001 && code <= 80014))) return 'rate_limited';
  if (code === 1 || code === 2) return 'transient';
  if (httpStatus === 429) return 'rate_limited';
  if (httpStatus >= 500) return 'transient';
  if (httpStatus === 401) return 'token';
  if (httpStatus === 403) return 'permission';
  return 'client';
}

/** Reads `{"error":{…}}` (Graph) or SCIM's `{"detail","status"}` into one shape. */
export function readErrorBody(body: unknown): GraphErrorBody | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  if (b.error && typeof b.error === 'object') return b.error as GraphErrorBody;
  if (typeof b.error === 'string') return { message: b.error };
  if (typeof b.detail === 'string') return { message: b.detail };
  return null;
}

/** What each API area is for, and the Workplace permission it needs (named in errors). */
export interface Feature {
  feature: string;
  permission: string;
}
export const FEATURES = {
  scimUsers: { feature: 'User accounts (SCIM)', permission: 'Manage accounts' },
  graphMembers: { feature: 'Member profiles', permission: 'Manage work profiles' },
  auditLog: { feature: 'Security activity', permission: 'Read security audit logs' },
  community: { feature: 'Organisation details', permission: 'Read community info' },
} as const satisfies Record<string, Feature>;

/** The sentence a person can act on, as a GuardError crossing the contract. */
export function toGuardErrorFromApi(err: unknown, feature?: Feature): GuardError {
  if (err instanceof GuardError) return err;
  if (!(err instanceof WorkplaceApiError)) {
    if (err instanceof Error && err.name === 'AbortError') return new GuardError('busy', 'The sync was cancelled.');
    const message = err instanceof Error ? err.message : String(err);
    return new GuardError('internal', `Unexpected error while talking to Workplace: ${message.slice(0, 300)}`);
  }
  const where = feature ? ` (${feature.feature})` : '';
  switch (err.kind) {
    case 'token':
      return new GuardError('token_invalid', `Workplace rejected the access token${where}: ${err.message}`);
    case 'permission':
      return new GuardError(
        'permission_missing',
        feature
          ? `The integration lacks the "${feature.permission}" permission, ` +
              `so ${feature.feature} is unavailable: ${err.message}`
          : `A Workplace permission is missing: ${err.message}`,
      );
    case 'rate_limited':
      return new GuardError('rate_limited', `Workplace kept rate-limiting the console${where}: ${err.message}`);
    case 'transient':
    case 'malformed':
      return new GuardError('network', `${err.message}${where}`);
    case 'redirect':
      return new GuardError(
        'refused',
        `${err.message}${where} Check the API base URL; a proxy in between may be rewriting requests.`,
      );
    case 'cursor_rejected':
      return new GuardError('network', `${err.message}${where}`);
    default:
      return new GuardError('internal', `Workplace refused a request${where}: ${err.message}`);
  }
}
