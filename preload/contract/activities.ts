// Activities: the synced audit trail, filtered, paged, counted, exported.
import { z } from 'zod';
import { cursor, epochMs, id, page, text } from './shared';

export const ActivityDeviceSchema = z.strictObject({
  browser: z.string().nullable(),
  os: z.string().nullable(),
  type: z.enum(['desktop', 'mobile', 'tablet', 'bot', 'unknown']),
  app: z.string().nullable(),
});

export const ActivitySchema = z.strictObject({
  id: z.string(),
  at: epochMs,
  type: z.string(),
  event: z.string(),
  actor: z.string().nullable(),
  target: z.string().nullable(),
  ip: z.string().nullable(),
  country: z.string().nullable(),
  city: z.string().nullable(),
  admin: z.boolean(),
  impersonated: z.boolean(),
  userAgent: z.string().nullable(),
  summary: z.string().nullable(),
  /** Enrichment as stored (null where unknown or stored before enrichment). */
  asn: z.number().int().nullable(),
  asOrg: z.string().nullable(),
  ipTags: z.array(z.string()),
  device: ActivityDeviceSchema.nullable(),
  /** Details lifted out of extra_data (file name, failure reason…). */
  details: z.record(z.string(), z.string()),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
});
export type Activity = z.infer<typeof ActivitySchema>;

/**
 * IP categories a timeline can be filtered on: the admin's range categories, the kinds of network
 * from the ASN data, and the lists an address is on (any threat list, any anonymity list, Tor).
 */
export const ACTIVITY_IP_CATEGORIES = [
  'corporate',
  'vpn',
  'cloud',
  'administrative',
  'risky',
  'anonymous',
  'hosting',
  'vpn-provider',
  'private-relay',
  'satellite',
  'mobile',
  'tor',
  'threat-list',
  'anonymity-list',
] as const;
export const ActivityIpCategorySchema = z.enum(ACTIVITY_IP_CATEGORIES);
export type ActivityIpCategory = z.infer<typeof ActivityIpCategorySchema>;

/** Types one filter may hold at once. */
export const ACTIVITY_FILTER_TYPES_MAX = 32;

export const ActivityFilterSchema = z.strictObject({
  /** Email, id, or name; matched exactly, by prefix, and (names) with a typo or two. */
  user: text(320).optional(),
  /** One type or family (`login` means login.*); `types` holds several, any of which matches. */
  type: text(64).optional(),
  types: z.array(text(64).min(1)).max(ACTIVITY_FILTER_TYPES_MAX).optional(),
  admin: z.boolean().optional(),
  impersonated: z.boolean().optional(),
  /** One address, a prefix (`203.0.113.` or `2001:db8:`), or a CIDR range (`203.0.113.0/24`). */
  ip: text(64).optional(),
  /** An ISO 3166-1 alpha-2 code (`NL`) or a country's name in English (`Netherlands`, `Holland`). */
  country: text(64).optional(),
  /** Autonomous system number (`AS1136` is 1136). */
  asn: z.number().int().min(0).max(4_294_967_295).optional(),
  ipCategory: ActivityIpCategorySchema.optional(),
  /** Only successful sign-ins from a country their user had never signed in from (the first sign-in excluded). */
  newCountry: z.boolean().optional(),
  /** Device type (desktop, mobile, tablet, bot), browser, OS or app name, or part of the user agent. */
  device: text(64).optional(),
  /** Free text: event, type, people, IP, city, summary and the details from extra_data. */
  text: text(200).optional(),
  since: epochMs.optional(),
  until: epochMs.optional(),
});
export type ActivityFilter = z.infer<typeof ActivityFilterSchema>;

/** The most activities one page may hold (the timeline asks for pages at most this long). */
export const ACTIVITIES_PAGE_LIMIT_MAX = 500;
/** The most activities one export page holds: an export of any size is many such calls. */
export const ACTIVITIES_EXPORT_PAGE_MAX = 2000;

export const ActivityIpFactsSchema = z.strictObject({
  asn: z.number().int().nullable(),
  asOrg: z.string().nullable(),
  network: z.string().nullable(),
  lists: z.array(z.strictObject({ id: z.string(), name: z.string(), kind: z.enum(['anonymity', 'threat']) })),
  /** The admin's range holding the address. */
  range: z
    .strictObject({ id: z.string(), cidr: z.string(), category: z.string(), name: z.string().nullable() })
    .nullable(),
});
export type ActivityIpFacts = z.infer<typeof ActivityIpFactsSchema>;

/** Time presets of a saved query: relative to when it is run. */
export const ACTIVITY_TIME_PRESETS = ['1h', '24h', '7d', '30d', '90d'] as const;

/** A query the admin saved by name (kept in settings): the filter with a relative time window. */
export const SavedActivityQuerySchema = z.strictObject({
  name: text(80).min(1),
  filter: ActivityFilterSchema.omit({ since: true, until: true }),
  preset: z.enum(ACTIVITY_TIME_PRESETS).nullable(),
});
export type SavedActivityQuery = z.infer<typeof SavedActivityQuerySchema>;
export const SAVED_ACTIVITY_QUERIES_MAX = 50;

export const activitiesOperations = {
  list: {
    input: z.strictObject({
      filter: ActivityFilterSchema.optional(),
      cursor: cursor.optional(),
      limit: z.number().int().min(1).max(ACTIVITIES_PAGE_LIMIT_MAX).optional(),
    }),
    output: page(ActivitySchema),
  },
  get: {
    input: z.strictObject({ id }),
    output: ActivitySchema.extend({
      raw: z.unknown(),
      /** What the console knows about the IP now (the admin's ranges and lists may have changed). */
      ipFacts: ActivityIpFactsSchema.nullable(),
    }),
  },
  countsByDay: {
    input: z.strictObject({ filter: ActivityFilterSchema.optional() }),
    output: z.array(z.strictObject({ day: z.string(), count: z.number().int() })),
  },
  countsByType: {
    input: z.strictObject({ filter: ActivityFilterSchema.optional() }),
    output: z.array(z.strictObject({ type: z.string(), count: z.number().int() })),
  },
  /**
   * One page of an export of everything matching the filter, as text: the CSV header or the JSON
   * array's opening comes with the first page, its closing with the last. Concatenated in order,
   * the pages are the file; `nextCursor` null means done.
   */
  exportPage: {
    input: z.strictObject({
      filter: ActivityFilterSchema.optional(),
      format: z.enum(['csv', 'json']),
      cursor: cursor.optional(),
      limit: z.number().int().min(1).max(ACTIVITIES_EXPORT_PAGE_MAX).optional(),
    }),
    output: z.strictObject({ text: z.string(), rows: z.number().int(), nextCursor: z.string().nullable() }),
  },
} as const;
