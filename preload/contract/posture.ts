// Posture: recommendations about the organisation's configuration (Adopt SSO first), their
// status workflow, and the score with its history.
import { z } from 'zod';
import { epochMs, id, noInput } from './shared';

export const PostureStatusSchema = z.enum([
  'to_address',
  'planned',
  'risk_accepted',
  'resolved_third_party',
  'resolved_alternate',
  'completed',
]);
export type PostureStatusValue = z.infer<typeof PostureStatusSchema>;

export const PostureRecommendationSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  why: z.string(),
  remediation: z.array(z.string()),
  weight: z.number(),
  passed: z.boolean(),
  summary: z.string(),
  status: PostureStatusSchema,
  statusBy: z.enum(['admin', 'console']),
  affected: z.array(z.strictObject({ id: z.string(), email: z.string().nullable(), name: z.string() })),
  affectedCount: z.number().int().min(0),
});
export type PostureRecommendationShape = z.infer<typeof PostureRecommendationSchema>;

export const PostureReportSchema = z.strictObject({
  evaluatedAt: epochMs,
  score: z.number().min(0).max(100),
  recommendations: z.array(PostureRecommendationSchema),
  history: z.array(z.strictObject({ at: epochMs, score: z.number() })),
});
export type PostureReportShape = z.infer<typeof PostureReportSchema>;

export const postureOperations = {
  report: { input: noInput, output: PostureReportSchema },
  setStatus: {
    input: z.strictObject({ id, status: PostureStatusSchema.exclude(['completed']) }),
    output: PostureReportSchema,
  },
} as const;
