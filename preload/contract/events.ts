// Events main pushes to every window (and to the browser host's stream), each with the schema
// its payload must satisfy. main/runtime/events.ts validates every payload where it is emitted,
// so the renderer receives exactly these shapes and never has to cast.
import { z } from 'zod';
import { ScreenIdSchema } from './app';
import { ConnectorStatusSchema, SyncProgressSchema } from './connector';
import { GovernanceEntrySchema } from './governance';

export const events = {
  'connector.status': ConnectorStatusSchema,
  'sync.progress': SyncProgressSchema,
  'activities.added': z.strictObject({ count: z.number().int().min(0) }),
  'alerts.new': z.strictObject({ ids: z.array(z.string()) }),
  'governance.result': GovernanceEntrySchema,
  /** The app menu (or anything else in main) asks the window to show a screen. */
  'app.navigate': z.strictObject({ screen: ScreenIdSchema }),
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
export const eventNames = Object.keys(events) as EventName[];
