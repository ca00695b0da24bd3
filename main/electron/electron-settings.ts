// Settings in the desktop app, through electron-store (which imports electron at load, so it
// lives here and never under plain Node).
import Store from 'electron-store';
import type { Settings } from '../../preload/contract';
import { SettingsSchema } from '../../preload/contract';
import { sanitiseSettings, type SettingsStore } from '../runtime/settings';

export class ElectronSettingsStore implements SettingsStore {
  private readonly store: Store<{ settings: Settings }>;
  constructor(cwd: string) {
    this.store = new Store<{ settings: Settings }>({ name: 'settings', cwd, clearInvalidConfig: true });
  }
  get(): Settings {
    return sanitiseSettings(this.store.get('settings'));
  }
  update(patch: Partial<Settings>): Settings {
    const next = SettingsSchema.parse({ ...this.get(), ...patch });
    this.store.set('settings', next);
    return next;
  }
}
