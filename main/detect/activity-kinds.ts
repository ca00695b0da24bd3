// Which activities feed which detection (detections.md "Login types"): the IP and location
// detections use successful interactive activity only, failed sign-ins feed only the
// failed-login detection, and prevalence counts successful interactive activity only.
import type { StoredActivity } from '../store/types';

const FAILURE_TYPES = new Set(['login.failure', 'mfa.failure', 'password.reset.failure']);

export function isFailedLogin(a: StoredActivity): boolean {
  return a.type === 'login.failure';
}

export function isFailure(a: StoredActivity): boolean {
  return FAILURE_TYPES.has(a.type) || a.type.endsWith('.failure');
}

/**
 * Something the user did themselves, from a client, that succeeded: not a failure, not done on
 * their behalf by someone else, not an integration's own call, and with an address to judge.
 */
export function isSuccessfulInteractive(a: StoredActivity): boolean {
  return (
    a.ip !== null &&
    a.actor !== null &&
    !a.impersonated &&
    !isFailure(a) &&
    !a.type.startsWith('integration.') &&
    a.type !== 'other'
  );
}

/** The name detection keys a user by: the audit log's actor, lower-cased (emails differ only in case). */
export function actorKey(a: Pick<StoredActivity, 'actor'>): string | null {
  return a.actor ? a.actor.trim().toLowerCase() : null;
}
