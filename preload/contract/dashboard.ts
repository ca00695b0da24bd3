// Dashboard: the aggregates the security overview is drawn from — activity per day in the
// admin's own time zone, sign-ins per country (with what the offline world map needs to place
// them), and what the store holds in all. (The lists' freshness is intel.lists.)
import { z } from 'zod';
import { epochMs, noInput, text } from './shared';

/** An IANA zone name as the renderer reports it (Intl.DateTimeFormat().resolvedOptions().timeZone). */
export const timeZone = text(64).min(1);

/** A country code with where the map draws it: ISO numeric (the world-atlas shape id) and a centre. */
export const CountryPlaceSchema = z.strictObject({
  country: z.string(),
  /** ISO 3166-1 numeric code, as world-atlas's countries-110m ids; null when the code is unknown. */
  numeric: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
});
export type CountryPlace = z.infer<typeof CountryPlaceSchema>;

export const CountrySignInsSchema = CountryPlaceSchema.extend({
  signIns: z.number().int().min(0),
  failed: z.number().int().min(0),
});
export type CountrySignIns = z.infer<typeof CountrySignInsSchema>;

const windowInput = z.strictObject({ since: epochMs, until: epochMs.optional() });

export const dashboardOperations = {
  /** Activities per calendar day in `timeZone`, oldest first (days with none are left out). */
  activityByDay: {
    input: windowInput.extend({ timeZone }),
    output: z.strictObject({
      timeZone: z.string(),
      days: z.array(z.strictObject({ day: z.string(), count: z.number().int().min(0) })),
      total: z.number().int().min(0),
    }),
  },
  /** Successful and failed sign-ins per country in the window, most sign-ins first. */
  signInsByCountry: {
    input: windowInput,
    output: z.strictObject({
      countries: z.array(CountrySignInsSchema),
      /** Sign-ins whose address could not be placed in a country. */
      unlocated: z.number().int().min(0),
    }),
  },
  /** What the local store holds in all (not a window): the "all stored" figures. */
  totals: {
    input: noInput,
    output: z.strictObject({
      activities: z.number().int().min(0),
      users: z.number().int().min(0),
      newestActivityAt: epochMs.nullable(),
    }),
  },
} as const;
