// The admin's IP ranges: Corporate, VPN, Cloud provider, Administrative, Risky, Anonymous, with
// free tags. Ranges never overlap; an overlapping one is refused with a message naming the other.
import { z } from 'zod';
import { id, text } from './shared';

export const IP_RANGE_CATEGORIES = [
  'Corporate',
  'VPN',
  'Cloud provider',
  'Administrative',
  'Risky',
  'Anonymous',
] as const;
export const IpRangeCategorySchema = z.enum(IP_RANGE_CATEGORIES);

export const IpRangeSchema = z.strictObject({
  id: z.string(),
  cidr: z.string(),
  category: IpRangeCategorySchema,
  name: z.string().nullable(),
  tags: z.array(z.string()),
  createdAt: z.number(),
});
export type IpRangeView = z.infer<typeof IpRangeSchema>;

export const ipRangesOperations = {
  list: { input: z.strictObject({}).optional(), output: z.array(IpRangeSchema) },
  add: {
    input: z.strictObject({
      /** `10.0.0.0/8`, `2001:db8::/32`, or one address (a /32 or /128). */
      cidr: text(64).min(2),
      /** Any letter case: `vpn`, `VPN`, `Cloud provider`. */
      category: text(40).min(1),
      tags: z.array(text(64)).max(50).optional(),
      name: text(200).optional(),
    }),
    output: IpRangeSchema,
  },
  /** By id or by CIDR. */
  remove: { input: z.strictObject({ id }), output: IpRangeSchema },
} as const;
