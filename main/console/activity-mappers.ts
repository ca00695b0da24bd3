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
  };
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
