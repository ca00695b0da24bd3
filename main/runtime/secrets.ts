// Secrets (tokens, app secrets) live behind this interface and only in the main process.
// The desktop app implements it with Electron's safeStorage (OS keyring) in
// main/electron/safe-storage-secrets.ts. Under plain Node (CLI, browser host, tests) there is
// no keyring API, so FileSecretStore encrypts with AES-256-GCM under a random key kept in a
// separate 0600 file — the same protection level as Electron's `basic_text` backend, and
// reported as such (keyringStatus().secure === false) so the admin sees the warning.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface KeyringStatus {
  secure: boolean;
  backend: string;
  warning: string | null;
}

export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
  status(): KeyringStatus;
}

const NO_KEYRING_WARNING =
  'No OS keyring is available: secrets are encrypted with a key stored beside them in the data directory. ' +
  'Anyone who can read your data directory can read your tokens. Install and unlock a keyring (e.g. gnome-keyring / ' +
  'KWallet) for real protection.';

interface SealedFile {
  version: 1;
  entries: Record<string, { iv: string; tag: string; data: string }>;
}

export class FileSecretStore implements SecretStore {
  private readonly file: string;
  private readonly keyFile: string;
  constructor(dir: string) {
    this.file = path.join(dir, 'secrets.enc.json');
    this.keyFile = path.join(dir, 'secrets.key');
  }
  status(): KeyringStatus {
    return { secure: false, backend: 'file (AES-256-GCM, local key)', warning: NO_KEYRING_WARNING };
  }
  private key(): Buffer {
    try {
      const key = fs.readFileSync(this.keyFile);
      if (key.length === 32) return key;
    } catch {
      /* created below */
    }
    fs.mkdirSync(path.dirname(this.keyFile), { recursive: true });
    const key = crypto.randomBytes(32);
    fs.writeFileSync(this.keyFile, key, { mode: 0o600 });
    return key;
  }
  private read(): SealedFile {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as SealedFile;
      if (parsed?.version === 1 && parsed.entries && typeof parsed.entries === 'object') return parsed;
    } catch {
      /* missing */
    }
    return { version: 1, entries: Object.create(null) };
  }
  private write(sealed: SealedFile): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(sealed), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }
  async get(name: string): Promise<string | null> {
    const entry = Object.hasOwn(this.read().entries, name) ? this.read().entries[name] : undefined;
    if (!entry) return null;
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', this.key(), Buffer.from(entry.iv, 'base64'));
      decipher.setAAD(Buffer.from(name));
      decipher.setAuthTag(Buffer.from(entry.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(entry.data, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      // Wrong key or tampered file: behave as "no secret" so the admin is asked to reconnect.
      return null;
    }
  }
  async set(name: string, value: string): Promise<void> {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key(), iv);
    cipher.setAAD(Buffer.from(name));
    const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    const sealed = this.read();
    sealed.entries[name] = {
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    this.write(sealed);
  }
  async delete(name: string): Promise<void> {
    const sealed = this.read();
    delete sealed.entries[name];
    this.write(sealed);
  }
}

/** In-memory store for processes that must not persist anything (e.g. a one-off demo). */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();
  status(): KeyringStatus {
    return { secure: true, backend: 'memory (not persisted)', warning: null };
  }
  async get(name: string) {
    return this.values.get(name) ?? null;
  }
  async set(name: string, value: string) {
    this.values.set(name, value);
  }
  async delete(name: string) {
    this.values.delete(name);
  }
}
