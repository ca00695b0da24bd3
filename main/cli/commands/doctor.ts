import fs from 'node:fs';
import path from 'node:path';
import { appRoot, packageInfo } from '../../runtime/package-info';
import { findChromium, findElectronBinary } from '../../runtime/local-tools';
import { FileSecretStore } from '../../runtime/secrets';
import type { Command } from '../command';

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'Check this machine: versions, data directory, the Electron binary, a keyring and Chromium.',
  usage: 'doctor',
  options: {},
  async run(ctx) {
    const root = appRoot();
    const electronPkg = path.join(root, 'node_modules', 'electron', 'package.json');
    const electronVersion = fs.existsSync(electronPkg)
      ? JSON.parse(fs.readFileSync(electronPkg, 'utf8')).version
      : null;
    const electron = findElectronBinary(root);
    const chromium = findChromium();
    const renderer = fs.existsSync(path.join(root, 'out', 'renderer', 'index.html'));
    const keyring = new FileSecretStore(ctx.dataDir).status();
    const report = {
      version: packageInfo().version,
      node: process.versions.node,
      platform: `${process.platform}-${process.arch}`,
      dataDir: ctx.dataDir,
      electron: { package: electronVersion, binary: electron.found ? electron.path : null, note: electron.reason },
      keyring: {
        cli: keyring.backend,
        desktop: 'Electron safeStorage (OS keyring); warns in the app when only basic_text is available',
        warning: keyring.warning,
      },
      chromium: { path: chromium.path, note: chromium.reason },
      rendererBuilt: renderer,
    };
    if (ctx.json) {
      ctx.out(JSON.stringify(report, null, 2));
      return 0;
    }
    const mark = (ok: boolean) => (ok ? 'ok  ' : 'warn');
    ctx.out(`Workplace Guard ${report.version} on Node ${report.node} (${report.platform})`);
    ctx.out(`[ok  ] data directory: ${report.dataDir}`);
    ctx.out(
      `[${mark(electron.found)}] Electron ${electronVersion ?? '(not installed)'}: ` +
        (electron.found ? electron.path : electron.reason),
    );
    ctx.out(`[warn] keyring (CLI): ${keyring.backend} — ${keyring.warning}`);
    ctx.out(`[${mark(chromium.found)}] Chromium: ${chromium.found ? chromium.path : chromium.reason}`);
    ctx.out(`[${mark(renderer)}] renderer: ${renderer ? 'built (out/renderer)' : 'not built — run npm run build'}`);
    return 0;
  },
};
