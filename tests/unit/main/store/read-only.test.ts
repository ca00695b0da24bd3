// A data directory that cannot be written opens read-only for review, says so in one sentence,
// writes nothing at all, and fails every write with a clear GuardError.
//
// Tests run as root here, and root writes through chmod: a directory made read-only by mode bits
// does not stop it. So the real detection is shown by opening the store in a child process run as
// the unprivileged user `nobody` (uid 65534) on a directory root owns — the same EACCES a user
// meets on someone else's folder; run as a non-root user, the test chmods the directory instead.
// A read-only file system (EROFS) is not staged (mounting needs privileges the suite lacks); it
// takes the same path, through the same check.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../main/store/index';
import { GuardError } from '../../../../main/runtime/errors';
import { HOUR, T0, act, tempDir, user } from './fixtures';

const root = path.resolve(__dirname, '../../../..');

async function seeded(): Promise<string> {
  const dir = tempDir();
  const store = await openStore(dir);
  await store.activities.append([act({ id: 'a', at: T0 + 1 }), act({ id: 'b', at: T0 + 2 * HOUR })]);
  await store.users.upsertMany([user({ id: 'u1', name: 'Ann', email: 'ann@example.com' })]);
  await store.meta.set('checkpoint', { page: 3 });
  await store.close();
  return dir;
}

/** Every path under `dir` with its bytes and mtime: "nothing was written" made checkable. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (p: string) => {
    const st = fs.statSync(p);
    out.set(
      path.relative(dir, p),
      st.isDirectory() ? `dir ${st.mtimeMs}` : `${st.mtimeMs} ${fs.readFileSync(p, 'hex')}`,
    );
    if (st.isDirectory()) for (const name of fs.readdirSync(p)) walk(path.join(p, name));
  };
  walk(dir);
  return out;
}

describe('read-only data directory', () => {
  it('opened read-only: reads work, the sentence is given, every write fails clearly, nothing is written', async () => {
    const dir = await seeded();
    // A stale sidecar, so open has something it would normally rewrite.
    fs.rmSync(path.join(dir, 'store', 'activities', '2024-05-01', '00.idx'));
    const before = snapshot(dir);
    const store = await openStore(dir, { readOnly: true });
    expect(store.readOnly).toBe(
      `The data directory ${dir} is open read-only for review (as asked); nothing can be synced or changed.`,
    );
    const page = await store.activities.query({}, null, 10);
    expect(page.items.map((a) => a.id)).toEqual(['b', 'a']);
    expect(await store.activities.get('a')).toMatchObject({ id: 'a', at: T0 + 1 });
    expect(store.users.findByEmail('ann@example.com')?.id).toBe('u1');
    expect(store.meta.get('checkpoint')).toEqual({ page: 3 });
    const writes: [string, () => Promise<unknown>][] = [
      ['append', () => store.activities.append([act({ id: 'c', at: T0 })])],
      ['users', () => store.users.upsertMany([user({ id: 'u2', name: 'Bob' })])],
      ['meta', () => store.meta.set('checkpoint', { page: 4 })],
      ['meta delete', () => store.meta.delete('checkpoint')],
    ];
    for (const [what, write] of writes) {
      const err = await write().catch((e: unknown) => e);
      expect(err, what).toBeInstanceOf(GuardError);
      expect((err as GuardError).code).toBe('forbidden');
      expect((err as GuardError).message).toContain(store.readOnly!);
    }
    await store.close();
    expect(snapshot(dir)).toEqual(before); // no lock, no rebuilt sidecar, no meta flush
    // A writer may still open it meanwhile (a viewer takes no lock), and sees everything intact.
    const writer = await openStore(dir);
    expect(writer.readOnly).toBeNull();
    expect(writer.activities.count()).toBe(2);
    await writer.close();
  });

  it('a directory this user cannot write is detected and opened read-only on its own', async () => {
    const dir = await seeded();
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      // Readable by everyone, writable by root only (the store made it 0700/0600).
      for (const p of [dir, ...fs.readdirSync(dir, { recursive: true }).map((r) => path.join(dir, String(r)))])
        fs.chmodSync(p, fs.statSync(p).isDirectory() ? 0o755 : 0o644);
    } else fs.chmodSync(dir, 0o555);
    const before = snapshot(dir);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'helpers/open-read-only.ts'), dir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      // tsx keeps its cache under the temp dir per user; HOME must exist for nobody too.
      env: { ...process.env, HOME: '/tmp' },
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise((r) => child.on('close', r));
    if (!asRoot) fs.chmodSync(dir, 0o700);
    expect(code, err).toBe(0);
    const result = JSON.parse(out) as { readOnly: string; ids: string[]; users: number; error: unknown };
    expect(result.readOnly).toBe(
      `The data directory ${dir} is open read-only for review (this user may not write to it); ` +
        'nothing can be synced or changed.',
    );
    expect(result.ids).toEqual(['b', 'a']);
    expect(result.users).toBe(1);
    expect(result.error).toEqual({
      code: 'forbidden',
      message: `${result.readOnly} Make it writable, or use another --data-dir, to sync again.`,
    });
    expect(snapshot(dir)).toEqual(before);
  });
});
