// The one contract between the renderer and the main process, assembled from one file per
// feature. Every renderer-visible operation is one entry here, with a zod schema for its input
// and its output; every event main pushes has a zod schema for its payload. Electron IPC
// (main/electron/ipc.ts), the HTTP host (main/host/) and the tests all go through `dispatch` in
// main/console/dispatch.ts, which validates against these schemas.
// This folder must stay free of Node and DOM APIs: main, preload and renderer all import it.
// A new feature adds its file here and one line to `contract` below.
import type { z } from 'zod';
import { activitiesOperations } from './activities';
import { alertsOperations } from './alerts';
import { appOperations } from './app';
import { connectorOperations } from './connector';
import { dashboardOperations } from './dashboard';
import type { EventName } from './events';
import { governanceOperations } from './governance';
import { intelOperations } from './intel';
import { ipRangesOperations } from './ip-ranges';
import { policiesOperations } from './policies';
import { postureOperations } from './posture';
import { settingsOperations } from './settings';
import type { Envelope } from './shared';
import { usersOperations } from './users';

export * from './activities';
export * from './alerts';
export * from './app';
export * from './connector';
export * from './dashboard';
export * from './events';
export * from './governance';
export * from './intel';
export * from './ip-ranges';
export * from './policies';
export * from './posture';
export * from './settings';
export * from './users';
export { ErrorCodeSchema, GuardErrorSchema, OtherOrganisationRefusalSchema, SeveritySchema } from './shared';
export type { Envelope, ErrorCode, GuardErrorShape, OtherOrganisationRefusal } from './shared';

export const contract = {
  app: appOperations,
  connector: connectorOperations,
  activities: activitiesOperations,
  users: usersOperations,
  alerts: alertsOperations,
  governance: governanceOperations,
  policies: policiesOperations,
  ipRanges: ipRangesOperations,
  posture: postureOperations,
  dashboard: dashboardOperations,
  intel: intelOperations,
  settings: settingsOperations,
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

/** Every operation as "feature.method", the channel name on every transport. */
export const operationNames: string[] = Object.entries(contract).flatMap(([feature, ops]) =>
  Object.keys(ops).map((m) => `${feature}.${m}`),
);
export const IPC_INVOKE_PREFIX = 'guard:';
export const IPC_EVENT_CHANNEL = 'guard:event';
