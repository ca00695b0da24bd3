// The per-user data directory, shared by the desktop app, the CLI and the browser host, so
// that `workplace-guard status` reads the store the app wrote. Electron's userData resolves to
// the same place because main/electron sets it from this function.
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Workplace Guard';
export const DATA_DIR_ENV = 'WORKPLACE_GUARD_DATA_DIR';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env[DATA_DIR_ENV]) return path.resolve(env[DATA_DIR_ENV]!);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), PRODUCT_NAME);
}
