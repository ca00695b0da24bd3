// Secrets in the desktop app: encrypted with Electron's safeStorage (the OS keyring) and kept
// as ciphertext in the data directory. On Linux without a keyring Chromium falls back to
// `basic_text` (a hard-coded key): we still use it, but report it so the UI shows a warning.
import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import type { KeyringStatus, SecretStore } from '../runtime/secrets';

type Sealed = Record<string, string>;

export class SafeStorageSecretStore implements SecretStore {
  private readonly file: string;
  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'secrets.safe.json');
  }
  status(): KeyringStatus {
    if (!safeStorage.isEncryptionAvailable()) {
      return {
        secure: false,
        backend: 'unavailable',
        warning: 'Encryption is not available on this system: secrets cannot be stored safely.',
      };
    }
    if (process.platform === 'linux') {
      const backend = safeStorage.getSelectedStorageBackend();
      if (backend === 'basic_text' || backend === 'unknown') {
        return {
          secure: false,
          backend,
          warning:
            'No OS keyring was found (backend: basic_text): your tokens are encrypted with a fixed key. ' +
            'Install and unlock gnome-keyring or KWallet, then reconnect.',
        };
      }
      return { secure: true, backend, warning: null };
    }
    return { secure: true, backend: process.platform === 'darwin' ? 'keychain' : 'dpapi', warning: null };
  }
  private read(): Sealed {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8'));
      return parsed && typeof parsed === 'object' ? parsed : {};
    } catch {
      return {};
    }
  }
  private write(sealed: Sealed): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(sealed), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }
  async get(name: string): Promise<string | null> {
    const sealed = this.read();
    if (!Object.hasOwn(sealed, name)) return null;
    try {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(sealed[name], 'base64'));
      // The keyring rotated its key: store the secret again under the new one.
      if (shouldReEncrypt) await this.set(name, result);
      return result;
    } catch {
      return null;
    }
  }
  async set(name: string, value: string): Promise<void> {
    const sealed = this.read();
    sealed[name] = (await safeStorage.encryptStringAsync(value)).toString('base64');
    this.write(sealed);
  }
  async delete(name: string): Promise<void> {
    const sealed = this.read();
    delete sealed[name];
    this.write(sealed);
  }
}
