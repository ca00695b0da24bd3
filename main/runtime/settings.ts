// Settings live behind this interface: electron-store implements it in the desktop app
// (main/electron/electron-settings.ts), a JSON file in the data directory serves the CLI,
// the browser host and the tests. Both validate with the contract's schema.
import fs from 'node:fs';
import path from 'node:path';
import { SettingsSchema, type Settings } from '../../preload/contract';

export const DEFAULT_SETTINGS: Settings = {
  syncIntervalMinutes: 15,
  backfillDays: 30,
  consentMode: 'window',
  notifications: true,
  savedActivityQueries: [],
};

export interface SettingsStore {
  get(): Settings;
  update(patch: Partial<Settings>): Settings;
}

/** Merges what is stored over the defaults, dropping anything that no longer validates. */
export function sanitiseSettings(stored: unknown): Settings {
  const merged = { ...DEFAULT_SETTINGS };
  if (stored && typeof stored === 'object') {
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      const value = (stored as Record<string, unknown>)[key];
      const candidate = { ...merged, [key]: value };
      if (value !== undefined && SettingsSchema.safeParse(candidate).success) Object.assign(merged, { [key]: value });
    }
  }
  return merged;
}

export class FileSettingsStore implements SettingsStore {
  private readonly file: string;
  private current: Settings;
  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'settings.json');
    let stored: unknown = null;
    try {
      stored = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch {
      // Missing or unreadable: defaults. A broken settings file must never stop the console.
    }
    this.current = sanitiseSettings(stored);
  }
  get(): Settings {
    return { ...this.current };
  }
  update(patch: Partial<Settings>): Settings {
    const next = SettingsSchema.parse({ ...this.current, ...patch });
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(next, null, 2), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
    this.current = next;
    return { ...next };
  }
}
