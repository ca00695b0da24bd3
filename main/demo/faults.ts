// Fault injection for tests, per server instance. Counters start when faults are set.
import type { TimestampFormat } from './event-format';

export interface FaultConfig {
  /** After this many authenticated calls, answer with a rate-limit error (null = off). */
  rateLimitAfter: number | null;
  /** 4 = application, 17 = user, 32 = page-level (Business Use Case) rate limit. */
  rateLimitCode: 4 | 17 | 32;
  /** How many calls are refused before the budget is regained (then the count starts over). */
  rateLimitCalls: number;
  /** Reported as `estimated_time_to_regain_access` (minutes). */
  rateLimitRegainMinutes: number;
  /** After this many API calls, answer `serverErrorCount` calls with HTTP `serverErrorStatus`. */
  serverErrorAfter: number | null;
  serverErrorCount: number;
  serverErrorStatus: number;
  /** The N-th audit-log page (1-based, counted since set) is served as truncated JSON. */
  malformedPage: number | null;
  /** Delay every API response by this many ms. */
  slowMs: number;
  /** After N authenticated calls, the token in use expires (190 / 463). */
  expireTokenAfter: number | null;
  /** After N authenticated calls, the token in use is revoked (190 / 467). */
  revokeTokenAfter: number | null;
  /** Every audit-log page starts with the last event of the previous page. */
  duplicateAcrossPages: boolean;
  /** Events within each audit-log page are served in shuffled time order. */
  outOfOrder: boolean;
  /** The N-th audit-log page's `paging.next` points back at that same page (once). */
  repeatNextOnPage: number | null;
  /** Audit-log pages hold fewer events than `limit` (but still link onwards). */
  shortPages: boolean;
  /** How `timestamp` is written: unix seconds (default), numeric string, ISO 8601, or a mix. */
  timestampFormat: TimestampFormat;
  /**
   * SCIM writes to /Users/{id} answered 412 Precondition Failed (the resource changed on the
   * server): 'patch' refuses PATCH only, 'patch-and-put' refuses PUT as well.
   */
  scimPreconditionFailed: ScimPreconditionFault;
}

export const SCIM_PRECONDITION_FAULTS = ['off', 'patch', 'patch-and-put'] as const;
export type ScimPreconditionFault = (typeof SCIM_PRECONDITION_FAULTS)[number];

export const DEFAULT_FAULTS: FaultConfig = {
  rateLimitAfter: null,
  rateLimitCode: 4,
  rateLimitCalls: 2,
  rateLimitRegainMinutes: 0,
  serverErrorAfter: null,
  serverErrorCount: 3,
  serverErrorStatus: 500,
  malformedPage: null,
  slowMs: 0,
  expireTokenAfter: null,
  revokeTokenAfter: null,
  duplicateAcrossPages: false,
  outOfOrder: false,
  repeatNextOnPage: null,
  shortPages: false,
  timestampFormat: 'unix',
  scimPreconditionFailed: 'off',
};

export interface FaultCounters {
  apiCalls: number;
  authCalls: number;
  auditPages: number;
  rateLimitedServed: number;
  rateLimitWindowCalls: number;
  serverErrorsServed: number;
  malformedServed: boolean;
  repeatServed: boolean;
  tokenFaultServed: boolean;
}

export function freshCounters(): FaultCounters {
  return {
    apiCalls: 0,
    authCalls: 0,
    auditPages: 0,
    rateLimitedServed: 0,
    rateLimitWindowCalls: 0,
    serverErrorsServed: 0,
    malformedServed: false,
    repeatServed: false,
    tokenFaultServed: false,
  };
}

const NUMERIC_OR_NULL = [
  'rateLimitAfter',
  'serverErrorAfter',
  'malformedPage',
  'expireTokenAfter',
  'revokeTokenAfter',
  'repeatNextOnPage',
] as const;
const NUMERIC = [
  'rateLimitCalls',
  'rateLimitRegainMinutes',
  'serverErrorCount',
  'serverErrorStatus',
  'slowMs',
] as const;
const BOOLEAN = ['duplicateAcrossPages', 'outOfOrder', 'shortPages'] as const;

/** Validates a partial fault config from JSON or CLI input; throws with a readable message. */
export function parseFaults(input: unknown): Partial<FaultConfig> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new Error('faults must be an object');
  const out: Partial<FaultConfig> = {};
  const rec = input as Record<string, unknown>;
  for (const [key, raw] of Object.entries(rec)) {
    if ((NUMERIC_OR_NULL as readonly string[]).includes(key)) {
      if (raw === null || raw === 'null' || raw === '') (out as Record<string, unknown>)[key] = null;
      else {
        const n = Number(raw);
        if (!Number.isInteger(n) || n < 0) throw new Error(`fault ${key} must be a non-negative integer or null`);
        (out as Record<string, unknown>)[key] = n;
      }
    } else if ((NUMERIC as readonly string[]).includes(key)) {
      const n = Number(raw);
      if (!Number.isFinite(n) || n < 0) throw new Error(`fault ${key} must be a non-negative number`);
      (out as Record<string, unknown>)[key] = n;
    } else if ((BOOLEAN as readonly string[]).includes(key)) {
      (out as Record<string, unknown>)[key] = raw === true || raw === 'true' || raw === '1' || raw === 1;
    } else if (key === 'rateLimitCode') {
      const n = Number(raw);
      if (n !== 4 && n !== 17 && n !== 32) throw new Error('fault rateLimitCode must be 4, 17 or 32');
      out.rateLimitCode = n;
    } else if (key === 'timestampFormat') {
      if (raw !== 'unix' && raw !== 'unix-string' && raw !== 'iso' && raw !== 'mixed')
        throw new Error('fault timestampFormat must be unix, unix-string, iso or mixed');
      out.timestampFormat = raw;
    } else if (key === 'scimPreconditionFailed') {
      const mode = SCIM_PRECONDITION_FAULTS.find((m) => m === raw);
      if (!mode) throw new Error(`fault scimPreconditionFailed must be ${SCIM_PRECONDITION_FAULTS.join(', ')}`);
      out.scimPreconditionFailed = mode;
    } else {
      throw new Error(`unknown fault ${key}`);
    }
  }
  return out;
}

/** CLI form: `key=value[,key=value...]` or a JSON object. */
export function parseFaultArgs(args: string[]): Partial<FaultConfig> {
  const merged: Record<string, unknown> = {};
  for (const arg of args) {
    const text = arg.trim();
    if (!text) continue;
    if (text.startsWith('{')) Object.assign(merged, JSON.parse(text));
    else
      for (const part of text.split(',')) {
        const eq = part.indexOf('=');
        if (eq < 0) merged[part.trim()] = true;
        else merged[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
      }
  }
  return parseFaults(merged);
}
