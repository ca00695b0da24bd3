// Validates electron-builder.yml against electron-builder's own schema without building.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../support/cli';

const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const load = () =>
  yaml.load(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

describe('electron-builder.yml', () => {
  it('passes electron-builder schema validation', async () => {
    await expect(validateConfiguration(load(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('a broken config is rejected (the check can fail)', async () => {
    await expect(
      validateConfiguration({ ...load(), linux: { target: 42, nonsense: true } }, new DebugLogger(false)),
    ).rejects.toThrow();
  });

  it('has the targets, deb dependency, fuses and geolocation resources the release needs', () => {
    const c = load() as {
      appId: string;
      productName: string;
      icon: string;
      linux: { target: string[]; maintainer: string };
      deb: { depends: string[] };
      win: { target: string[] };
      mac: { target: string[] };
      electronFuses: Record<string, boolean>;
      extraResources: unknown;
    };
    expect(c.appId).toBeTruthy();
    expect(c.productName).toBe('Workplace Guard');
    expect(c.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(c.linux.maintainer).toBeTruthy();
    expect(c.deb.depends).toContain('libsecret-1-0');
    expect(c.win.target).toContain('nsis');
    expect(c.mac.target).toContain('dmg');
    expect(c.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // Pages on file:// would otherwise get fetch over file://, service workers, universal frame access.
      grantFileProtocolExtraPrivileges: false,
    });
    expect(JSON.stringify(c.extraResources)).toContain('dbip-city-mmdb');
    expect(fs.existsSync(path.join(ROOT, c.icon))).toBe(true);
  });
});
