// `npm start` without an Electron binary: one line saying so, then the browser console.
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../../../main/runtime/local-tools';
import { ROOT, stopChild, tempDir } from '../../../support/cli';

describe.skipIf(findElectronBinary(ROOT).found)('npm start without an Electron binary', () => {
  it('says so in one line and serves the browser console instead', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs')], {
      cwd: ROOT,
      // SKIP_BUILD: npm test has just built; DISPLAY unset: do not try to open a window here.
      env: { ...process.env, SKIP_BUILD: '1', DISPLAY: '', WORKPLACE_GUARD_DATA_DIR: tempDir() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const rl = readline.createInterface({ input: child.stdout! });
    const url = await new Promise<string>((resolve, reject) => {
      rl.on('line', (line) => {
        lines.push(line);
        const m = /console: (http:\/\/127\.0\.0\.1:\d+\/#secret=\S+)/.exec(line);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`start exited with ${code}: ${lines.join('\n')}`)));
    });
    expect(lines[0]).toMatch(/^Electron binary not found .*opening the browser console instead\.$/);
    const res = await fetch(new URL(url).origin + '/');
    expect(res.status).toBe(200);
    await stopChild(child);
  });
});
