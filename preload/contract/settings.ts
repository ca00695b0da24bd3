// Settings: the admin's preferences, read and changed field by field.
import { z } from 'zod';
import { noInput } from './shared';

export const SettingsSchema = z.strictObject({
  syncIntervalMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  backfillDays: z.number().int().min(0).max(3650),
  consentMode: z.enum(['window', 'system-browser']),
  notifications: z.boolean(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const settingsOperations = {
  get: { input: noInput, output: SettingsSchema },
  update: { input: SettingsSchema.partial().strict(), output: SettingsSchema },
} as const;
