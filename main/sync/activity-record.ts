// One audit-log event → one StoredActivity: parse (workplace/), normalise and enrich (detect/).
import type { Enricher } from '../detect/enrich';
import { normaliseEvent } from '../detect/normalise';
import type { StoredActivity } from '../store/types';
import type { AuditEvent } from '../workplace/audit-log';

const NOWHERE = { country: null, city: null, lat: null, lon: null, radiusKm: null };

export function toStoredActivity(e: AuditEvent, enricher: Enricher | null): StoredActivity {
  const n = normaliseEvent(e);
  const where = enricher ? enricher.locate(e.ip) : NOWHERE;
  // ASN, AS org, IP tags, device and the details lifted from extra_data (detect/enrich.ts).
  const more = enricher?.describe({ ip: e.ip, userAgent: e.userAgent, extra: e.extra });
  // One object per event: at millions of events an extra copy per step shows in the profile.
  return {
    id: e.id,
    at: e.at,
    type: n.type,
    event: e.event,
    actor: e.actor,
    target: e.target,
    ip: e.ip,
    country: where.country,
    city: where.city,
    lat: where.lat,
    lon: where.lon,
    radiusKm: where.radiusKm,
    admin: n.admin,
    impersonated: n.impersonated,
    userAgent: e.userAgent,
    summary: e.summary,
    asn: more?.asn ?? null,
    asOrg: more?.asOrg ?? null,
    ipTags: more?.ipTags ?? [],
    device: more?.device ?? null,
    details: more?.details ?? null,
    raw: e.raw,
  };
}
