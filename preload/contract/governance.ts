// Governance: actions taken on users (notify, sign out, suspend) and their log.
import { z } from 'zod';
import { epochMs, noInput } from './shared';

export const GovernanceActionSchema = z.enum(['notify', 'logout', 'suspend', 'unsuspend']);
export const GovernanceEntrySchema = z.strictObject({
  id: z.string(),
  action: GovernanceActionSchema,
  target: z.string(),
  reason: z.string(),
  requestedAt: epochMs,
  status: z.enum(['pending', 'sent', 'succeeded', 'failed']),
  error: z.string().nullable(),
});

export const governanceOperations = {
  log: { input: noInput, output: z.array(GovernanceEntrySchema) },
} as const;
