// Bounds on one audit-log record, checked before it is stored. A record outside them is
// quarantined with its reason (kept raw, visible in status) and the rest of its page goes on:
// one impossible value must never fail a page, block the checkpoint, or later break a list
// operation's output schema. The limits are generous for real data and tight enough that no
// field can stand in for a payload.
import type { AuditEvent } from '../workplace/audit-log';

export const RECORD_LIMITS = {
  /** Nothing in a Workplace audit log predates this (Workplace launched in 2016). */
  earliest: Date.UTC(2000, 0, 1),
  /** Clock skew tolerated between the server and this machine. */
  futureMs: 24 * 3600_000,
  idChars: 256,
  /** Event names, actor and target names. */
  nameChars: 1_000,
  /** Longest IPv6 text with a zone index is well under this. */
  ipChars: 100,
  userAgentChars: 2_000,
  summaryChars: 10_000,
} as const;

/** Raw fields that hold text: anything but text (or a number) there is a broken record. */
const TEXT_FIELDS = ['id', 'event', 'event_type', 'ip_address', 'ip', 'useragent', 'user_agent'] as const;
/** Raw fields that hold a person: text, or an object with username/email/id/name. */
const PERSON_FIELDS = ['actor_username', 'actor', 'target_username', 'target'] as const;

function kindOf(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number') return Number.isFinite(v) ? 'a number' : 'not a finite number';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

const isText = (v: unknown) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

function fieldTypeProblem(raw: Record<string, unknown>): string | null {
  for (const key of TEXT_FIELDS) {
    const v = raw[key];
    if (v != null && !isText(v)) return `${key} is ${kindOf(v)}, not text`;
  }
  for (const key of PERSON_FIELDS) {
    const v = raw[key];
    if (v == null || isText(v)) continue;
    if (typeof v !== 'object' || Array.isArray(v)) return `${key} is ${kindOf(v)}, not text or a person`;
    const person = v as Record<string, unknown>;
    for (const part of ['username', 'email', 'id', 'name']) {
      if (person[part] != null && !isText(person[part])) return `${key}.${part} is ${kindOf(person[part])}, not text`;
    }
  }
  return null;
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function describeTime(raw: unknown, at: number): string {
  const shown = JSON.stringify(raw) ?? String(raw);
  const when = Number.isFinite(at) && Math.abs(at) <= 8.64e15 ? ` (${new Date(at).toISOString()})` : '';
  return `${shown.slice(0, 40)}${when}`;
}

// At module level, not inside recordProblem: run through tsx, every closure made per record is also named per record.
const long = (what: string, v: string | null, max: number) =>
  v !== null && v.length > max ? `${what} is ${v.length.toLocaleString('en-US')} characters (at most ${max})` : null;

/** Why `e` (parsed from `raw`) must not be stored, or null when it is within bounds. */
export function recordProblem(raw: unknown, e: AuditEvent, now: number): string | null {
  const fields = raw && typeof raw === 'object' ? fieldTypeProblem(raw as Record<string, unknown>) : null;
  if (fields) return fields;
  const latest = now + RECORD_LIMITS.futureMs;
  if (!Number.isSafeInteger(e.at) || e.at < RECORD_LIMITS.earliest || e.at > latest) {
    const r = raw as Record<string, unknown> | null;
    const given = r?.timestamp ?? r?.time ?? r?.created_time;
    return `timestamp ${describeTime(given, e.at)} is outside ${iso(RECORD_LIMITS.earliest)} … now + 24 h`;
  }
  return (
    long('id', e.id, RECORD_LIMITS.idChars) ??
    long('event', e.event, RECORD_LIMITS.nameChars) ??
    long('actor', e.actor, RECORD_LIMITS.nameChars) ??
    long('target', e.target, RECORD_LIMITS.nameChars) ??
    long('ip', e.ip, RECORD_LIMITS.ipChars) ??
    long('user agent', e.userAgent, RECORD_LIMITS.userAgentChars) ??
    long('summary', e.summary, RECORD_LIMITS.summaryChars)
  );
}
