// Durable commits and private files. Power loss cannot be staged in a test, so the order of the
// system calls is checked instead — through spies that record and call the real fs — which is
// what durability rests on: each file's bytes fsynced before its rename, the folder fsynced after
// it, the dictionary before the sidecars that refer to it, and the checkpoint only after the data.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../../../main/store/index';
import { HOUR, T0, act, tempDir, user } from './fixtures';
import type { AlertDraft } from '../../../../main/store/alert-store';
import { LowIpRangeStore, type StoredIpRange } from '../../../../main/store/ip-range-store';
import { storeLayout } from '../../../../main/store/layout';
import { LowTerminationStore, type Termination } from '../../../../main/store/termination-store';

const alertDraft = (): AlertDraft => ({
  policy: 'anonymous-ip',
  policyName: 'Activity from anonymous IP addresses',
  key: 'tor',
  user: 'u1@example.com',
  severity: 'Medium',
  mitre: 'Initial access',
  title: 'Sign-in from a Tor exit',
  description: 'test',
  at: T0,
  activityIds: ['a'],
  ips: ['198.51.100.1'],
  countries: [],
  evidence: {},
});
const ipRange = (): StoredIpRange => ({
  id: 'r1',
  cidr: '203.0.113.0/24',
  category: 'corporate',
  name: 'HQ',
  tags: [],
  createdAt: T0,
});
const termination = (): Termination => ({
  email: 'cy@example.com',
  terminatedAt: T0,
  importedAt: T0,
  source: 'hr.csv',
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Records fsync/rename calls (sync and promise forms) as readable events, passing each through. */
function recordSyscalls(root: string): string[] {
  const events: string[] = [];
  const rel = (p: fs.PathLike) => path.relative(root, String(p)) || '.';
  const fdPaths = new Map<number, string>();
  const openSync = fs.openSync;
  vi.spyOn(fs, 'openSync').mockImplementation(((p: fs.PathLike, ...rest: unknown[]) => {
    const fd = (openSync as (...a: unknown[]) => number)(p, ...rest);
    fdPaths.set(fd, rel(p));
    return fd;
  }) as typeof fs.openSync);
  const fsyncSync = fs.fsyncSync;
  vi.spyOn(fs, 'fsyncSync').mockImplementation((fd: number) => {
    events.push(`fsync ${fdPaths.get(fd) ?? '?'}`);
    fsyncSync(fd);
  });
  const fsync = fs.fsync;
  vi.spyOn(fs, 'fsync').mockImplementation(((fd: number, done: (err: NodeJS.ErrnoException | null) => void) => {
    events.push(`fsync ${fdPaths.get(fd) ?? '?'}`);
    fsync(fd, done);
  }) as typeof fs.fsync);
  const renameSync = fs.renameSync;
  vi.spyOn(fs, 'renameSync').mockImplementation((a: fs.PathLike, b: fs.PathLike) => {
    events.push(`rename ${rel(b)}`);
    renameSync(a, b);
  });
  const rename = fs.promises.rename;
  vi.spyOn(fs.promises, 'rename').mockImplementation(async (a: fs.PathLike, b: fs.PathLike) => {
    events.push(`rename ${rel(b)}`);
    await rename(a, b);
  });
  const open = fs.promises.open;
  vi.spyOn(fs.promises, 'open').mockImplementation((async (p: fs.PathLike, ...rest: unknown[]) => {
    const handle = await (open as (...a: unknown[]) => Promise<fs.promises.FileHandle>)(p, ...rest);
    const sync = handle.sync.bind(handle);
    handle.sync = async () => {
      events.push(`fsync ${rel(p)}`);
      await sync();
    };
    return handle;
  }) as typeof fs.promises.open);
  return events;
}

describe('durable commits', () => {
  it('fsyncs each file before its rename and the folder after, the dictionary with them, checkpoint last', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const events = recordSyscalls(path.join(dir, 'store'));
    await store.activities.append([act({ id: 'a', at: T0 + 1 })]);
    await store.meta.set('checkpoint', { page: 1 });
    await store.users.upsertMany([user({ id: 'u1', name: 'Ann' })]);
    const day = 'activities/2024-05-01';
    expect(events).toEqual([
      'fsync activities', // the day folder was created: its entry in the parent
      // An append's new files and the dictionary's new entries are synced together, then the
      // files renamed, then their folder synced once.
      `fsync ${day}/.00.json.tmp`,
      `fsync ${day}/.00.idx.tmp`,
      'fsync activities/dictionary.jsonl',
      `rename ${day}/00.json`,
      `rename ${day}/00.idx`,
      `fsync ${day}`,
      'fsync .meta.json.tmp',
      'rename meta.json',
      'fsync .',
      'fsync .users.json.tmp',
      'rename users.json',
      'fsync .',
    ]);
    await store.close();
  });

  it('with durability off (to measure its cost) the same files are written, without a single fsync', async () => {
    const dir = tempDir();
    const store = await openStore(dir, { durable: false });
    const events = recordSyscalls(path.join(dir, 'store'));
    await store.activities.append([act({ id: 'a', at: T0 + 1 }), act({ id: 'b', at: T0 + HOUR })]);
    await store.meta.set('checkpoint', { page: 1 });
    expect(events.filter((e) => e.startsWith('fsync'))).toEqual([]);
    expect(events.filter((e) => e.startsWith('rename'))).toHaveLength(5);
    await store.close();
    const again = await openStore(dir);
    expect(again.activities.count()).toBe(2);
    expect(again.meta.get('checkpoint')).toEqual({ page: 1 });
    await again.close();
  });
});

describe('private files', () => {
  it('creates every data-dir file 0600 and every folder 0700, the lock included', async () => {
    const dir = path.join(tempDir(), 'data');
    const store = await openStore(dir);
    await store.activities.append([act({ id: 'a', at: T0 + 1 }), act({ id: 'b', at: T0 + 30 * HOUR })]);
    await store.users.upsertMany([user({ id: 'u1', name: 'Ann' })]);
    await store.meta.set('checkpoint', { page: 1 });
    // The admin's settings and the alerts are data-dir files like any other.
    await store.policies.addSuppression({
      policy: 'anonymous-ip',
      user: 'u1@example.com',
      ip: null,
      reason: 'test',
      until: null,
    });
    await store.alerts.upsertMany([alertDraft()]);
    const layout = storeLayout(dir);
    const report = async () => undefined;
    await (await LowIpRangeStore.open(layout, report)).add(ipRange());
    await (await LowTerminationStore.open(layout, report)).upsertMany([termination()]);
    // A corrupt partition, so the quarantine folder exists too.
    const part = path.join(dir, 'store', 'activities', '2024-05-02', '06.json');
    fs.writeFileSync(part, '{"v":1,', { mode: 0o600 });
    await store.close();
    const reopened = await openStore(dir);
    expect(reopened.corruptions()).toHaveLength(1);
    const modes: string[] = [];
    const walk = (p: string) => {
      const st = fs.statSync(p);
      modes.push(`${(st.mode & 0o777).toString(8)} ${path.relative(dir, p) || '.'}`);
      if (st.isDirectory()) for (const name of fs.readdirSync(p)) walk(path.join(p, name));
    };
    walk(dir);
    const wrong = modes.filter((m) => {
      const [mode, rel] = m.split(' ');
      const isDir = fs.statSync(path.join(dir, rel)).isDirectory();
      return mode !== (isDir ? '700' : '600');
    });
    expect(wrong).toEqual([]);
    expect(modes.some((m) => m.endsWith('guard.lock/owner.json'))).toBe(true);
    for (const f of ['alerts.json', 'policies.json', 'ip-ranges.json', 'terminations.json'])
      expect(modes).toContain(`600 store/${f}`);
    expect(modes.some((m) => m.includes('quarantine/'))).toBe(true);
    expect(modes.length).toBeGreaterThan(10);
    await reopened.close();
  });
});

describe('lowdb files through DurableJsonFile', () => {
  it('a burst of meta updates lands whole, in order, in at most two commits', async () => {
    const dir = tempDir();
    const store = await openStore(dir);
    const events = recordSyscalls(path.join(dir, 'store'));
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.meta.set(`k${i}`, i)));
    expect(events.filter((e) => e === 'rename meta.json').length).toBeLessThanOrEqual(2);
    await store.close();
    const again = await openStore(dir);
    for (let i = 0; i < 20; i++) expect(again.meta.get(`k${i}`)).toBe(i);
    await again.close();
  });
});
