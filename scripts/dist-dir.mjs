#!/usr/bin/env node
// `npm run dist:dir`: an unpacked build. Offline, point ELECTRON_DIST at an unpacked Electron 45
// (electronDist) so electron-builder does not try to download one. TEST_BUILD=1 keeps the
// inspect fuse on so Playwright's _electron can drive the packaged app.
import { spawnSync } from 'node:child_process';

const args = ['electron-builder', '--config', 'electron-builder.yml', '--dir'];
if (process.env.ELECTRON_DIST) args.push(`-c.electronDist=${process.env.ELECTRON_DIST}`);
if (process.env.TEST_BUILD) args.push('-c.electronFuses.enableNodeCliInspectArguments=true');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const result = spawnSync(npx, args, { stdio: 'inherit' });
process.exit(result.status ?? 1);
