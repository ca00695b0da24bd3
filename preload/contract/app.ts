// The app itself: what it is and runs on, its screens, and the one way out to the web.
import { z } from 'zod';
import { noInput, ok, urlInput } from './shared';

/** Every screen the renderer can show; main names one when a menu item navigates. */
export const ScreenIdSchema = z.enum([
  'dashboard',
  'activity',
  'alerts',
  'users',
  'governance',
  'policies',
  'ip-ranges',
  'posture',
  'connector',
  'settings',
  'about',
]);
export type ScreenId = z.infer<typeof ScreenIdSchema>;

export const AppInfoSchema = z.strictObject({
  name: z.string(),
  version: z.string(),
  shell: z.enum(['electron', 'browser', 'node']),
  versions: z.record(z.string(), z.string()),
  dataDir: z.string(),
  keyring: z.strictObject({
    secure: z.boolean(),
    backend: z.string(),
    warning: z.string().nullable(),
    /** Where a secret typed on the connect form is kept and what protects it (the backend's own words). */
    sentence: z.string(),
  }),
  attributions: z.array(z.strictObject({ name: z.string(), licence: z.string(), text: z.string(), url: z.string() })),
});

export const appOperations = {
  info: { input: noInput, output: AppInfoSchema },
  /** Opens a vetted https link in the system browser; anything else is refused. */
  openExternal: { input: z.strictObject({ url: urlInput }), output: ok },
} as const;
