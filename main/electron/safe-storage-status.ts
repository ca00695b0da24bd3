// What Electron's safeStorage really protects secrets with on this machine, in the words the
// connect form and About show. Pure (no 'electron' import) so each platform and Linux backend
// is tested here, where Electron cannot run; safe-storage-secrets.ts passes the live answers in.
import path from 'node:path';
import type { KeyringStatus } from '../runtime/secrets';

/** Chromium's Linux backends (safeStorage.getSelectedStorageBackend()) by what the admin knows them as. */
const LINUX_KEYRINGS: Record<string, string> = {
  gnome_libsecret: 'GNOME Keyring (Secret Service)',
  kwallet: 'KWallet',
  kwallet5: 'KWallet 5',
  kwallet6: 'KWallet 6',
};

export function safeStorageStatus(
  encryptionAvailable: boolean,
  platform: NodeJS.Platform,
  linuxBackend: string | null,
  file: string,
): KeyringStatus {
  const where = `Stored encrypted in ${path.basename(file)} in your data directory`;
  if (!encryptionAvailable) {
    return {
      secure: false,
      backend: 'unavailable',
      warning: 'Encryption is not available on this system: secrets cannot be stored safely.',
      sentence: 'This system offers no encryption for secrets here, so they cannot be stored safely.',
    };
  }
  if (platform === 'darwin') {
    return {
      secure: true,
      backend: 'keychain',
      warning: null,
      sentence: `${where}, under a key kept in your macOS Keychain.`,
    };
  }
  if (platform === 'win32') {
    return {
      secure: true,
      backend: 'dpapi',
      warning: null,
      sentence: `${where} with Windows DPAPI, tied to your Windows sign-in.`,
    };
  }
  const backend = linuxBackend ?? 'unknown';
  const keyring = LINUX_KEYRINGS[backend];
  if (!keyring) {
    return {
      secure: false,
      backend,
      warning:
        `No OS keyring was found (backend: ${backend}): your tokens are encrypted with a fixed key. ` +
        'Install and unlock gnome-keyring or KWallet, then reconnect.',
      sentence:
        `Stored in ${path.basename(file)} in your data directory, encrypted only with a key built into the app — ` +
        'no keyring protects it ' +
        '(install and unlock GNOME Keyring or KWallet, then reconnect).',
    };
  }
  return {
    secure: true,
    backend,
    warning: null,
    sentence: `${where}, under a key kept in your ${keyring}.`,
  };
}
