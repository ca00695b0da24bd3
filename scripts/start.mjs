#!/usr/bin/env node
// `npm start`: builds, then opens the desktop app. Where the Electron binary is missing
// (offline installs) it says so in one line and opens the browser console instead.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

if (!process.env.SKIP_BUILD) {
  const build = spawnSync(npx, ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// Ask the CLI's doctor rather than probing here: one place knows where the binary lives
// (path.txt, ELECTRON_OVERRIDE_DIST_PATH) without triggering electron's lazy download.
function electronBinary() {
  const doctor = spawnSync(process.execPath, [path.join(root, 'bin', 'workplace-guard.mjs'), 'doctor', '--json'], {
    cwd: root,
    encoding: 'utf8',
  });
  try {
    return JSON.parse(doctor.stdout).electron.binary ?? null;
  } catch {
    return null;
  }
}

const electron = electronBinary();
const child = electron
  ? spawn(electron, ['.'], { cwd: root, stdio: 'inherit' })
  : (console.log(
      'Electron binary not found (get it with `npx install-electron` on a machine with internet) — opening the ' +
        'browser console instead.',
    ),
    spawn(
      process.execPath,
      [
        path.join(root, 'bin', 'workplace-guard.mjs'),
        'serve',
        ...(process.env.DISPLAY || process.platform !== 'linux' ? ['--open'] : []),
      ],
      {
        cwd: root,
        stdio: 'inherit',
      },
    ));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
