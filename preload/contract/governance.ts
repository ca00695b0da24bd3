// Governance: actions taken on users (notify, sign out, suspend, unsuspend), their safety
// preview, the append-only log that doubles as the queue, and the governance settings.
import { z } from 'zod';
import { epochMs, id, noInput, text } from './shared';

export const GovernanceActionSchema = z.enum(['notify', 'signout', 'suspend', 'unsuspend']);
export type GovernanceAction = z.infer<typeof GovernanceActionSchema>;
export const GovernanceStateSchema = z.enum([
  'queued',
  'sending',
  'succeeded',
  'failed',
  'refused',
  'dry-run',
  'cancelled',
]);
export type GovernanceState = z.infer<typeof GovernanceStateSchema>;

export const GovernanceEntrySchema = z.strictObject({
  id: z.string(),
  action: GovernanceActionSchema,
  target: z.strictObject({ id: z.string(), email: z.string().nullable(), name: z.string() }),
  reason: z.string(),
  alertId: z.string().nullable(),
  message: z.string().nullable(),
  requestedBy: z.string(),
  automatic: z.boolean(),
  retryOf: z.string().nullable(),
  revertOf: z.string().nullable(),
  requestedAt: epochMs,
  state: GovernanceStateSchema,
  updatedAt: epochMs,
  sentAt: epochMs.nullable(),
  attempts: z.number().int().min(0),
  note: z.string().nullable(),
  providerError: z.string().nullable(),
  route: z.string().nullable(),
});
export type GovernanceEntry = z.infer<typeof GovernanceEntrySchema>;

/** Who, what and why, checked against the safety rules before the admin confirms. */
export const GovernancePreviewSchema = z.strictObject({
  action: GovernanceActionSchema,
  target: z.strictObject({
    id: z.string(),
    email: z.string().nullable(),
    name: z.string(),
    admin: z.boolean(),
    active: z.boolean(),
  }),
  statement: z.string(),
  /** The email (or id) to type when the target is an admin account; null when not needed. */
  adminConfirmation: z.string().nullable(),
  /** Why it would be refused (own account, last admin…), or null. */
  refusal: z.string().nullable(),
  /** The rendered notify message (from the template), for notify. */
  message: z.string().nullable(),
});

export const GovernanceSettingsSchema = z.strictObject({
  ownAccount: z.string().max(320).nullable(),
  notifyTemplate: z.string().min(1).max(4000),
  automaticDryRun: z.boolean(),
  automaticSuspendsPerDay: z.number().int().min(0).max(1000),
});
export type GovernanceSettingsShape = z.infer<typeof GovernanceSettingsSchema>;

/**
 * The own account typed in the connect form, kept until a sync has read the organisation's users:
 * then it becomes `ownAccount`, or — matching no one — stays here with the warning to show.
 */
export const AskedOwnAccountSchema = z.strictObject({
  asked: z.string().max(320),
  askedAt: epochMs,
  /** Checked against the synced users and matched no one. */
  unmatched: z.boolean(),
  /** The plain sentence to show (what happens until it is set, and where to set it). */
  message: z.string().max(1000),
});

/** The settings as shown: with the own account asked at connect, while it is not settled. */
export const GovernanceSettingsViewSchema = GovernanceSettingsSchema.extend({
  askedOwnAccount: AskedOwnAccountSchema.nullable(),
});
export type GovernanceSettingsView = z.infer<typeof GovernanceSettingsViewSchema>;

const actionInput = {
  action: GovernanceActionSchema,
  /** Username (email) or id. */
  user: text(320).min(1),
  reason: text(2000).optional(),
  alertId: text(128).optional(),
  message: text(4000).optional(),
};

export const governanceOperations = {
  log: {
    input: z
      .strictObject({
        states: z.array(GovernanceStateSchema).max(7).optional(),
        user: id.optional(),
        limit: z.number().int().min(1).max(10_000).optional(),
      })
      .optional(),
    output: z.array(GovernanceEntrySchema),
  },
  preview: { input: z.strictObject(actionInput), output: GovernancePreviewSchema },
  run: {
    input: z.strictObject({ ...actionInput, reason: text(2000).min(1), confirmAdmin: text(320).optional() }),
    output: GovernanceEntrySchema,
  },
  retry: { input: z.strictObject({ id }), output: GovernanceEntrySchema },
  revert: { input: z.strictObject({ id, confirmAdmin: text(320).optional() }), output: GovernanceEntrySchema },
  cancel: { input: z.strictObject({ id }), output: GovernanceEntrySchema },
  flush: { input: noInput, output: z.array(GovernanceEntrySchema) },
  export: {
    input: z.strictObject({ format: z.enum(['csv', 'json']) }),
    output: z.strictObject({ filename: z.string(), mime: z.string(), content: z.string() }),
  },
  getSettings: { input: noInput, output: GovernanceSettingsViewSchema },
  updateSettings: { input: GovernanceSettingsSchema.partial().strict(), output: GovernanceSettingsSchema },
} as const;
