// connect / sync / status / users / activities / disconnect, run as the real bin against the
// demo community — the way an admin or a script would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../../main/demo/index';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { BIN, ROOT, runCli, tempDir } from '../../../support/cli';
import { startFakeWorkplace } from '../sync/fixtures/fake-workplace';

let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemoServer({ users: 120, days: 8, seed: 'cli-test' });
});
afterAll(() => demo?.close());

const oneLine = (s: string) => s.trim().split('\n');

describe('connector CLI commands', () => {
  const dir = tempDir('wg-cli-connector-');
  const cli = (args: string[], env?: NodeJS.ProcessEnv) => runCli(['--data-dir', dir, ...args], { env });

  it('connect needs exactly one way to connect', async () => {
    const r = await runCli(['--data-dir', tempDir(), 'connect', '--api-base', demo.baseUrl], {
      env: { WORKPLACE_TOKEN: '' },
    });
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/Choose one way to connect/);
  });

  it('connect with a rejected token fails with one clear line', async () => {
    const r = await runCli([
      '--data-dir',
      tempDir(),
      'connect',
      '--token',
      'not-a-real-token',
      '--api-base',
      demo.baseUrl,
    ]);
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/rejected the access token/);
  });

  it('connect --token (from WORKPLACE_TOKEN) runs the first sync and reports connected', async () => {
    const r = await cli(['--json', 'connect', '--api-base', demo.baseUrl, '--backfill-days', '30'], {
      WORKPLACE_TOKEN: demo.integrationToken,
    });
    expect(r.code, r.stderr).toBe(0);
    const status = JSON.parse(oneLine(r.stdout).at(-1)!);
    expect(status).toMatchObject({
      state: 'connected',
      method: 'token',
      organisation: { name: 'Brightwave Logistics' },
    });
  });

  it('status shows the connection, counts and times', async () => {
    const r = await cli(['--json', 'status']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({
      state: 'connected',
      activityCount: demo.groundTruth.eventCount(),
      userCount: expect.any(Number),
    });
    expect(s.lastSyncAt).toEqual(expect.any(Number));
    const human = await cli(['status']);
    expect(human.stdout).toMatch(/^Connected: Brightwave Logistics/);
    expect(human.stdout).toMatch(/Last activity received: \d{4}-/);
  });

  it('users --json lists the synced users without raw payloads', async () => {
    const r = await cli(['users', '--json']);
    const users = JSON.parse(r.stdout);
    expect(users.length).toBeGreaterThan(100);
    expect(users[0]).toMatchObject({ id: expect.any(String), name: expect.any(String) });
    expect(users[0].raw).toBeUndefined();
  });

  it('activities --json prints the documented fields and honours filters', async () => {
    const r = await cli(['activities', '--json', '--limit', '5']);
    expect(r.code).toBe(0);
    const items = JSON.parse(r.stdout);
    expect(items).toHaveLength(5);
    for (const key of ['id', 'at', 'type', 'event', 'actor', 'target', 'ip', 'country', 'city'])
      expect(items[0]).toHaveProperty(key);
    expect(items[0].at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(items[0].at)).toBeGreaterThanOrEqual(Date.parse(items[4].at));

    const logins = JSON.parse(
      (await cli(['activities', '--json', '--type', 'login.success', '--country', 'us', '--limit', '20'])).stdout,
    );
    expect(logins.length).toBeGreaterThan(0);
    for (const a of logins) expect(a).toMatchObject({ type: 'login.success', event: 'Logged in', country: 'US' });

    const since = items[4].at;
    const window = JSON.parse((await cli(['activities', '--json', '--since', since, '--limit', '1000'])).stdout);
    expect(window.every((a: { at: string }) => a.at >= since)).toBe(true);
  });

  it('activities rejects bad filters with exit 2 and one line', async () => {
    for (const args of [
      ['--country', 'USA'],
      ['--since', 'last tuesday'],
      ['--limit', '0'],
    ]) {
      const r = await cli(['activities', ...args]);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toHaveLength(1);
    }
  });

  it('sync --json streams progress lines and a result', async () => {
    for (let i = 0; i < 5; i++) demo.inspect.liveTick();
    const r = await cli(['--json', 'sync']);
    expect(r.code, r.stderr).toBe(0);
    const lines = oneLine(r.stdout).map((l) => JSON.parse(l));
    expect(lines.some((l) => l.type === 'progress')).toBe(true);
    expect(lines.at(-1)).toMatchObject({ type: 'result', ok: true, added: 5 });
  });

  it('sync --watch syncs at start, schedules the next one, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, '--data-dir', dir, '--json', 'sync', '--watch'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: Record<string, unknown>[] = [];
    const scheduled = new Promise<void>((resolve) => {
      readline.createInterface({ input: child.stdout! }).on('line', (l) => {
        const msg = JSON.parse(l);
        lines.push(msg);
        if (msg.type === 'status' && msg.nextSyncAt) resolve();
      });
    });
    await scheduled;
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.kill('SIGTERM');
    expect(await exited, `${stderr}\n${JSON.stringify(lines).slice(0, 2000)}`).toBe(0);
    expect(lines.some((l) => l.type === 'progress' && l.phase === 'done')).toBe(true);
  });

  it('disconnect keeps the data; sync then fails with one clear line', async () => {
    const r = await cli(['disconnect']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Disconnected from Brightwave Logistics\. Its data is kept/);
    const s = JSON.parse((await cli(['--json', 'status'])).stdout);
    expect(s).toMatchObject({ state: 'disconnected', organisation: { name: 'Brightwave Logistics' } });
    expect(s.activityCount).toBeGreaterThan(0);
    const sync = await cli(['sync']);
    expect(sync.code).toBe(1);
    expect(oneLine(sync.stderr)).toHaveLength(1);
    expect(sync.stderr).toMatch(/Not connected/);
  });

  it('a store write that fails ends sync with one line naming the file and the fix; status says Error', async () => {
    const d = tempDir('wg-cli-write-failure-');
    const connect = await runCli(
      ['--data-dir', d, 'connect', '--api-base', demo.baseUrl, '--backfill-days', '30', '--no-wait'],
      { env: { WORKPLACE_TOKEN: demo.integrationToken } },
    );
    expect(connect.code, connect.stderr).toBe(0);
    // The newest event's UTC day: the first page written. A plain file sits where its folder goes.
    const newest = demo.groundTruth.event(demo.groundTruth.eventIds().at(-1)!)!;
    const day = new Date(Number(newest.timestamp) * 1000).toISOString().slice(0, 10);
    const blocker = path.join(d, 'store', 'activities', day);
    fs.mkdirSync(path.dirname(blocker), { recursive: true });
    fs.writeFileSync(blocker, 'not a folder');
    const r = await runCli(['--data-dir', d, 'sync']);
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain(blocker);
    expect(r.stderr).toMatch(/Move .* aside/);
    const status = await runCli(['--data-dir', d, 'status']);
    expect(status.code).toBe(1);
    expect(status.stdout).toMatch(/^Error: /m);
    expect(status.stdout).toMatch(/^Fix: Move .* aside/m);
  }, 150_000);

  it('status says a damaged meta.json is damaged (not "Not connected") and lists it as quarantined', async () => {
    const d = tempDir('wg-cli-meta-damaged-');
    expect((await runCli(['--data-dir', d, 'status'])).stdout).toMatch(/^Not connected/);
    fs.writeFileSync(path.join(d, 'store', 'meta.json'), '{"v":1,"entries":{"connection": tru');
    const r = await runCli(['--data-dir', d, 'status']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Error\n/);
    expect(r.stdout).toMatch(/^Error: The sync state file was found damaged and moved to quarantine\//m);
    expect(r.stdout).toMatch(/^Fix: Connect again/m);
    expect(r.stdout).toMatch(/^Quarantine: The sync state file was found damaged on \d{4}-/m);
    const json = JSON.parse((await runCli(['--data-dir', d, '--json', 'status'])).stdout);
    expect(json.dataHealth).toMatchObject({ metaDamaged: true, attention: true });
  }, 150_000);

  it('connecting another organisation requires --archive or --clear; the archive opens with --data-dir', async () => {
    const other = await startFakeWorkplace();
    other.org = { id: 'org-other', name: 'Other Org' };
    other.users = [{ id: 'o1', email: 'olu@other.example', name: 'Olu' }];
    try {
      const d = tempDir('wg-cli-two-orgs-');
      const env = { WORKPLACE_TOKEN: demo.integrationToken };
      const first = await runCli(['--data-dir', d, 'connect', '--api-base', demo.baseUrl, '--backfill-days', '1'], {
        env,
      });
      expect(first.code, first.stderr).toBe(0);
      const token = { WORKPLACE_TOKEN: 'other-org-token' };
      const refused = await runCli(['--data-dir', d, 'connect', '--api-base', other.base], { env: token });
      expect(refused.code).toBe(1);
      expect(oneLine(refused.stderr)).toHaveLength(1);
      expect(refused.stderr).toMatch(/holds the data of Brightwave Logistics .* adding --archive or --clear/);
      const both = await runCli(['--data-dir', d, 'connect', '--api-base', other.base, '--archive', '--clear'], {
        env: token,
      });
      expect(both.code).toBe(2);

      const archived = await runCli(['--data-dir', d, 'connect', '--api-base', other.base, '--archive'], {
        env: token,
      });
      expect(archived.code, archived.stderr).toBe(0);
      const archive = /Archived Brightwave Logistics's data to (\S+) /.exec(archived.stdout)?.[1];
      expect(archive, archived.stdout).toBeDefined();
      expect(archived.stdout).toMatch(/Connected to Other Org/);
      const review = await runCli(['--data-dir', archive!, 'status']);
      expect(review.stdout).toMatch(/^Disconnected: Brightwave Logistics/);
      expect(review.stdout).toMatch(/^Archive: set aside on \d{4}-.* when Other Org was connected/m);
      expect(review.stdout).not.toMatch(/Stored: 0 activities/);

      const cleared = await runCli(['--data-dir', d, 'connect', '--api-base', demo.baseUrl, '--clear', '--no-wait'], {
        env,
      });
      expect(cleared.code, cleared.stderr).toBe(0);
      expect(cleared.stdout).toMatch(/^Cleared Other Org's data from this data directory\./m);
      expect(JSON.parse((await runCli(['--data-dir', d, '--json', 'status'])).stdout)).toMatchObject({
        organisation: { name: 'Brightwave Logistics' },
        activityCount: 0,
        userCount: 0,
      });
    } finally {
      await other.close();
    }
  }, 180_000);

  it('connect --consent with the demo auto-consent labels the connection as the demo', async () => {
    const d = tempDir('wg-cli-consent-');
    const r = await runCli(
      [
        '--data-dir',
        d,
        '--json',
        'connect',
        '--consent',
        '--demo-auto-consent',
        '--app-id',
        demo.appId,
        '--api-base',
        demo.baseUrl,
        '--backfill-days',
        '0',
      ],
      { env: { WORKPLACE_APP_SECRET: demo.appSecret } },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(oneLine(r.stdout).at(-1)!)).toMatchObject({ state: 'connected', method: 'demo' });
  });
});
