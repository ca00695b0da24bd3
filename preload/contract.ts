// The one contract between the renderer and the main process.
// Every renderer-visible operation is one entry here, with a zod schema for its input and
// its output. Electron IPC (main/electron/ipc.ts), the HTTP host (main/host/) and the tests
// all go through `dispatch` in main/dispatch.ts, which validates against these schemas.
// This file must stay free of Node and DOM APIs: main, preload and renderer all import it.
import { z } from 'zod';

// ---------- shared pieces ----------

/** Bounded strings: a hostile 10 MB argument is rejected by the schema, not by luck. */
const text = (max = 512) => z.string().max(max);
const id = z.string().min(1).max(200);
const epochMs = z.number().int().min(0).max(8.64e15);
/** Operations that take no argument accept nothing, or an empty object — never extra fields. */
const noInput = z.strictObject({}).optional();
const ok = z.strictObject({ ok: z.literal(true) });

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
/** What crosses the boundary when an operation fails: a code a program can branch on and a sentence a person can act on. */
export const GuardErrorSchema = z.strictObject({ code: ErrorCodeSchema, message: z.string() });
export type GuardErrorShape = z.infer<typeof GuardErrorSchema>;
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: GuardErrorShape };

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
  startedAt: epochMs.nullable(),
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
});
export type Activity = z.infer<typeof ActivitySchema>;

export const ActivityFilterSchema = z.strictObject({
  user: text(320).optional(),
  type: text(64).optional(),
  admin: z.boolean().optional(),
  impersonated: z.boolean().optional(),
  ip: text(64).optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .optional(),
  text: text(200).optional(),
  since: epochMs.optional(),
  until: epochMs.optional(),
});
export type ActivityFilter = z.infer<typeof ActivityFilterSchema>;

export const UserSchema = z.strictObject({
  id: z.string(),
  email: z.string().nullable(),
  name: z.string(),
  title: z.string().nullable(),
  department: z.string().nullable(),
  active: z.boolean(),
  admin: z.boolean(),
  claimed: z.boolean(),
  authMethod: z.enum(['sso', 'password']).nullable(),
  termDate: epochMs.nullable(),
  lastActivityAt: epochMs.nullable(),
});
export type User = z.infer<typeof UserSchema>;

export const UserSummarySchema = z.strictObject({
  user: UserSchema,
  activityCount: z.number().int().min(0),
  countries: z.array(z.strictObject({ country: z.string(), count: z.number().int() })),
  ips: z.array(z.strictObject({ ip: z.string(), count: z.number().int(), country: z.string().nullable() })),
  devices: z.array(z.strictObject({ userAgent: z.string(), count: z.number().int() })),
  lastActivityAt: epochMs.nullable(),
});

export const SeveritySchema = z.enum(['Informational', 'Low', 'Medium', 'High']);
export const AlertStatusSchema = z.enum(['New', 'In progress', 'Resolved']);
export const AlertSchema = z.strictObject({
  id: z.string(),
  created: epochMs,
  updated: epochMs,
  policy: z.string(),
  severity: SeveritySchema,
  title: z.string(),
  description: z.string(),
  users: z.array(z.string()),
  status: AlertStatusSchema,
});

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

export const PolicySchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['anomaly', 'activity']),
  enabled: z.boolean(),
  severity: SeveritySchema,
});

export const PostureRecommendationSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  affectedUsers: z.number().int().min(0),
});

export const SettingsSchema = z.strictObject({
  syncIntervalMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  backfillDays: z.number().int().min(0).max(3650),
  consentMode: z.enum(['window', 'system-browser']),
  notifications: z.boolean(),
});
export type Settings = z.infer<typeof SettingsSchema>;

const urlInput = z
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

const page = <T extends z.ZodType>(item: T) =>
  z.strictObject({ items: z.array(item), nextCursor: z.string().nullable() });

// ---------- the operations, grouped by feature ----------

export const contract = {
  app: {
    info: {
      input: noInput,
      output: z.strictObject({
        name: z.string(),
        version: z.string(),
        shell: z.enum(['electron', 'browser', 'node']),
        versions: z.record(z.string(), z.string()),
        dataDir: z.string(),
        keyring: z.strictObject({ secure: z.boolean(), backend: z.string(), warning: z.string().nullable() }),
        attributions: z.array(
          z.strictObject({ name: z.string(), licence: z.string(), text: z.string(), url: z.string() }),
        ),
      }),
    },
    /** Opens a vetted https link in the system browser; anything else is refused. */
    openExternal: { input: z.strictObject({ url: urlInput }), output: ok },
  },
  connector: {
    status: { input: noInput, output: ConnectorStatusSchema },
    /** "Explore the demo community": starts the bundled server on loopback and connects through consent. */
    connectDemo: { input: noInput, output: ConnectorStatusSchema },
    connectToken: {
      input: z.strictObject({ token: z.string().min(8).max(4096), apiBase: urlInput.optional() }),
      output: ConnectorStatusSchema,
    },
    connectAppCredentials: {
      input: z.strictObject({ appId: id, appSecret: z.string().min(8).max(512), apiBase: urlInput.optional() }),
      output: ConnectorStatusSchema,
    },
    connectConsent: {
      input: z.strictObject({ appId: id, appSecret: z.string().min(8).max(512), apiBase: urlInput.optional() }),
      output: ConnectorStatusSchema,
    },
    disconnect: { input: noInput, output: ConnectorStatusSchema },
    syncNow: { input: noInput, output: ConnectorStatusSchema },
    cancelSync: { input: noInput, output: ConnectorStatusSchema },
  },
  activities: {
    list: {
      input: z.strictObject({
        filter: ActivityFilterSchema.optional(),
        cursor: z.string().max(256).optional(),
        limit: z.number().int().min(1).max(500).optional(),
      }),
      output: page(ActivitySchema),
    },
    get: { input: z.strictObject({ id }), output: ActivitySchema.extend({ raw: z.unknown() }) },
    countsByDay: {
      input: z.strictObject({ filter: ActivityFilterSchema.optional() }),
      output: z.array(z.strictObject({ day: z.string(), count: z.number().int() })),
    },
    countsByType: {
      input: z.strictObject({ filter: ActivityFilterSchema.optional() }),
      output: z.array(z.strictObject({ type: z.string(), count: z.number().int() })),
    },
  },
  users: {
    list: {
      input: z.strictObject({
        search: text(200).optional(),
        cursor: z.string().max(256).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      }),
      output: page(UserSchema),
    },
    summary: { input: z.strictObject({ id }), output: UserSummarySchema },
  },
  alerts: {
    list: { input: z.strictObject({ status: AlertStatusSchema.optional() }), output: z.array(AlertSchema) },
  },
  governance: {
    log: { input: noInput, output: z.array(GovernanceEntrySchema) },
  },
  policies: {
    list: { input: noInput, output: z.array(PolicySchema) },
  },
  posture: {
    list: { input: noInput, output: z.array(PostureRecommendationSchema) },
  },
  settings: {
    get: { input: noInput, output: SettingsSchema },
    update: { input: SettingsSchema.partial().strict(), output: SettingsSchema },
  },
} as const;

export type Contract = typeof contract;
export type Feature = keyof Contract;
export type OpInput<F extends Feature, M extends keyof Contract[F]> = Contract[F][M] extends { input: z.ZodType }
  ? z.input<Contract[F][M]['input']>
  : never;
export type OpOutput<F extends Feature, M extends keyof Contract[F]> = Contract[F][M] extends { output: z.ZodType }
  ? z.output<Contract[F][M]['output']>
  : never;

/** The API shape every side implements: main's console (parsed input), and window.guard (envelopes). */
export type ConsoleApi = {
  [F in Feature]: { [M in keyof Contract[F]]: (input: OpInput<F, M>) => Promise<OpOutput<F, M>> };
};
export type GuardBridge = {
  [F in Feature]: { [M in keyof Contract[F]]: (input?: OpInput<F, M>) => Promise<Envelope<OpOutput<F, M>>> };
} & { events: { on(name: EventName, listener: (payload: unknown) => void): () => void } };

/** Events main pushes to every window (and to the browser host's stream). */
export const events = {
  'connector.status': ConnectorStatusSchema,
  'sync.progress': SyncProgressSchema,
  'activities.added': z.strictObject({ count: z.number().int() }),
  'alerts.new': z.strictObject({ ids: z.array(z.string()) }),
  'governance.result': GovernanceEntrySchema,
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

/** Every operation as "feature.method", the channel name on every transport. */
export const operationNames: string[] = Object.entries(contract).flatMap(([feature, ops]) =>
  Object.keys(ops).map((m) => `${feature}.${m}`),
);
export const eventNames = Object.keys(events) as EventName[];
export const IPC_INVOKE_PREFIX = 'guard:';
export const IPC_EVENT_CHANNEL = 'guard:event';
