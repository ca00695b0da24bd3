// Secrets (tokens, app secrets) live behind this interface and only in the main process.
// The desktop app implements it with Electron's safeStorage (OS keyring) in
// main/electron/safe-storage-secrets.ts. Under plain Node (CLI, browser host, tests) there is
// no keyring API, so FileSecretStore encrypts with AES-256-GCM under a random key kept in a
// separate 0600 file — it keeps tokens out of plain text, backups of one file and casual reads,
// not from someone who can read the whole data directory as this user; it says exactly that
// (status().sentence, shown on the connect form) and reports secure === false.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface KeyringStatus {
  secure: boolean;
  backend: string;
  warning: string | null;
  /**
   * Where a secret entered on the connect form is kept and what protects it, in one sentence
   * the form shows as is — so the form can never claim a keyring the backend does not use.
   */
  sentence: string;
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

const KEY_BYTES = 32;

interface SealedFile {
  version: 1;
  entries: Record<string, { iv: string; tag: string; data: string }>;
}

export class FileSecretStore implements SecretStore {
  private readonly file: string;
  private readonly keyFile: string;
  constructor(private readonly dir: string) {
    this.file = path.join(dir, 'secrets.enc.json');
    this.keyFile = path.join(dir, 'secrets.key');
  }
  status(): KeyringStatus {
    return {
      secure: false,
      backend: 'file (AES-256-GCM, local key)',
      warning: NO_KEYRING_WARNING,
      // File names, not paths: the data directory is on the About screen, and a path would bury the point.
      sentence:
        `Stored encrypted (AES-256-GCM) in ${path.basename(this.file)} in your data directory, with its key ` +
        `beside it in ${path.basename(this.keyFile)}, readable only by your user account — ` +
        'no OS keyring protects it.',
    };
  }
  /**
   * The key, created once. Exclusive create, so two processes starting together agree on one
   * key instead of the second silently replacing the first's (which would orphan its secrets).
   * A damaged key file is moved aside, never overwritten in place.
   */
  private key(): Buffer {
    for (let attempt = 0; attempt < 3; attempt++) {
      let existing: Buffer | null = null;
      try {
        existing = fs.readFileSync(this.keyFile);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      if (existing && existing.length === KEY_BYTES) return existing;
      if (existing) fs.renameSync(this.keyFile, `${this.keyFile}.${Date.now()}.corrupt`);
      fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const key = crypto.randomBytes(KEY_BYTES);
      try {
        fs.writeFileSync(this.keyFile, key, { mode: 0o600, flag: 'wx' });
        return key;
      } catch (err) {
        // Another process created it a moment ago: read theirs on the next round.
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    throw new Error(`The secret key file ${this.keyFile} keeps changing; is another program rewriting it?`);
  }
  private read(): SealedFile {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return { version: 1, entries: Object.create(null) };
    }
    try {
      const parsed = JSON.parse(text) as SealedFile;
      if (parsed?.version === 1 && parsed.entries && typeof parsed.entries === 'object') return parsed;
    } catch {
      /* damaged: set aside below */
    }
    // Never write over what cannot be read: the next set() starts a new file beside it.
    fs.renameSync(this.file, `${this.file}.${Date.now()}.corrupt`);
    return { version: 1, entries: Object.create(null) };
  }
  private write(sealed: SealedFile): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(sealed), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }
  async get(name: string): Promise<string | null> {
    const entries = this.read().entries;
    const entry = Object.hasOwn(entries, name) ? entries[name] : undefined;
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
    return {
      secure: true,
      backend: 'memory (not persisted)',
      warning: null,
      sentence: 'Kept in memory for this session only; never written to disk.',
    };
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
