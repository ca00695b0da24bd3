import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../../main/store/index';
import { GuardError } from '../../../../main/runtime/errors';
import { tempDir } from './fixtures';

const root = path.resolve(__dirname, '../../../..');
const children: ChildProcess[] = [];

function holdLock(dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'helpers/hold-lock.ts'), dir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().startsWith('ready')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((r) => child.once('exit', () => r()));
}

afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await exited(c);
  }
});

describe('store data-directory lock', () => {
  it('refuses a second writer while another process holds the store, naming its pid', async () => {
    const dir = tempDir();
    const child = await holdLock(dir);
    const err = await openStore(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GuardError);
    expect((err as GuardError).code).toBe('store_locked');
    expect((err as GuardError).message).toContain(String(child.pid));
  });

  it('takes over a lock left by a killed process', async () => {
    const dir = tempDir();
    const child = await holdLock(dir);
    child.kill('SIGKILL');
    await exited(child);
    expect(fs.existsSync(path.join(dir, 'guard.lock'))).toBe(true); // SIGKILL: no chance to clean up
    const store = await openStore(dir);
    expect(store.activities.count()).toBe(0);
    await store.close();
  });

  it('releases the lock on close, so the next open succeeds', async () => {
    const dir = tempDir();
    const a = await openStore(dir);
    await a.close();
    expect(fs.existsSync(path.join(dir, 'guard.lock'))).toBe(false);
    const b = await openStore(dir);
    await b.close();
  });
});
