// Users: the organisation's members as last synced, and one member's activity summary.
import { z } from 'zod';
import { cursor, epochMs, id, page, text } from './shared';

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
});
export type User = z.infer<typeof UserSchema>;

export const UserSummarySchema = z.strictObject({
  user: UserSchema,
  activityCount: z.number().int().min(0),
  countries: z.array(z.strictObject({ country: z.string(), count: z.number().int() })),
  ips: z.array(z.strictObject({ ip: z.string(), count: z.number().int(), country: z.string().nullable() })),
  devices: z.array(z.strictObject({ userAgent: z.string(), count: z.number().int() })),
  lastActivityAt: epochMs.nullable(),
});

/** The most users one page may hold. */
export const USERS_PAGE_LIMIT_MAX = 1000;

export const usersOperations = {
  list: {
    input: z.strictObject({
      search: text(200).optional(),
      cursor: cursor.optional(),
      limit: z.number().int().min(1).max(USERS_PAGE_LIMIT_MAX).optional(),
    }),
    output: page(UserSchema),
  },
  summary: { input: z.strictObject({ id }), output: UserSummarySchema },
} as const;
