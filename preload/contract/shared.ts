// Pieces every feature's schemas are built from: bounded primitives, the error envelope, paging.
// Like the rest of the contract this stays free of Node and DOM APIs (main, preload and
// renderer all import it).
import { z } from 'zod';

/** Bounded strings: a hostile 10 MB argument is rejected by the schema, not by luck. */
export const text = (max = 512) => z.string().max(max);
export const id = z.string().min(1).max(200);
export const epochMs = z.number().int().min(0).max(8.64e15);
/** Operations that take no argument accept nothing, or an empty object — never extra fields. */
export const noInput = z.strictObject({}).optional();
export const ok = z.strictObject({ ok: z.literal(true) });

export const ErrorCodeSchema = z.enum([
  'invalid_input',
  'unknown_operation',
  'forbidden',
  'not_connected',
  'already_connected',
  'busy',
  'not_found',
  'permission_missing',
  'token_invalid',
  'rate_limited',
  'network',
  'store_locked',
  'store_corrupt',
  'unsupported',
  'refused',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;
/**
 * What crosses the boundary when an operation fails: a code a program can branch on and a
 * sentence a person can act on.
 */
const OrganisationRefSchema = z.strictObject({ id: z.string().max(200), name: z.string().max(512) });
/**
 * Set when a connect is refused because the store holds another organisation's data (issue 8
 * req 8): whose data it holds and whose was offered, so a UI can offer archive or clear without
 * reading the message.
 */
export const OtherOrganisationRefusalSchema = z.strictObject({
  held: OrganisationRefSchema,
  offered: OrganisationRefSchema,
});
export type OtherOrganisationRefusal = z.infer<typeof OtherOrganisationRefusalSchema>;
export const GuardErrorSchema = z.strictObject({
  code: ErrorCodeSchema,
  message: z.string(),
  otherOrganisation: OtherOrganisationRefusalSchema.optional(),
});
export type GuardErrorShape = z.infer<typeof GuardErrorSchema>;
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: GuardErrorShape };

/** Alerts and policies rate findings on the same scale. */
export const SeveritySchema = z.enum(['Informational', 'Low', 'Medium', 'High']);

export const urlInput = z
  .string()
  .max(2048)
  .refine((u) => {
    try {
      const p = new URL(u);
      return p.protocol === 'https:' || p.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

/** A cursor-paged list: the items and the cursor of the next page (null at the end). */
export const page = <T extends z.ZodType>(item: T) =>
  z.strictObject({ items: z.array(item), nextCursor: z.string().nullable() });
/** Cursors are opaque to callers but bounded like any other input. */
export const cursor = z.string().max(256);
