// Materialises audit events as Graph JSON, one page at a time, straight from the columns
// (no per-event objects): pre-encoded string tables + concatenation.
import { ADMIN_ROLES, EVENT_TYPES, FAILURE_REASONS, FILE_NAMES, T } from './catalog';
import { FLAG_IMPERSONATED } from './event-store';
import { eventIdOf } from './ids';
import type { Organisation } from './types';

export const EVENT_FIELDS = [
  'id',
  'timestamp',
  'event_id',
  'event',
  'ip_address',
  'useragent',
  'actor_username',
  'target_username',
  'extra_data',
] as const;
export type EventField = (typeof EVENT_FIELDS)[number];

export type TimestampFormat = 'unix' | 'unix-string' | 'iso' | 'mixed';

const TYPE_NAME_JSON = EVENT_TYPES.map((t) => JSON.stringify(t.name));
const TYPE_CODE_JSON = EVENT_TYPES.map((t) => JSON.stringify(t.code));
const FILE_JSON = FILE_NAMES.map((f) => JSON.stringify(f));
const ROLE_JSON = ADMIN_ROLES.map((r) => JSON.stringify(r));

/** Graph-style time: 2026-05-01T09:15:00+0000. */
export function graphTime(sec: number): string {
  return new Date(sec * 1000).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

function esc(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

export class EventFormatter {
  private readonly nameEsc: string[] = [];

  /** Positions spanned by late events (fixed once generated): most events skip the map lookup. */
  private readonly lateLo: number;
  private readonly lateHi: number;

  constructor(private readonly org: Organisation) {
    const late = [...org.occurredAt.keys()];
    this.lateLo = late.length ? Math.min(...late) : Infinity;
    this.lateHi = late.length ? Math.max(...late) : -Infinity;
  }

  private name(p: number): string {
    let s = this.nameEsc[p];
    if (s === undefined) {
      s = esc(this.org.principalNames[p] ?? this.org.principals.values[p] ?? 'Unknown');
      this.nameEsc[p] = s;
    }
    return s;
  }

  timestamp(i: number, format: TimestampFormat): string {
    const late = i >= this.lateLo && i <= this.lateHi ? this.org.occurredAt.get(i) : undefined;
    const ts = late ?? this.org.store.ts[i];
    const f = format === 'mixed' ? (['unix', 'unix-string', 'iso'] as const)[i % 3] : format;
    if (f === 'unix') return String(ts);
    if (f === 'unix-string') return `"${ts}"`;
    return `"${graphTime(ts)}"`;
  }

  extraData(i: number): string {
    const s = this.org.store;
    const type = s.type[i];
    const actor = s.actor[i];
    const target = s.target[i];
    const arg = s.arg[i];
    const a = actor >= 0 ? this.name(actor) : 'Workplace';
    const t = target >= 0 ? this.name(target) : '';
    const onBehalf = s.flags[i] & FLAG_IMPERSONATED ? ` on behalf of ${t}` : '';
    switch (type) {
      case T.login:
        return `{"summary":"${a} logged in","login_type":"${arg === 1 ? 'sso' : 'password'}"}`;
      case T.loginFailed:
        return `{"summary":"Failed login attempt for ${a}","reason":"${FAILURE_REASONS[arg] ?? 'incorrect_password'}"}`;
      case T.logout:
        return `{"summary":"${a} logged out"}`;
      case T.forcedLogout:
        return `{"summary":"${a} logged ${t} out of all sessions"}`;
      case T.fileDownloaded:
        return `{"summary":"${a} downloaded a file${onBehalf}","file_name":${FILE_JSON[arg] ?? '""'}}`;
      case T.fileUploaded:
        return `{"summary":"${a} uploaded a file${onBehalf}","file_name":${FILE_JSON[arg] ?? '""'}}`;
      case T.roleAssigned:
        return `{"summary":"${a} assigned a role to ${t}","role":${ROLE_JSON[arg] ?? '""'}}`;
      case T.promoted:
        return `{"summary":"${a} promoted ${t} to admin","role":"System admin"}`;
      case T.forcedReset:
        return `{"summary":"${a} forced a password reset for ${t}"}`;
      case T.emailChanged:
        return `{"summary":"${a} changed the email address of ${t}"}`;
      case T.accountCreated:
        return `{"summary":"${a} created an account for ${t}"}`;
      case T.accountDeactivated:
        return `{"summary":"${a} deactivated ${t}"}`;
      case T.accountActivated:
        return `{"summary":"${a} reactivated ${t}"}`;
      default: {
        const name = EVENT_TYPES[type]?.name ?? 'Event';
        return `{"summary":"${esc(name)}: ${target >= 0 && target !== actor ? `${a} → ${t}` : a}"}`;
      }
    }
  }

  /** One event as a JSON object string with the requested fields (`id` always included). */
  eventJson(i: number, fields: ReadonlySet<EventField> | null, format: TimestampFormat): string {
    const s = this.org.store;
    const p = this.org.principals;
    const actor = s.actor[i];
    const target = s.target[i];
    const all = fields === null;
    let out = `{"id":"${eventIdOf(this.org.idPrefix, i)}"`;
    if (all || fields.has('timestamp')) out += `,"timestamp":${this.timestamp(i, format)}`;
    if (all || fields.has('event_id')) out += `,"event_id":${TYPE_CODE_JSON[s.type[i]]}`;
    if (all || fields.has('event')) out += `,"event":${TYPE_NAME_JSON[s.type[i]]}`;
    if (all || fields.has('ip_address')) out += `,"ip_address":${s.ips.jsonOf(s.ip[i])}`;
    if (all || fields.has('useragent')) out += `,"useragent":${s.uas.jsonOf(s.ua[i])}`;
    if (all || fields.has('actor_username')) out += `,"actor_username":${actor >= 0 ? p.jsonOf(actor) : 'null'}`;
    if (all || fields.has('target_username')) out += `,"target_username":${target >= 0 ? p.jsonOf(target) : 'null'}`;
    if (all || fields.has('extra_data')) out += `,"extra_data":${this.extraData(i)}`;
    return out + '}';
  }
}
