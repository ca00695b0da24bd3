// Stored records → the plain shapes the contract returns (shared by the facade and the CLI).
import type { StoredActivity, StoredUser } from '../store/types';

export function toActivity(a: StoredActivity) {
  return {
    id: a.id,
    at: a.at,
    type: a.type,
    event: a.event,
    actor: a.actor,
    target: a.target,
    ip: a.ip,
    country: a.country,
    city: a.city,
    admin: a.admin,
    impersonated: a.impersonated,
    userAgent: a.userAgent,
    summary: a.summary,
    asn: Number.isInteger(a.asn) ? a.asn! : null,
    asOrg: typeof a.asOrg === 'string' ? a.asOrg : null,
    ipTags: Array.isArray(a.ipTags) ? a.ipTags.filter((t) => typeof t === 'string') : [],
    device: deviceOf(a.device),
    details: stringRecord(a.details),
    lat: Number.isFinite(a.lat) ? a.lat : null,
    lon: Number.isFinite(a.lon) ? a.lon : null,
  };
}

const DEVICE_TYPES = new Set(['desktop', 'mobile', 'tablet', 'bot', 'unknown']);

/** The parsed device as the contract shows it (exactly its four fields), null when absent or malformed. */
function deviceOf(d: StoredActivity['device']) {
  if (!d || typeof d !== 'object') return null;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const type = DEVICE_TYPES.has(d.type) ? d.type : 'unknown';
  return { browser: str(d.browser), os: str(d.os), type, app: str(d.app) };
}

/** Details as stored, strings only: a record written by an older version must not fail a page. */
function stringRecord(d: Record<string, string> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (d && typeof d === 'object') for (const [k, v] of Object.entries(d)) if (typeof v === 'string') out[k] = v;
  return out;
}

export function toUser(u: StoredUser, lastActivityAt: number | null = null) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    title: u.title,
    department: u.department,
    active: u.active,
    admin: u.admin,
    claimed: u.claimed,
    authMethod: u.authMethod,
    // A value stored before records were bounded at ingest must not fail the whole list.
    termDate: validEpoch(u.termDate),
    lastActivityAt,
  };
}

function validEpoch(t: number | null): number | null {
  return t !== null && Number.isInteger(t) && t >= 0 && t <= 8.64e15 ? t : null;
}
