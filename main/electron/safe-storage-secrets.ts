// Secrets in the desktop app: encrypted with Electron's safeStorage (the OS keyring) and kept
// as ciphertext in the data directory. On Linux without a keyring Chromium falls back to
// `basic_text` (a hard-coded key): we still use it, but report it so the UI shows a warning.
import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import type { KeyringStatus, SecretStore } from '../runtime/secrets';
import { safeStorageStatus } from './safe-storage-status';

type Sealed = Record<string, string>;

export class SafeStorageSecretStore implements SecretStore {
  private readonly file: string;
  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'secrets.safe.json');
  }
  status(): KeyringStatus {
    return safeStorageStatus(
      safeStorage.isEncryptionAvailable(),
      process.platform,
      process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null,
      this.file,
    );
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
