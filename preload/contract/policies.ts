// Policies: the anomaly and activity policies detection runs.
import { z } from 'zod';
import { noInput, SeveritySchema } from './shared';

export const PolicySchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['anomaly', 'activity']),
  enabled: z.boolean(),
  severity: SeveritySchema,
});

export const policiesOperations = {
  list: { input: noInput, output: z.array(PolicySchema) },
} as const;
