// `connect --own-account USER`, run as the real bin against the demo community: the own account is
// set (as the email) once the first sync has read the users; one that matches no one is a warning,
// nothing is set, and suspend stays refused with the way to set it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../../main/demo/index';
import { runCli, tempDir } from '../../../support/cli';

let demo: DemoServer;

beforeAll(async () => {
  demo = await startDemoServer({ users: 40, days: 4, seed: 'cli-own-account' });
});
afterAll(() => demo?.close());

const connect = (dir: string, own: string) =>
  runCli(['--data-dir', dir, 'connect', '--api-base', demo.baseUrl, '--backfill-days', '1', '--own-account', own], {
    env: { WORKPLACE_TOKEN: demo.integrationToken },
  });

describe('connect --own-account', () => {
  it('a synced user (by id) becomes the own account, written as the email', async () => {
    const admin = demo.groundTruth.users().find((u) => u.id === demo.inspect.connectedAdminId)!;
    const dir = tempDir('wg-cli-own-');
    const r = await connect(dir, admin.id);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Your own account: ${admin.email} (never suspended or signed out).`);
    const shown = await runCli(['--data-dir', dir, 'governance', 'own-account', '--json']);
    expect(JSON.parse(shown.stdout)).toEqual({ ownAccount: admin.email });
  });

  it('no synced user → a warning, nothing set, and suspend is refused without sending', async () => {
    const dir = tempDir('wg-cli-own-');
    const r = await connect(dir, 'nobody@elsewhere.example');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/warning: No synced user is "nobody@elsewhere\.example".*stay refused until you set/);
    const shown = await runCli(['--data-dir', dir, 'governance', 'own-account', '--json']);
    expect(JSON.parse(shown.stdout)).toEqual({ ownAccount: null });
    const target = demo.groundTruth.users().find((u) => u.active && u.claimed && !u.administrator)!;
    const before = demo.groundTruth.eventCount();
    const refused = await runCli(['--data-dir', dir, 'suspend', target.email, '--reason', 'test', '--yes']);
    expect(refused.code).not.toBe(0);
    expect(`${refused.stdout}${refused.stderr}`).toMatch(/Mark your own account first/);
    expect(demo.groundTruth.eventCount()).toBe(before);
  });
});
