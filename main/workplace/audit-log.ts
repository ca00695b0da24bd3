// The Admin Center Security Audit Logs reader. The time-window parameter names are unknown, so
// `since`/`until` (unix seconds) are sent and results are still bounded and de-duplicated by
// the caller. Records are parsed tolerantly; one that cannot be placed (no id, no usable
// timestamp) is returned as malformed for quarantine instead of failing its page.
import { parseTimestamp } from './timestamps';
import { apiUrl } from './urls';

export const AUDIT_FIELDS =
  'id,timestamp,event_id,event,ip_address,useragent,actor_username,target_username,extra_data';
export const AUDIT_PAGE_LIMIT = 1000;

export function auditLogUrl(
  auditBase: string,
  window: { since?: number | null; until?: number | null },
  limit = AUDIT_PAGE_LIMIT,
): URL {
  return apiUrl(auditBase, '/security_audit_logs', {
    limit,
    fields: AUDIT_FIELDS,
    // Seconds, widened outward so a server that truncates never excludes an edge event.
    since: window.since != null ? Math.floor(window.since / 1000) : null,
    until: window.until != null ? Math.ceil(window.until / 1000) : null,
  });
}

export interface AuditEvent {
  id: string;
  at: number;
  /** Raw event name ('' when missing). */
  event: string;
  ip: string | null;
  userAgent: string | null;
  actor: string | null;
  target: string | null;
  summary: string | null;
  extra: Record<string, unknown> | null;
  raw: unknown;
}

export type ParsedRecord = { ok: true; event: AuditEvent } | { ok: false; reason: string; raw: unknown };

function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** Actor / target come as usernames in Meta's samples; accept objects ({username|email|id|name}) too. */
function person(v: unknown): string | null {
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return str(o.username) ?? str(o.email) ?? str(o.id) ?? str(o.name);
  }
  return str(v);
}

export function parseAuditRecord(rec: unknown): ParsedRecord {
  if (!rec || typeof rec !== 'object' || Array.isArray(rec)) return { ok: false, reason: 'not an object', raw: rec };
  const r = rec as Record<string, unknown>;
  const id = str(r.id);
  if (!id) return { ok: false, reason: 'missing id', raw: rec };
  const at = parseTimestamp(r.timestamp ?? r.time ?? r.created_time);
  if (at === null)
    return { ok: false, reason: `unreadable timestamp ${JSON.stringify(r.timestamp ?? null)?.slice(0, 60)}`, raw: rec };
  const extra =
    r.extra_data && typeof r.extra_data === 'object' && !Array.isArray(r.extra_data)
      ? (r.extra_data as Record<string, unknown>)
      : null;
  let summary = str(extra?.summary);
  if (!summary && typeof r.extra_data === 'string') summary = r.extra_data;
  return {
    ok: true,
    event: {
      id,
      at,
      event: str(r.event) ?? str(r.event_type) ?? '',
      ip: str(r.ip_address) ?? str(r.ip),
      userAgent: str(r.useragent) ?? str(r.user_agent),
      actor: person(r.actor_username ?? r.actor),
      target: person(r.target_username ?? r.target),
      summary,
      extra,
      raw: rec,
    },
  };
}
