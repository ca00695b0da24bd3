// Policies: the eight anomaly policies (settings, sensitivity, scope) and the admin's own activity
// policies (filter, repeated activity, severity, daily limit, automatic actions), with a replay that
// shows what a new or edited activity policy would have raised over stored history before saving.
import { z } from 'zod';
import { epochMs, id, ok, text, SeveritySchema } from './shared';

export const SensitivitySchema = z.enum(['Low', 'Medium', 'High']);

export const AnomalyPolicyViewSchema = z.strictObject({
  id: z.string(),
  kind: z.literal('anomaly'),
  name: z.string(),
  description: z.string(),
  severity: SeveritySchema,
  mitre: z.string(),
  enabled: z.boolean(),
  sensitivity: SensitivitySchema,
  includeUsers: z.array(z.string()),
  excludeUsers: z.array(z.string()),
  /** Each tunable number: its value at each sensitivity, the admin's override, and the value in force. */
  settings: z.array(
    z.strictObject({
      name: z.string(),
      low: z.number(),
      medium: z.number(),
      high: z.number(),
      override: z.number().nullable(),
      current: z.number(),
    }),
  ),
});
export type AnomalyPolicyView = z.infer<typeof AnomalyPolicyViewSchema>;

const tags = z.array(text(64)).max(100);
export const ActivityPolicyFilterSchema = z.strictObject({
  types: z.array(text(64)).max(100).optional(),
  users: z.array(text(320)).max(10_000).optional(),
  admin: z.boolean().optional(),
  impersonated: z.boolean().optional(),
  ips: z.array(text(64)).max(1000).optional(),
  ipTags: tags.optional(),
  notIpTags: tags.optional(),
  countries: z
    .array(z.string().regex(/^[A-Za-z]{2}$/))
    .max(300)
    .optional(),
  asns: z.array(z.number().int().min(0)).max(1000).optional(),
  deviceTypes: z
    .array(z.enum(['desktop', 'mobile', 'tablet', 'bot', 'unknown']))
    .max(5)
    .optional(),
  userAgentContains: text(200).optional(),
  events: z.array(text(120)).max(100).optional(),
  hours: z.strictObject({ from: z.number().int().min(0).max(23), to: z.number().int().min(0).max(24) }).optional(),
});

/** An activity policy as the admin edits it (times are kept by main). */
export const ActivityPolicyInputSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes (at most 63)'),
  name: text(200).min(1),
  description: text(1000),
  enabled: z.boolean(),
  severity: SeveritySchema,
  filter: ActivityPolicyFilterSchema,
  mode: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('every') }),
    z.strictObject({
      kind: z.literal('repeated'),
      count: z.number().int().min(2).max(100_000),
      minutes: z.number().int().min(1).max(10_080),
      perIp: z.boolean(),
    }),
  ]),
  dailyLimit: z.number().int().min(1).max(10_000),
  actions: z.array(z.enum(['notify', 'logout', 'suspend'])).max(3),
  template: text(64).nullable(),
});
export type ActivityPolicyInput = z.infer<typeof ActivityPolicyInputSchema>;

export const ActivityPolicyViewSchema = ActivityPolicyInputSchema.extend({
  kind: z.literal('activity'),
  /** The id its alerts carry: `activity:<id>`. */
  policy: z.string(),
  createdAt: epochMs,
  updatedAt: epochMs,
});
export type ActivityPolicyView = z.infer<typeof ActivityPolicyViewSchema>;

export const PolicyViewSchema = z.discriminatedUnion('kind', [AnomalyPolicyViewSchema, ActivityPolicyViewSchema]);

export const ReplayResultSchema = z.strictObject({
  policy: z.string(),
  scanned: z.number().int(),
  matches: z.number().int(),
  alertCount: z.number().int(),
  heldBackByDailyLimit: z.number().int(),
  alerts: z.array(
    z.strictObject({
      at: epochMs,
      user: z.string().nullable(),
      severity: SeveritySchema,
      title: z.string(),
      description: z.string(),
      activityCount: z.number().int(),
    }),
  ),
});
export type ReplayResultView = z.infer<typeof ReplayResultSchema>;

export const policiesOperations = {
  list: {
    input: z.strictObject({}).optional(),
    output: z.strictObject({
      anomaly: z.array(AnomalyPolicyViewSchema),
      activity: z.array(ActivityPolicyViewSchema),
      /** Starting points for a new activity policy. */
      templates: z.array(ActivityPolicyInputSchema),
    }),
  },
  /** An anomaly policy by id (`impossible-travel`) or an activity policy (`activity:<id>` or `<id>`). */
  get: { input: z.strictObject({ id }), output: PolicyViewSchema },
  /** Anomaly policy settings; a null override returns a number to its sensitivity's value. */
  update: {
    input: z.strictObject({
      id,
      enabled: z.boolean().optional(),
      sensitivity: SensitivitySchema.optional(),
      includeUsers: z.array(text(320)).max(10_000).optional(),
      excludeUsers: z.array(text(320)).max(10_000).optional(),
      params: z.record(text(64), z.number().finite().nullable()).optional(),
    }),
    output: AnomalyPolicyViewSchema,
  },
  createActivity: { input: z.strictObject({ policy: ActivityPolicyInputSchema }), output: ActivityPolicyViewSchema },
  updateActivity: { input: z.strictObject({ policy: ActivityPolicyInputSchema }), output: ActivityPolicyViewSchema },
  deleteActivity: { input: z.strictObject({ id }), output: ok },
  /** What the policy would have raised over stored history (nothing is saved or alerted). */
  replay: {
    input: z.strictObject({
      policy: ActivityPolicyInputSchema,
      since: epochMs.optional(),
      until: epochMs.optional(),
      limit: z.number().int().min(1).max(200).optional(),
    }),
    output: ReplayResultSchema,
  },
} as const;
