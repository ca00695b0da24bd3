// Activities: the synced audit trail, filtered, paged, counted.
import { z } from 'zod';
import { cursor, epochMs, id, page, text } from './shared';

export const ActivitySchema = z.strictObject({
  id: z.string(),
  at: epochMs,
  type: z.string(),
  event: z.string(),
  actor: z.string().nullable(),
  target: z.string().nullable(),
  ip: z.string().nullable(),
  country: z.string().nullable(),
  city: z.string().nullable(),
  admin: z.boolean(),
  impersonated: z.boolean(),
  userAgent: z.string().nullable(),
  summary: z.string().nullable(),
});
export type Activity = z.infer<typeof ActivitySchema>;

export const ActivityFilterSchema = z.strictObject({
  user: text(320).optional(),
  type: text(64).optional(),
  admin: z.boolean().optional(),
  impersonated: z.boolean().optional(),
  ip: text(64).optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .optional(),
  text: text(200).optional(),
  since: epochMs.optional(),
  until: epochMs.optional(),
});
export type ActivityFilter = z.infer<typeof ActivityFilterSchema>;

/** The most activities one page may hold (the timeline asks for pages at most this long). */
export const ACTIVITIES_PAGE_LIMIT_MAX = 500;

export const activitiesOperations = {
  list: {
    input: z.strictObject({
      filter: ActivityFilterSchema.optional(),
      cursor: cursor.optional(),
      limit: z.number().int().min(1).max(ACTIVITIES_PAGE_LIMIT_MAX).optional(),
    }),
    output: page(ActivitySchema),
  },
  get: { input: z.strictObject({ id }), output: ActivitySchema.extend({ raw: z.unknown() }) },
  countsByDay: {
    input: z.strictObject({ filter: ActivityFilterSchema.optional() }),
    output: z.array(z.strictObject({ day: z.string(), count: z.number().int() })),
  },
  countsByType: {
    input: z.strictObject({ filter: ActivityFilterSchema.optional() }),
    output: z.array(z.strictObject({ type: z.string(), count: z.number().int() })),
  },
} as const;
