// The connector: how the console connects to a Workplace organisation, its status and sync.
import { z } from 'zod';
import { epochMs, ErrorCodeSchema, id, noInput, text, urlInput } from './shared';

export const ConnectorStateSchema = z.enum([
  'not_connected',
  'connecting',
  'first_sync',
  'connected',
  'error',
  'disconnected',
]);

/** How each connector state is named on screen and in the CLI (detections.md "Connector status"). */
export const CONNECTOR_STATE_LABELS: Record<z.infer<typeof ConnectorStateSchema>, string> = {
  not_connected: 'Not connected',
  connecting: 'Connecting',
  first_sync: 'Connected — first sync',
  connected: 'Connected',
  error: 'Error',
  disconnected: 'Disconnected',
};

export const SyncProgressSchema = z.strictObject({
  running: z.boolean(),
  phase: z.enum(['idle', 'users', 'activities', 'done', 'cancelled', 'failed']),
  users: z.number().int().min(0),
  activities: z.number().int().min(0),
  quarantined: z.number().int().min(0),
  ratePerSec: z.number().min(0),
  etaSec: z.number().min(0).nullable(),
  /**
   * How much of the activity window the walk has covered, 0 to 1 (the first-sync bar's second
   * half); null before the activities phase or while it is not yet known.
   */
  windowFraction: z.number().min(0).max(1).nullable().optional(),
  startedAt: epochMs.nullable(),
  /**
   * What the sync is waiting for, and until when: Workplace's rate limit, a retry after a failed
   * call, or a slow-down before the call budget runs out. Null (or absent) when not waiting.
   */
  waiting: z
    .strictObject({
      reason: z.enum(['rate_limited', 'retry', 'throttle']),
      until: epochMs,
      /** The call that waits, without its query: `GET https://host/path`. */
      call: z.string().max(2048),
    })
    .nullable()
    .optional(),
});
export type SyncProgress = z.infer<typeof SyncProgressSchema>;

export const ConnectionMethodSchema = z.enum(['consent', 'token', 'app_credentials', 'demo']);

export const ConnectorStatusSchema = z.strictObject({
  state: ConnectorStateSchema,
  method: ConnectionMethodSchema.nullable(),
  organisation: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
  apiBase: z.string().nullable(),
  error: z.strictObject({ code: ErrorCodeSchema, message: z.string(), fix: z.string() }).nullable(),
  /** Features switched off because a permission is missing, named for the admin. */
  disabledFeatures: z.array(z.strictObject({ feature: z.string(), permission: z.string() })),
  lastSyncAt: epochMs.nullable(),
  nextSyncAt: epochMs.nullable(),
  lastActivityAt: epochMs.nullable(),
  progress: SyncProgressSchema,
});
export type ConnectorStatus = z.infer<typeof ConnectorStatusSchema>;

/**
 * What the store had to set aside, in plain words (issue 8 req 6): files found damaged (moved to
 * quarantine/, their time range re-fetched by the next sync) and audit records the sync refused
 * (kept raw). `lines` and `fix` are the sentences the CLI and the UI both show.
 */
export const DataHealthSchema = z.strictObject({
  /** meta.json was found damaged: the connection details and sync position in it were lost. */
  metaDamaged: z.boolean(),
  files: z.array(
    z.strictObject({
      file: z.string(),
      quarantinedAs: z.string(),
      message: z.string(),
      /** The UTC time range whose data the file held; null when it held no activities (users, state). */
      range: z.strictObject({ since: epochMs, until: epochMs }).nullable(),
      foundAt: epochMs,
      /** When the re-sync fetched its range again; null while still to do. */
      repairedAt: epochMs.nullable(),
    }),
  ),
  records: z.strictObject({
    count: z.number().int().min(0),
    /** When the first and last of them were received. */
    firstAt: epochMs.nullable(),
    lastAt: epochMs.nullable(),
    recent: z.array(z.strictObject({ at: epochMs, id: z.string().nullable(), reason: z.string() })),
  }),
  /** Something needs the admin's eye: show the banner. */
  attention: z.boolean(),
  lines: z.array(z.string()),
  fix: z.string().nullable(),
});
export type DataHealth = z.infer<typeof DataHealthSchema>;

/** One finished sync, as the Connector screen lists it (the last few, newest first). */
export const SyncHistoryEntrySchema = z.strictObject({
  startedAt: epochMs,
  finishedAt: epochMs,
  outcome: z.enum(['ok', 'cancelled', 'failed']),
  users: z.number().int().min(0),
  added: z.number().int().min(0),
  duplicates: z.number().int().min(0),
  quarantined: z.number().int().min(0),
  error: z.strictObject({ code: ErrorCodeSchema, message: z.string().max(2000) }).nullable(),
});
export type SyncHistoryEntry = z.infer<typeof SyncHistoryEntrySchema>;

/**
 * The Workplace permissions the console needs, each granted, missing (a sync was refused for
 * it) or not checked yet (no sync has finished since connecting).
 */
export const ConnectorPermissionsSchema = z.strictObject({
  checkedAt: epochMs.nullable(),
  items: z.array(
    z.strictObject({
      permission: z.string(),
      feature: z.string(),
      state: z.enum(['granted', 'missing', 'unchecked']),
    }),
  ),
});
export type ConnectorPermissions = z.infer<typeof ConnectorPermissionsSchema>;

/**
 * When the store holds another organisation's data, the connect is refused until the admin
 * chooses: archive it (moved aside, openable read-only) or clear it (issue 8 req 8).
 */
const otherOrganisation = z.enum(['archive', 'clear']).optional();

/**
 * The admin's own account (username or id), asked at connect so that suspend and sign-out can
 * never lock them out; matched against the users once the first sync has read them (issue 10).
 */
const ownAccount = text(320).optional();

const appCredentials = z.strictObject({
  appId: id,
  appSecret: z.string().min(8).max(512),
  apiBase: urlInput.optional(),
  otherOrganisation,
  ownAccount,
});

export const connectorOperations = {
  status: { input: noInput, output: ConnectorStatusSchema },
  /** "Explore the demo community": starts the bundled server on loopback and connects through consent. */
  connectDemo: { input: noInput, output: ConnectorStatusSchema },
  connectToken: {
    input: z.strictObject({
      token: z.string().min(8).max(4096),
      apiBase: urlInput.optional(),
      otherOrganisation,
      ownAccount,
    }),
    output: ConnectorStatusSchema,
  },
  connectAppCredentials: { input: appCredentials, output: ConnectorStatusSchema },
  connectConsent: { input: appCredentials, output: ConnectorStatusSchema },
  disconnect: { input: noInput, output: ConnectorStatusSchema },
  syncNow: { input: noInput, output: ConnectorStatusSchema },
  cancelSync: { input: noInput, output: ConnectorStatusSchema },
  /** Damaged files and quarantined records, with whether the re-sync repaired them and the fix. */
  dataHealth: { input: noInput, output: DataHealthSchema },
  /** The last syncs, newest first: when, how long, what they added, how they ended. */
  syncHistory: {
    input: z.strictObject({ limit: z.number().int().min(1).max(100).optional() }).optional(),
    output: z.array(SyncHistoryEntrySchema),
  },
  /** Which of the permissions the console needs were granted, as the last sync found them. */
  permissions: { input: noInput, output: ConnectorPermissionsSchema },
} as const;
