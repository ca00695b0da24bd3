// Issue 8 req 9: the connect form's sentence about where a secret is kept is the secret store's
// own, and true of it. Under Node (CLI, browser host) that is FileSecretStore: AES-256-GCM with a
// random key in a 0600 file — never a keyring, so the sentence must not claim one.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../main/console/dispatch';
import { openConsole, type RunningConsole } from '../../../../main/console/open-console';
import { FileSecretStore, MemorySecretStore } from '../../../../main/runtime/secrets';
import { tempDir } from '../../../support/cli';

let running: RunningConsole | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

describe('FileSecretStore says what it does', () => {
  it('names the encrypted file and the key file it really writes, and no keyring', async () => {
    const dir = tempDir('wg-secret-sentence-');
    const store = new FileSecretStore(dir);
    await store.set('workplace.accessToken', 'EAAG-sentence-token-value');
    const { sentence, secure } = store.status();
    expect(secure).toBe(false);
    // The files it names are the ones in the data directory, and nothing else is written there.
    expect(sentence).toMatch(/ in secrets\.enc\.json in your data directory, with its key beside it in secrets\.key,/);
    expect(fs.readdirSync(dir).sort()).toEqual(['secrets.enc.json', 'secrets.key']);
    expect(sentence).toMatch(/AES-256-GCM/);
    expect(sentence).toMatch(/no OS keyring protects it/);

    // What the sentence says is what is on disk: a 32-byte key only this user can read, and a
    // file that opens with it (AES-256-GCM, the entry name as associated data).
    const key = fs.readFileSync(path.join(dir, 'secrets.key'));
    expect(key).toHaveLength(32);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, 'secrets.key')).mode & 0o777).toBe(0o600);
    const sealed = JSON.parse(fs.readFileSync(path.join(dir, 'secrets.enc.json'), 'utf8'));
    const entry = sealed.entries['workplace.accessToken'];
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(entry.iv, 'base64'));
    decipher.setAAD(Buffer.from('workplace.accessToken'));
    decipher.setAuthTag(Buffer.from(entry.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(entry.data, 'base64')), decipher.final()]);
    expect(plain.toString('utf8')).toBe('EAAG-sentence-token-value');
    expect(fs.readFileSync(path.join(dir, 'secrets.enc.json'), 'utf8')).not.toContain('sentence-token');
  });

  it('a damaged key file is moved aside, not overwritten; two stores on one folder share the key', async () => {
    const dir = tempDir('wg-secret-key-');
    const first = new FileSecretStore(dir);
    await first.set('a', 'value-one-1234');
    const second = new FileSecretStore(dir);
    expect(await second.get('a')).toBe('value-one-1234');
    fs.writeFileSync(path.join(dir, 'secrets.key'), 'short');
    expect(await second.get('a')).toBeNull();
    const aside = fs.readdirSync(dir).filter((f) => /^secrets\.key\.\d+\.corrupt$/.test(f));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, aside[0]), 'utf8')).toBe('short');
    await second.set('b', 'value-two-5678');
    expect(await new FileSecretStore(dir).get('b')).toBe('value-two-5678');
  });

  it('a damaged secrets file is moved aside before anything new is written', async () => {
    const dir = tempDir('wg-secret-file-');
    const store = new FileSecretStore(dir);
    fs.writeFileSync(path.join(dir, 'secrets.enc.json'), '{"version":1,"entries":');
    await store.set('a', 'value-after-damage');
    expect(await store.get('a')).toBe('value-after-damage');
    const aside = fs.readdirSync(dir).filter((f) => /^secrets\.enc\.json\.\d+\.corrupt$/.test(f));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, aside[0]), 'utf8')).toBe('{"version":1,"entries":');
  });

  it('the memory store says it keeps nothing on disk', () => {
    expect(new MemorySecretStore().status().sentence).toMatch(/never written to disk/);
  });
});

describe('the sentence reaches the connect form through app.info', () => {
  it('app.info answers with the console’s own secret store sentence (contract-checked)', async () => {
    const dataDir = tempDir('wg-secret-info-');
    running = await openConsole({ shell: 'browser', dataDir });
    const answer = await dispatch(running.api, 'app.info', undefined);
    expect(answer.ok).toBe(true);
    const info = (answer as { ok: true; value: { keyring: { sentence: string; secure: boolean } } }).value;
    expect(info.keyring.sentence).toBe(new FileSecretStore(dataDir).status().sentence);
    expect(info.keyring.sentence).not.toMatch(/system keyring/i);
    expect(info.keyring.secure).toBe(false);
  });
});
