// The admin's own account as typed in the connect form (or `connect --own-account`). It can only
// be checked against the organisation once its users are synced, so the answer is kept as asked
// until then: it becomes the own account when it names a synced user, and otherwise stays as a
// warning — suspend and sign-out keep being refused (safety.ts) rather than guessing who the
// admin is.
import { GuardError } from '../runtime/errors';
import type { MetaStore, UserStore } from '../store/types';
import { resolveUser } from './governance';
import {
  ASKED_OWN_ACCOUNT_KEY,
  readGovernanceSettings,
  writeGovernanceSettings,
  type GovernanceSettings,
} from './settings';

export interface AskedOwnAccount {
  /** What the admin typed (username or id), trimmed. */
  asked: string;
  askedAt: number;
  /** Checked against the synced users and matched no one. */
  unmatched: boolean;
}

export type OwnAccountOutcome =
  | { state: 'none' }
  | { state: 'pending'; asked: string }
  | { state: 'set'; ownAccount: string }
  | { state: 'unmatched'; asked: string; message: string };

const MAX_LENGTH = 320;

/** Keeps the admin's answer until the users are synced; a blank answer asks nothing. */
export async function askOwnAccount(meta: MetaStore, asked: string | null | undefined, now: number): Promise<void> {
  const value = (asked ?? '').trim();
  if (!value) return;
  if (value.length > MAX_LENGTH)
    throw new GuardError('invalid_input', `Your own account must be at most ${MAX_LENGTH} characters.`);
  const record: AskedOwnAccount = { asked: value, askedAt: now, unmatched: false };
  await meta.set(ASKED_OWN_ACCOUNT_KEY, record);
}

/** The answer still waiting to be matched (or that matched no one), if any. */
export function readAskedOwnAccount(meta: MetaStore): AskedOwnAccount | null {
  const r = meta.get<Partial<AskedOwnAccount>>(ASKED_OWN_ACCOUNT_KEY);
  if (!r || typeof r.asked !== 'string' || !r.asked.trim()) return null;
  return {
    asked: r.asked.slice(0, MAX_LENGTH),
    askedAt: typeof r.askedAt === 'number' ? r.askedAt : 0,
    unmatched: r.unmatched === true,
  };
}

/** The plain warning for an answer that matched no synced user. */
export function unmatchedOwnAccountMessage(meta: MetaStore, asked: string): string {
  const current = readGovernanceSettings(meta).ownAccount;
  return (
    `No synced user is "${asked}", the account you gave as your own when connecting. ` +
    (current
      ? `Your own account stays ${current}; correct it under Governance → Safety settings if that is wrong.`
      : 'Suspend and sign-out stay refused until you set your own account (Governance → Safety settings, ' +
        'or `workplace-guard governance own-account YOU@example.com`).')
  );
}

/**
 * Matches the kept answer against the synced users: call it after each users sync. While no user
 * is stored yet it waits; an answer that matches no one is kept (a later users sync may bring
 * that account) and reported.
 */
export async function settleAskedOwnAccount(meta: MetaStore, users: UserStore): Promise<OwnAccountOutcome> {
  const record = readAskedOwnAccount(meta);
  if (!record) return { state: 'none' };
  if (users.count() === 0) return { state: 'pending', asked: record.asked };
  let found: ReturnType<typeof resolveUser> | null = null;
  try {
    found = resolveUser(users, record.asked);
  } catch (err) {
    if (!(err instanceof GuardError) || err.code !== 'not_found') throw err;
  }
  if (found) {
    const ownAccount = found.email ?? found.id;
    // Writing the own account also drops the kept answer (settings.ts): it has been used.
    await writeGovernanceSettings(meta, { ownAccount });
    return { state: 'set', ownAccount };
  }
  if (!record.unmatched) await meta.set(ASKED_OWN_ACCOUNT_KEY, { ...record, unmatched: true });
  return { state: 'unmatched', asked: record.asked, message: unmatchedOwnAccountMessage(meta, record.asked) };
}

export interface AskedOwnAccountView extends AskedOwnAccount {
  message: string;
}

/** The settings as the Governance screen shows them: with the answer given at connect, if unsettled. */
export function governanceSettingsView(meta: MetaStore): GovernanceSettings & {
  askedOwnAccount: AskedOwnAccountView | null;
} {
  return { ...readGovernanceSettings(meta), askedOwnAccount: askedOwnAccountView(meta) };
}

/** What the Governance screen shows about the answer given at connect (null: nothing to show). */
export function askedOwnAccountView(meta: MetaStore): AskedOwnAccountView | null {
  const record = readAskedOwnAccount(meta);
  if (!record) return null;
  return {
    ...record,
    message: record.unmatched
      ? unmatchedOwnAccountMessage(meta, record.asked)
      : `"${record.asked}" is checked against your organisation's users when the first sync has read them.`,
  };
}
