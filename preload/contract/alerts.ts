// Alerts: what detection found, why (the evidence with its numbers), and where the admin is with
// each finding — status, classification, comment, and the history of who changed what.
import { z } from 'zod';
import { ActivitySchema } from './activities';
import { cursor, epochMs, id, ok, text, SeveritySchema } from './shared';

export const AlertStatusSchema = z.enum(['New', 'In progress', 'Resolved']);
export type AlertStatus = z.infer<typeof AlertStatusSchema>;
export const AlertClassificationSchema = z.enum([
  'True positive',
  'Informational / expected activity',
  'False positive',
]);
export type AlertClassification = z.infer<typeof AlertClassificationSchema>;

/** One row of the queue. */
export const AlertSchema = z.strictObject({
  id: z.string(),
  createdAt: epochMs,
  updatedAt: epochMs,
  /** Stable policy id: `impossible-travel`…, `activity:<id>`, or `system:connector`. */
  policy: z.string(),
  policyName: z.string(),
  severity: SeveritySchema,
  mitre: z.string(),
  title: z.string(),
  description: z.string(),
  users: z.array(z.string()),
  ips: z.array(z.string()),
  countries: z.array(z.string()),
  status: AlertStatusSchema,
  classification: AlertClassificationSchema.nullable(),
  /** Times the behaviour fired while this alert was open. */
  count: z.number().int().min(0),
  firstSeen: epochMs,
  lastSeen: epochMs,
});
export type Alert = z.infer<typeof AlertSchema>;

export const AlertChangeSchema = z.strictObject({
  at: epochMs,
  by: z.string(),
  field: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  comment: z.string().nullable(),
});

/** The whole story of one alert: its evidence (the numbers that made it fire), activities and history. */
export const AlertDetailSchema = AlertSchema.extend({
  comment: z.string().nullable(),
  activityIds: z.array(z.string()),
  /** One entry per firing merged into this alert, oldest first; `values` as the policy recorded them. */
  evidence: z.array(z.strictObject({ at: epochMs, values: z.record(z.string(), z.unknown()) })),
  /** The linked activities still in the store (at most the first 100 ids). */
  activities: z.array(ActivitySchema),
  history: z.array(AlertChangeSchema),
  /** What the policy looks for, in one paragraph (null for system alerts). */
  policyDescription: z.string().nullable(),
});
export type AlertDetail = z.infer<typeof AlertDetailSchema>;

export const AlertSortSchema = z.enum(['newest', 'oldest', 'severity']);
export const ALERTS_PAGE_LIMIT_MAX = 500;

export const AlertFilterSchema = z.strictObject({
  status: AlertStatusSchema.optional(),
  /** Open = New or In progress. */
  open: z.boolean().optional(),
  severity: SeveritySchema.optional(),
  policy: text(140).optional(),
  user: text(320).optional(),
  since: epochMs.optional(),
  until: epochMs.optional(),
});
export type AlertFilter = z.infer<typeof AlertFilterSchema>;

export const AlertCountsSchema = z.strictObject({
  /** Open (New or In progress) alerts per severity. */
  open: z.strictObject({
    High: z.number().int(),
    Medium: z.number().int(),
    Low: z.number().int(),
    Informational: z.number().int(),
  }),
  openTotal: z.number().int(),
  byStatus: z.strictObject({ New: z.number().int(), 'In progress': z.number().int(), Resolved: z.number().int() }),
});
export type AlertCounts = z.infer<typeof AlertCountsSchema>;

export const TuneSchema = z.discriminatedUnion('action', [
  /** Leave this alert's user out of its policy from the next evaluation. */
  z.strictObject({ action: z.literal('excludeUser'), alertId: id, user: text(320).optional() }),
  /** Change the sensitivity of the alert's policy. */
  z.strictObject({ action: z.literal('sensitivity'), alertId: id, sensitivity: z.enum(['Low', 'Medium', 'High']) }),
  /** Tag an address (or a CIDR range) seen in the alert, e.g. as the company VPN. */
  z.strictObject({
    action: z.literal('tagIp'),
    alertId: id,
    cidr: text(64).min(2),
    category: text(40).min(1),
    name: text(200).optional(),
  }),
]);
export type TuneInput = z.infer<typeof TuneSchema>;

export const alertsOperations = {
  list: {
    input: z.strictObject({
      ...AlertFilterSchema.shape,
      sort: AlertSortSchema.optional(),
      cursor: cursor.optional(),
      limit: z.number().int().min(1).max(ALERTS_PAGE_LIMIT_MAX).optional(),
    }),
    output: z.strictObject({ items: z.array(AlertSchema), nextCursor: z.string().nullable() }),
  },
  get: { input: z.strictObject({ id }), output: AlertDetailSchema },
  counts: { input: z.strictObject({}).optional(), output: AlertCountsSchema },
  setStatus: {
    input: z.strictObject({
      ids: z.array(id).min(1).max(ALERTS_PAGE_LIMIT_MAX),
      status: AlertStatusSchema,
      classification: AlertClassificationSchema.optional(),
      comment: text(2000).optional(),
    }),
    output: z.strictObject({ updated: z.array(AlertSchema) }),
  },
  tune: { input: TuneSchema, output: ok.extend({ message: z.string() }) },
} as const;
