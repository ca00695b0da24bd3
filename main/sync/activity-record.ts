// One audit-log event → one StoredActivity: parse (workplace/), normalise and enrich (detect/).
import type { Enricher } from '../detect/enrich';
import { normaliseEvent } from '../detect/normalise';
import type { StoredActivity } from '../store/types';
import type { AuditEvent } from '../workplace/audit-log';

export function toStoredActivity(e: AuditEvent, enricher: Enricher | null): StoredActivity {
  const n = normaliseEvent(e);
  const a: StoredActivity = {
    id: e.id,
    at: e.at,
    type: n.type,
    event: e.event,
    actor: e.actor,
    target: e.target,
    ip: e.ip,
    country: null,
    city: null,
    lat: null,
    lon: null,
    radiusKm: null,
    admin: n.admin,
    impersonated: n.impersonated,
    userAgent: e.userAgent,
    summary: e.summary,
    raw: e.raw,
  };
  return enricher ? enricher.enrich(a) : a;
}
