// Finds the local programs the console can use, without ever triggering a download:
// electron@45's package fetches its binary lazily when its path is first resolved, which
// fails (slowly) on an offline machine — so we read its path.txt and check the file ourselves.
import fs from 'node:fs';
import path from 'node:path';

export interface ToolProbe {
  found: boolean;
  path: string | null;
  reason: string | null;
}

export function findElectronBinary(root: string, env: NodeJS.ProcessEnv = process.env): ToolProbe {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.join(
      env.ELECTRON_OVERRIDE_DIST_PATH,
      process.platform === 'win32' ? 'electron.exe' : 'electron',
    );
    if (fs.existsSync(candidate)) return { found: true, path: candidate, reason: null };
  }
  if (!fs.existsSync(path.join(pkgDir, 'package.json'))) {
    return { found: false, path: null, reason: 'the electron package is not installed (run npm ci)' };
  }
  let rel: string | null = null;
  try {
    rel = fs.readFileSync(path.join(pkgDir, 'path.txt'), 'utf8').trim();
  } catch {
    /* not downloaded */
  }
  const binary = rel ? path.join(pkgDir, 'dist', rel) : null;
  if (binary && fs.existsSync(binary)) return { found: true, path: binary, reason: null };
  return {
    found: false,
    path: null,
    reason:
      'the Electron binary was not downloaded (offline install or ELECTRON_SKIP_BINARY_DOWNLOAD). ' +
      'Get it with `npx install-electron` on a machine with internet, or set ELECTRON_OVERRIDE_DIST_PATH to an ' +
      'unpacked Electron 45.',
  };
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): ToolProbe {
  const candidates = [
    env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => fs.existsSync(p));
  return found
    ? { found: true, path: found, reason: null }
    : {
        found: false,
        path: null,
        reason: 'no Chromium found (Debian/Ubuntu: sudo apt-get install chromium; or set CHROMIUM_PATH)',
      };
}

/** Flags for a headless or app-mode Chromium on a closed network (see platform.md). */
export const CHROMIUM_QUIET_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--no-default-browser-check',
];
