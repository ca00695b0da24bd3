// Issue 8 req 9: in the desktop app the sentence follows what safeStorage really uses on this
// machine — Keychain, DPAPI, a Linux keyring, or Chromium's basic_text fallback (a fixed key).
import { describe, expect, it } from 'vitest';
import { safeStorageStatus } from '../../../../main/electron/safe-storage-status';

const FILE = '/home/ada/.config/Workplace Guard/secrets.safe.json';

describe('safeStorageStatus', () => {
  it('names the keyring that holds the key on each platform', () => {
    expect(safeStorageStatus(true, 'darwin', null, FILE)).toMatchObject({ secure: true, backend: 'keychain' });
    expect(safeStorageStatus(true, 'darwin', null, FILE).sentence).toMatch(/macOS Keychain/);
    expect(safeStorageStatus(true, 'win32', null, FILE).sentence).toMatch(/Windows DPAPI/);
    expect(safeStorageStatus(true, 'linux', 'gnome_libsecret', FILE).sentence).toMatch(/GNOME Keyring/);
    expect(safeStorageStatus(true, 'linux', 'kwallet6', FILE).sentence).toMatch(/KWallet 6/);
    for (const s of [safeStorageStatus(true, 'darwin', null, FILE), safeStorageStatus(true, 'linux', 'kwallet5', FILE)])
      expect(s.sentence).toContain('secrets.safe.json in your data directory');
  });

  it('basic_text (no keyring on Linux) is not called a keyring, and is flagged insecure', () => {
    for (const backend of ['basic_text', 'unknown', null]) {
      const s = safeStorageStatus(true, 'linux', backend, FILE);
      expect(s.secure).toBe(false);
      expect(s.sentence).toMatch(/key built into the app — no keyring protects it/);
      expect(s.warning).toMatch(/No OS keyring/);
    }
  });

  it('no encryption at all says secrets cannot be stored safely', () => {
    const s = safeStorageStatus(false, 'linux', 'gnome_libsecret', FILE);
    expect(s).toMatchObject({ secure: false, backend: 'unavailable' });
    expect(s.sentence).toMatch(/cannot be stored safely/);
  });
});
