// `serve --open` starts a browser with a one-time launch token in its URL, never the secret:
// a command line is readable by every local user. The browser is replaced by a script that
// records its command line (there is no display to open a window on here); the token it got is
// then redeemed over HTTP like the page's bridge does: once, and never again.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliJson, stopChild, tempDir } from '../../../support/cli';

let child: ChildProcess;
let origin: string;
let secret: string;
let argv: string[];

/** Resolves with the file's content once it exists (the recorder writes it atomically). */
function whenWritten(file: string): Promise<string> {
  return new Promise((resolve) => {
    const watcher = fs.watch(path.dirname(file), () => {
      if (fs.existsSync(file)) {
        watcher.close();
        resolve(fs.readFileSync(file, 'utf8'));
      }
    });
    if (fs.existsSync(file)) {
      watcher.close();
      resolve(fs.readFileSync(file, 'utf8'));
    }
  });
}

beforeAll(async () => {
  const dir = tempDir('wg-open-');
  const argvFile = path.join(dir, 'argv.txt');
  const recorder = path.join(dir, 'browser.sh');
  fs.writeFileSync(
    recorder,
    `#!/bin/sh\nprintf '%s\\n' "$@" > "${argvFile}.tmp" && mv "${argvFile}.tmp" "${argvFile}"\n`,
  );
  fs.chmodSync(recorder, 0o755);
  const started = await startCliJson<{ url: string; origin: string }>(
    ['--data-dir', tempDir(), '--json', 'serve', '--open'],
    { CHROMIUM_PATH: recorder },
  );
  child = started.child;
  origin = started.first.origin;
  secret = new URL(started.first.url).hash.replace('#secret=', '');
  argv = (await whenWritten(argvFile)).trim().split('\n');
});
afterAll(async () => {
  if (child) await stopChild(child);
});

const redeem = (token: string) =>
  fetch(`${origin}/api/launch`, { method: 'POST', headers: { 'x-guard-launch': token } });

describe('serve --open', () => {
  it('puts a launch token, not the secret, on the browser command line', () => {
    expect(secret.length).toBeGreaterThan(16);
    expect(argv.join(' ')).not.toContain(secret);
    const app = argv.find((a) => a.startsWith('--app='));
    expect(app).toMatch(new RegExp(`^--app=${origin.replace(/\./g, '\\.')}/#launch=[A-Za-z0-9_-]{32}$`));
  });

  it('the token is traded for the secret once; a second use is refused', async () => {
    const token = new URL(argv.find((a) => a.startsWith('--app='))!.slice('--app='.length)).hash.replace(
      '#launch=',
      '',
    );
    const first = await redeem(token);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true, value: { secret } });
    const second = await redeem(token);
    expect(second.status).toBe(401);
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe('forbidden');
  });

  it('a launch exchange from another site is refused even with a token', async () => {
    const res = await fetch(`${origin}/api/launch`, {
      method: 'POST',
      headers: { 'x-guard-launch': 'a'.repeat(32), origin: 'http://evil.example' },
    });
    expect(res.status).toBe(403);
  });
});
