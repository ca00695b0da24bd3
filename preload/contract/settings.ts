// Settings: the admin's preferences, read and changed field by field.
import { z } from 'zod';
import { noInput } from './shared';
import { SAVED_ACTIVITY_QUERIES_MAX, SavedActivityQuerySchema } from './activities';

export const SettingsSchema = z.strictObject({
  syncIntervalMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  backfillDays: z.number().int().min(0).max(3650),
  consentMode: z.enum(['window', 'system-browser']),
  notifications: z.boolean(),
  /** The Activity timeline's saved queries, by name (absent in settings written before them). */
  savedActivityQueries: z.array(SavedActivityQuerySchema).max(SAVED_ACTIVITY_QUERIES_MAX).optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const settingsOperations = {
  get: { input: noInput, output: SettingsSchema },
  update: { input: SettingsSchema.partial().strict(), output: SettingsSchema },
} as const;
