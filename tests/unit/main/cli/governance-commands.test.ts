// suspend / unsuspend / signout / notify / governance, run as the real bin against the demo
// community: confirmations, refusals that send nothing, the log and its export, and the queue
// surviving a SIGKILL with every action sent exactly once afterwards.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../../main/demo/index';
import { openStore } from '../../../../main/store/index';
import type { StoredUser } from '../../../../main/store/types';
import { BIN, ROOT, runCli, tempDir } from '../../../support/cli';

let demo: DemoServer;
const dir = tempDir('wg-cli-govern-');
const cli = (args: string[]) => runCli(['--data-dir', dir, ...args]);
let people: StoredUser[] = [];

beforeAll(async () => {
  demo = await startDemoServer({ users: 40, days: 8, seed: 'cli-govern' });
  const r = await runCli(['--data-dir', dir, 'connect', '--api-base', demo.baseUrl, '--backfill-days', '1'], {
    env: { WORKPLACE_TOKEN: demo.integrationToken },
  });
  expect(r.code, r.stderr).toBe(0);
  const store = await openStore(dir);
  people = store.users
    .list(null, null, 1000)
    .items.filter((u) => u.active && !u.admin && u.claimed && u.email && u.id !== demo.inspect.connectedAdminId);
  await store.close();
});
afterAll(() => demo?.close());

const deactivationsOf = (email: string) =>
  demo.groundTruth
    .eventIds()
    .map((id) => demo.groundTruth.event(id))
    .filter((e) => e?.event === 'Account Deactivated' && e.target_username === email).length;
const forcedLogoutsOf = (email: string) =>
  demo.groundTruth
    .eventIds()
    .map((id) => demo.groundTruth.event(id))
    .filter((e) => e?.event === 'Forced Logout' && e.target_username === email).length;

async function pointConnectionAt(base: string) {
  const store = await openStore(dir);
  try {
    const conn = store.meta.get<{ urls: Record<string, string> }>('connection')!;
    await store.meta.set('connection', {
      ...conn,
      urls: Object.fromEntries(Object.keys(conn.urls).map((k) => [k, base])),
    });
  } finally {
    await store.close();
  }
}

describe('governance CLI', () => {
  it('says who, what and why, and does nothing without --yes', async () => {
    const u = people[0];
    const r = await cli(['suspend', u.email!, '--reason', 'Impossible travel']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`This will suspend .*${u.email}.* because: Impossible travel\\. .*--yes`));
    expect(deactivationsOf(u.email!)).toBe(0);
  });

  it('refuses before the own account is marked, and refuses the own account once it is', async () => {
    const u = people[0];
    const first = await cli(['suspend', u.email!, '--reason', 'x', '--yes']);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/Mark your own account first/);
    const set = await cli(['--json', 'governance', 'own-account', demo.inspect.connectedAdminId]);
    expect(set.code, set.stderr).toBe(0);
    const own = JSON.parse(set.stdout).ownAccount as string;
    const r = await cli(['signout', own, '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/your own account/);
    expect(forcedLogoutsOf(own)).toBe(0);
  });

  it(
    'suspend --yes suspends (read back from SCIM); notify delivers; the log and the CSV export show ' + 'both',
    async () => {
      const u = people[0];
      const r = await cli(['--json', 'suspend', u.email!, '--reason', 'Impossible travel', '--yes']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ action: 'suspend', state: 'succeeded', automatic: false });
      expect(demo.inspect.userState(u.id)).toMatchObject({ active: false });
      const n = await cli(['notify', people[1].id, '--message', 'Hello {name}, please call IT.']);
      expect(n.code, n.stderr).toBe(0);
      const msgs = demo.inspect.messages().filter((m) => m.recipientId === people[1].id);
      expect(JSON.stringify(msgs)).toMatch(new RegExp(`Hello ${people[1].name}, please call IT`));
      const log = JSON.parse((await cli(['--json', 'governance', 'log'])).stdout) as { action: string }[];
      expect(log.map((x) => x.action)).toEqual(expect.arrayContaining(['suspend', 'notify']));
      const csv = (await cli(['governance', 'export', '--format', 'csv'])).stdout.split('\r\n');
      expect(csv[0]).toMatch(/^id,requestedAt,requestedBy,automatic,action,targetId/);
      expect(csv.some((l) => l.includes(u.email!) && l.includes('succeeded'))).toBe(true);
    },
  );

  it('queued actions survive a SIGKILL mid-send and are each sent exactly once afterwards', async () => {
    const [b, c] = [people[2], people[3]];
    await pointConnectionAt('http://127.0.0.1:9');
    const q1 = await cli(['--json', 'suspend', b.email!, '--reason', 'Spray source', '--yes']);
    const q2 = await cli(['--json', 'signout', c.email!, '--reason', 'Spray victim', '--yes']);
    expect(JSON.parse(q1.stdout).state).toBe('queued');
    expect(JSON.parse(q2.stdout).state).toBe('queued');
    const pending = JSON.parse((await cli(['--json', 'governance', 'log', '--pending'])).stdout);
    expect(pending).toHaveLength(2);

    await pointConnectionAt(demo.baseUrl);
    demo.faults.set({ slowMs: 1500 });
    const logFile = path.join(dir, 'store', 'governance.json');
    const child = spawn(process.execPath, [BIN, '--data-dir', dir, 'governance', 'flush'], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // Kill as soon as the first action is on the wire (the log commits `sending` before the call).
    await new Promise<void>((resolve, reject) => {
      const watcher = fs.watch(path.dirname(logFile), () => {
        const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
        if (text.includes('"sending"')) {
          watcher.close();
          resolve();
        }
      });
      child.once('exit', () => {
        watcher.close();
        reject(new Error('flush finished before it could be killed'));
      });
    });
    child.kill('SIGKILL');
    await exited;
    demo.faults.reset();

    const after = await cli(['--json', 'governance', 'flush']);
    expect(after.code, after.stderr).toBe(0);
    const log = JSON.parse((await cli(['--json', 'governance', 'log'])).stdout) as { action: string; state: string }[];
    const suspend = log.find((x) => x.action === 'suspend' && JSON.stringify(x).includes(b.email!))!;
    expect(suspend.state).toBe('succeeded');
    expect(deactivationsOf(b.email!)).toBe(1);
    expect(demo.inspect.userState(b.id)).toMatchObject({ active: false });
    expect(forcedLogoutsOf(c.email!)).toBe(1);
    expect(JSON.parse((await cli(['--json', 'governance', 'log', '--pending'])).stdout)).toHaveLength(0);
  });
});
