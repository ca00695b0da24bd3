// Events main pushes to every window (and to the browser host's stream), each with the schema
// its payload must satisfy. main/runtime/events.ts validates every payload where it is emitted,
// so the renderer receives exactly these shapes and never has to cast.
import { z } from 'zod';
import { ScreenIdSchema } from './app';
import { ConnectorStatusSchema, SyncProgressSchema } from './connector';
import { GovernanceEntrySchema, GovernanceSettingsViewSchema } from './governance';

export const events = {
  'connector.status': ConnectorStatusSchema,
  'sync.progress': SyncProgressSchema,
  /**
   * Where the admin approves the connection, when this shell cannot open a browser window itself
   * (the browser host): the page offers it as a link while the connector is connecting.
   */
  'connector.consent': z.strictObject({ url: z.url({ protocol: /^https?$/ }).max(8192) }),
  'activities.added': z.strictObject({ count: z.number().int().min(0) }),
  'alerts.new': z.strictObject({ ids: z.array(z.string()) }),
  'governance.result': GovernanceEntrySchema,
  /** The governance settings changed outside the Governance screen (the own account asked at connect). */
  'governance.settings': GovernanceSettingsViewSchema,
  /** The app menu (or anything else in main) asks the window to show a screen. */
  'app.navigate': z.strictObject({
    screen: ScreenIdSchema,
    /** The screen's state, as in its URL (e.g. `{ alert: id }` opens that alert on the Alerts screen). */
    params: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/), z.string().max(1000)).optional(),
  }),
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
export const eventNames = Object.keys(events) as EventName[];
