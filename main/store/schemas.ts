// Validation of what the store reads back from disk. A file that parses as JSON but does not
// have this shape is treated like one that does not parse: quarantined, never "repaired".
import { z } from 'zod';

const nullableString = z.string().nullable();
const nullableNumber = z.number().nullable();

/** Loose so that enrichment fields added later (asn, ipTags, device…) survive a rebuild untouched. */
export const StoredActivitySchema = z.looseObject({
  id: z.string().min(1),
  at: z.number().int().min(0),
  type: z.string(),
  event: z.string(),
  actor: nullableString,
  target: nullableString,
  ip: nullableString,
  country: nullableString,
  city: nullableString,
  lat: nullableNumber,
  lon: nullableNumber,
  radiusKm: nullableNumber,
  admin: z.boolean(),
  impersonated: z.boolean(),
  userAgent: nullableString,
  summary: nullableString,
  raw: z.unknown(),
});

export const PartitionDocSchema = z.object({
  v: z.literal(1),
  hour: z.string(),
  gen: z.string(),
  activities: z.array(z.unknown()),
});

export const StoredUserSchema = z.looseObject({
  id: z.string().min(1),
  email: nullableString,
  name: z.string(),
  title: nullableString,
  department: nullableString,
  active: z.boolean(),
  admin: z.boolean(),
  claimed: z.boolean(),
  authMethod: z.enum(['sso', 'password']).nullable(),
  termDate: nullableNumber,
  managerId: nullableString,
  raw: z.looseObject({ scim: z.unknown().optional(), graph: z.unknown().optional() }),
});

export const UsersDocSchema = z.object({ v: z.literal(1), users: z.array(StoredUserSchema) });

export const CorruptionReportSchema = z.object({
  file: z.string(),
  quarantinedAs: z.string(),
  range: z.object({ since: z.number(), until: z.number() }).nullable(),
  at: z.number(),
  message: z.string(),
});

export const MetaDocSchema = z.object({
  v: z.literal(1),
  entries: z.record(z.string(), z.unknown()),
  corruptions: z.array(CorruptionReportSchema),
});

export const ManifestSchema = z.object({
  schemaVersion: z.number().int().min(0),
  createdAt: z.number(),
  migrations: z.array(z.object({ from: z.number(), to: z.number(), at: z.number(), name: z.string() })),
});
export type Manifest = z.infer<typeof ManifestSchema>;
