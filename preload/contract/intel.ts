// IP intelligence lists (Tor exits, FireHOL level 1, Spamhaus DROP, Feodo): how fresh each is,
// where it is downloaded from, and the admin's opt-ins — online refresh, and a scheduled daily
// refresh on top of it. The Settings screen sets them; the Dashboard shows freshness.
import { z } from 'zod';
import { epochMs, noInput } from './shared';

export const IntelListScheduleSchema = z.enum(['off', 'daily']);

/** A list id (`tor`, `firehol-level1`, `spamhaus-drop`, `feodo`). */
const listId = z.string().regex(/^[a-z0-9-]{1,40}$/, 'a list id is lower-case letters, digits and dashes');
/** https, or http on this machine only (checked again in main, where URLs are used). */
const listUrl = z.string().min(8).max(2048);

export const IntelListStatusSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['threat', 'anonymity']),
  /** Where the entries in use came from: an online refresh, the shipped sample, or nowhere yet. */
  source: z.enum(['online', 'fixture', 'missing']),
  /** Last successful refresh; null when never refreshed here. */
  updatedAt: epochMs.nullable(),
  /** now − updatedAt; null when never refreshed. */
  ageMs: z.number().min(0).nullable(),
  /** Older than 7 days, or never refreshed: detections that match it say so. */
  stale: z.boolean(),
  entries: z.number().int().min(0),
  lastAttemptAt: epochMs.nullable(),
  /** Why the last attempt failed (the previous copy is kept); null after a success. */
  lastError: z.string().nullable(),
  urls: z.array(z.string()),
  /** The URLs are the admin's, not the publisher's defaults. */
  customUrls: z.boolean(),
  credit: z.string().nullable(),
  /** When the schedule refreshes it next; null without a schedule (or online refresh off). */
  nextRefreshAt: epochMs.nullable(),
});
export type IntelListStatus = z.infer<typeof IntelListStatusSchema>;

export const IntelListsSchema = z.strictObject({
  /** Opt-in: without it nothing is fetched from the Internet. */
  online: z.boolean(),
  schedule: IntelListScheduleSchema,
  lists: z.array(IntelListStatusSchema),
});
export type IntelLists = z.infer<typeof IntelListsSchema>;

export const intelOperations = {
  /** Every list with its freshness and URLs, and the refresh settings. */
  lists: { input: noInput, output: IntelListsSchema },
  /** Changes the opt-ins and per-list URLs (null: back to the publisher's); answers like `lists`. */
  setListSettings: {
    input: z.strictObject({
      online: z.boolean().optional(),
      schedule: IntelListScheduleSchema.optional(),
      urls: z
        .record(listId, z.array(listUrl).min(1).max(4).nullable())
        .refine((r) => Object.keys(r).length <= 10, 'at most 10 lists at a time')
        .optional(),
    }),
    output: IntelListsSchema,
  },
  /** Refreshes now (all lists, or those named); needs online refresh on. */
  refreshLists: {
    input: z.strictObject({ ids: z.array(listId).min(1).max(10).optional() }).optional(),
    output: z.strictObject({
      results: z.array(
        z.strictObject({
          id: z.string(),
          ok: z.boolean(),
          outcome: z.enum(['refreshed', 'failed', 'skipped']),
          entries: z.number().int().min(0),
          message: z.string(),
        }),
      ),
      lists: IntelListsSchema,
    }),
  },
} as const;
