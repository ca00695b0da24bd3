// The safety rules every governance action passes, manual or automatic, at request time and
// again just before it is sent (detections.md "Governance"): never act on the admin's own
// account, never suspend or sign out the last active admin, a typed confirmation for any admin
// account, and say who and why before anything happens.
import type { GovernanceActionKind } from '../store/governance-store';

export interface SafetySubject {
  id: string;
  email: string | null;
  name: string;
  admin: boolean;
  active: boolean;
}

export interface SafetyInput {
  action: GovernanceActionKind;
  target: SafetySubject;
  /** The account marked as the admin's own (id or email), null when not set yet. */
  ownAccount: string | null;
  /** Other active admins the console knows of (excluding the target). */
  otherActiveAdmins: number;
  /** What the admin typed to confirm an action on an admin account (their email or id). */
  confirmAdmin: string | null;
  automatic: boolean;
  message: string | null;
}

export type SafetyVerdict = { ok: true } | { ok: false; reason: string; code: SafetyRefusal };

export type SafetyRefusal =
  'own_account_unknown' | 'own_account' | 'last_admin' | 'admin_confirmation' | 'automatic_admin' | 'empty_message';

/** Actions that can lock someone out of the organisation. */
export function locksOut(action: GovernanceActionKind): boolean {
  return action === 'suspend' || action === 'signout';
}

const same = (a: string | null, b: string | null) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

export function isOwnAccount(target: SafetySubject, ownAccount: string | null): boolean {
  return same(target.id, ownAccount) || same(target.email, ownAccount);
}

export function checkSafety(input: SafetyInput): SafetyVerdict {
  const { action, target } = input;
  const who = target.email ?? target.name;
  if (action === 'notify' && !input.message?.trim()) {
    return { ok: false, code: 'empty_message', reason: `A message to ${who} needs some text.` };
  }
  if (!locksOut(action)) return { ok: true };
  if (input.ownAccount === null) {
    return {
      ok: false,
      code: 'own_account_unknown',
      reason:
        'Mark your own account first (Settings, or `workplace-guard governance own-account YOU@example.com`), ' +
        'so that the console can never suspend or sign out the admin using it.',
    };
  }
  if (isOwnAccount(target, input.ownAccount)) {
    return {
      ok: false,
      code: 'own_account',
      reason: `${who} is your own account: the console never suspends or signs out the admin using it.`,
    };
  }
  if (target.admin && target.active && input.otherActiveAdmins === 0) {
    return {
      ok: false,
      code: 'last_admin',
      reason: `${who} is the last active system admin: suspending or signing them out could lock everyone out.`,
    };
  }
  if (target.admin && input.automatic) {
    return {
      ok: false,
      code: 'automatic_admin',
      reason: `${who} is a system admin: actions on admin accounts are never taken automatically.`,
    };
  }
  if (target.admin && !(same(input.confirmAdmin, target.email) || same(input.confirmAdmin, target.id))) {
    return {
      ok: false,
      code: 'admin_confirmation',
      reason: `${who} is a system admin: type their email (${target.email ?? target.id}) to confirm.`,
    };
  }
  return { ok: true };
}
