// Governance settings, kept with the organisation's data (store meta) because they are about
// that organisation's accounts: whose account is the admin's own, the notify template, and how
// far automatic actions may go.
import { z } from 'zod';
import type { MetaStore } from '../store/types';
import { DEFAULT_NOTIFY_TEMPLATE } from './notify-template';

export const GovernanceSettingsSchema = z.object({
  /** The admin's own account (username or id): never suspended or signed out. */
  ownAccount: z.string().min(1).max(320).nullable(),
  notifyTemplate: z.string().min(1).max(4000),
  /** Automatic actions from policies only log what they would have done. */
  automaticDryRun: z.boolean(),
  /** At most this many automatic suspends in any 24 hours. */
  automaticSuspendsPerDay: z.number().int().min(0).max(1000),
});
export type GovernanceSettings = z.infer<typeof GovernanceSettingsSchema>;

export const GOVERNANCE_SETTINGS_KEY = 'governance.settings';
/** The own account typed at connect, kept until the synced users confirm it (own-account.ts). */
export const ASKED_OWN_ACCOUNT_KEY = 'governance.askedOwnAccount';

export const DEFAULT_GOVERNANCE_SETTINGS: GovernanceSettings = {
  ownAccount: null,
  notifyTemplate: DEFAULT_NOTIFY_TEMPLATE,
  automaticDryRun: true,
  automaticSuspendsPerDay: 3,
};

export function readGovernanceSettings(meta: MetaStore): GovernanceSettings {
  const parsed = GovernanceSettingsSchema.safeParse({
    ...DEFAULT_GOVERNANCE_SETTINGS,
    ...(meta.get<Partial<GovernanceSettings>>(GOVERNANCE_SETTINGS_KEY) ?? {}),
  });
  return parsed.success ? parsed.data : DEFAULT_GOVERNANCE_SETTINGS;
}

export async function writeGovernanceSettings(
  meta: MetaStore,
  patch: Partial<GovernanceSettings>,
): Promise<GovernanceSettings> {
  const next = GovernanceSettingsSchema.parse({ ...readGovernanceSettings(meta), ...patch });
  await meta.set(GOVERNANCE_SETTINGS_KEY, next);
  // An own account set now (by the admin, or matched from the connect form) answers the question
  // asked at connect: its warning must not outlive it. Saving other settings (own account left
  // empty) must not drop an answer still waiting for the first sync.
  if (typeof patch.ownAccount === 'string' && meta.get(ASKED_OWN_ACCOUNT_KEY) !== null)
    await meta.delete(ASKED_OWN_ACCOUNT_KEY);
  return next;
}
