// Users: the organisation's members as last synced, filtered and sorted for the Users list, and
// one member's page (activity summary, places, alerts and investigation priority).
import { z } from 'zod';
import { CountryPlaceSchema } from './dashboard';
import { cursor, epochMs, id, page, SeveritySchema, text } from './shared';

export const UserSchema = z.strictObject({
  id: z.string(),
  email: z.string().nullable(),
  name: z.string(),
  title: z.string().nullable(),
  department: z.string().nullable(),
  active: z.boolean(),
  admin: z.boolean(),
  claimed: z.boolean(),
  authMethod: z.enum(['sso', 'password']).nullable(),
  termDate: epochMs.nullable(),
  lastActivityAt: epochMs.nullable(),
  /** Alerts naming this user that are New or In progress. */
  openAlerts: z.number().int().min(0),
  /** Investigation priority: open alerts' severity weights, fading over a week (0 = nothing open). */
  priority: z.number().min(0),
});
export type User = z.infer<typeof UserSchema>;

export const UserPrioritySchema = z.strictObject({
  score: z.number().min(0),
  alerts: z.array(
    z.strictObject({
      id: z.string(),
      policy: z.string(),
      severity: SeveritySchema,
      weight: z.number(),
      ageDays: z.number(),
      contribution: z.number(),
    }),
  ),
});

export const UserSummarySchema = z.strictObject({
  user: UserSchema,
  activityCount: z.number().int().min(0),
  countries: z.array(CountryPlaceSchema.extend({ count: z.number().int() })),
  ips: z.array(z.strictObject({ ip: z.string(), count: z.number().int(), country: z.string().nullable() })),
  devices: z.array(z.strictObject({ userAgent: z.string(), count: z.number().int() })),
  lastActivityAt: epochMs.nullable(),
  priority: UserPrioritySchema,
});
export type UserSummary = z.infer<typeof UserSummarySchema>;

/** The most users one page may hold. */
export const USERS_PAGE_LIMIT_MAX = 1000;

export const UserSortSchema = z.enum(['name', 'email', 'department', 'lastActivity', 'priority', 'openAlerts']);
export type UserSort = z.infer<typeof UserSortSchema>;

export const UserFiltersSchema = z.strictObject({
  search: text(200).optional(),
  /** Active in Workplace, or deactivated (suspended). */
  status: z.enum(['active', 'inactive']).optional(),
  admin: z.boolean().optional(),
  /** HR leaving date reached. */
  terminated: z.boolean().optional(),
  /** Never claimed their account (true) or claimed it (false). */
  unclaimed: z.boolean().optional(),
  authMethod: z.enum(['sso', 'password', 'none']).optional(),
  /** With at least one open alert (true) or none (false). */
  openAlerts: z.boolean().optional(),
});
export type UserFilters = z.infer<typeof UserFiltersSchema>;

export const usersOperations = {
  list: {
    input: UserFiltersSchema.extend({
      /** Name order by default; priority, open alerts and last activity sort the largest first. */
      sort: UserSortSchema.optional(),
      /** Reverses the sort's natural direction. */
      reverse: z.boolean().optional(),
      cursor: cursor.optional(),
      limit: z.number().int().min(1).max(USERS_PAGE_LIMIT_MAX).optional(),
    }),
    /** `total`: how many users match the filters (not just this page). */
    output: page(UserSchema).extend({ total: z.number().int().min(0) }),
  },
  summary: { input: z.strictObject({ id }), output: UserSummarySchema },
} as const;
