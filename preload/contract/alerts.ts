// Alerts: what detection found, and where the admin is with each finding.
import { z } from 'zod';
import { epochMs, SeveritySchema } from './shared';

export const AlertStatusSchema = z.enum(['New', 'In progress', 'Resolved']);
export const AlertSchema = z.strictObject({
  id: z.string(),
  created: epochMs,
  updated: epochMs,
  policy: z.string(),
  severity: SeveritySchema,
  title: z.string(),
  description: z.string(),
  users: z.array(z.string()),
  status: AlertStatusSchema,
});

export const alertsOperations = {
  list: { input: z.strictObject({ status: AlertStatusSchema.optional() }), output: z.array(AlertSchema) },
} as const;
