// Posture: recommendations about the organisation's configuration.
import { z } from 'zod';
import { noInput } from './shared';

export const PostureRecommendationSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  affectedUsers: z.number().int().min(0),
});

export const postureOperations = {
  list: { input: noInput, output: z.array(PostureRecommendationSchema) },
} as const;
