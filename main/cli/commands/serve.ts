import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHost } from '../../host/server';
import { openConsole } from '../../console/open-console';
import { appRoot } from '../../runtime/package-info';
import { CHROMIUM_QUIET_FLAGS, findChromium } from '../../runtime/local-tools';
import { installStrayErrorHandlers } from '../../runtime/stray-errors';
import { CliError, type Command } from '../command';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Start the browser console on 127.0.0.1 (random port, per-launch secret) and print its URL.',
  usage: 'serve [--port N] [--open] [--demo]',
  longRunning: true,
  options: {
    port: { type: 'string' },
    open: { type: 'boolean' },
    demo: { type: 'boolean' },
  },
  async run(ctx) {
    const port = ctx.values.port === undefined ? 0 : Number(ctx.values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new CliError('--port must be a number from 0 to 65535', 2);
    const rendererDir = path.join(appRoot(), 'out', 'renderer');
    if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
      throw new CliError('The console is not built yet: run `npm run build` (npm start does it for you).');
    }
    // From here on this process serves: a stray failure is logged and the console stays up.
    installStrayErrorHandlers({
      mode: 'keep-serving',
      name: 'workplace-guard serve',
      write: (line) => process.stderr.write(`${line}\n`),
    });
    const running = await openConsole({ shell: 'browser', dataDir: ctx.dataDir, schedule: true });
    const host = await startHost({
      api: running.api,
      events: running.events,
      rendererDir,
      port,
      report: (op, err, cause) =>
        process.stderr.write(`[${op}] ${err.message}${cause instanceof Error ? `: ${cause.stack}` : ''}\n`),
    });
    if (ctx.values.demo && running.connector.status().state === 'not_connected') {
      await running.api.connector.connectDemo(undefined);
    }
    if (ctx.json)
      ctx.out(
        JSON.stringify({ url: host.url, origin: host.origin, port: host.port, dataDir: ctx.dataDir, pid: process.pid }),
      );
    else {
      ctx.out(`Workplace Guard console: ${host.url}`);
      ctx.out(`Data directory: ${ctx.dataDir}`);
      ctx.out('Press Ctrl-C to stop.');
    }
    let browser: ReturnType<typeof spawn> | null = null;
    if (ctx.values.open) {
      const chromium = findChromium();
      if (chromium.found) {
        const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'workplace-guard-chromium-'));
        // The launch URL's one-time token, never the secret: argv is readable by every local user.
        const args = [`--app=${host.launchUrl()}`, `--user-data-dir=${profile}`, ...CHROMIUM_QUIET_FLAGS];
        browser = spawn(chromium.path!, args, {
          stdio: 'ignore',
          detached: false,
        });
        browser.on('error', () => ctx.out('Could not launch Chromium; open the URL above in a browser.'));
      } else ctx.out(`Open the URL above in a browser (${chromium.reason}).`);
    }
    await ctx.untilStopped();
    browser?.kill();
    await host.close();
    await running.close();
    return 0;
  },
};
