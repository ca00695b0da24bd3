import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, FileSettingsStore } from '../../../../main/runtime/settings';
import { FileSecretStore } from '../../../../main/runtime/secrets';
import { tempDir } from '../../../support/cli';

describe('FileSettingsStore', () => {
  it('starts from defaults and persists updates atomically', () => {
    const dir = tempDir();
    const s = new FileSettingsStore(dir);
    expect(s.get()).toEqual(DEFAULT_SETTINGS);
    s.update({ syncIntervalMinutes: 5 });
    expect(new FileSettingsStore(dir).get().syncIntervalMinutes).toBe(5);
  });

  it('rejects invalid values and keeps the previous ones', () => {
    const s = new FileSettingsStore(tempDir());
    expect(() => s.update({ syncIntervalMinutes: -1 })).toThrow();
    expect(s.get().syncIntervalMinutes).toBe(DEFAULT_SETTINGS.syncIntervalMinutes);
  });

  it('survives a corrupt or hostile settings file: defaults for what does not validate', () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'settings.json'),
      '{"syncIntervalMinutes": "soon", "backfillDays": 7, "__proto__": {"polluted": true}',
    );
    expect(new FileSettingsStore(dir).get()).toEqual(DEFAULT_SETTINGS);
    fs.writeFileSync(
      path.join(dir, 'settings.json'),
      '{"syncIntervalMinutes": "soon", "backfillDays": 7, "__proto__": {"polluted": true}}',
    );
    const s = new FileSettingsStore(dir).get();
    expect(s.backfillDays).toBe(7);
    expect(s.syncIntervalMinutes).toBe(DEFAULT_SETTINGS.syncIntervalMinutes);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('FileSecretStore', () => {
  it('round-trips secrets and never writes them in plain text', async () => {
    const dir = tempDir();
    const s = new FileSecretStore(dir);
    await s.set('token', 'EAAG-very-secret-token-value');
    expect(await new FileSecretStore(dir).get('token')).toBe('EAAG-very-secret-token-value');
    for (const f of fs.readdirSync(dir))
      expect(fs.readFileSync(path.join(dir, f)).toString('latin1')).not.toContain('very-secret');
    await s.delete('token');
    expect(await s.get('token')).toBeNull();
  });

  it('a tampered file yields no secret (reconnect) instead of garbage', async () => {
    const dir = tempDir();
    const s = new FileSecretStore(dir);
    await s.set('token', 'abcdefgh');
    const file = path.join(dir, 'secrets.enc.json');
    const sealed = JSON.parse(fs.readFileSync(file, 'utf8'));
    sealed.entries.token.data = Buffer.from('xxxxxxxx').toString('base64');
    fs.writeFileSync(file, JSON.stringify(sealed));
    expect(await s.get('token')).toBeNull();
  });

  it('reports that it is not a real keyring', () => {
    const st = new FileSecretStore(tempDir()).status();
    expect(st.secure).toBe(false);
    expect(st.warning).toMatch(/keyring/i);
  });

  it('ignores prototype names', async () => {
    expect(await new FileSecretStore(tempDir()).get('__proto__')).toBeNull();
    expect(await new FileSecretStore(tempDir()).get('constructor')).toBeNull();
  });
});
