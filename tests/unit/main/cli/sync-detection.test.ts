// The CLI's sync judges what it stores, as the app does: `connect` then `sync` through the real
// bin against the demo community raise alerts on its injected attacks, say how many, and store
// activities enriched with the IP intel (ASN) detection uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../../main/demo/index';
import { openStore } from '../../../../main/store/index';
import { runCli, tempDir } from '../../../support/cli';

let demo: DemoServer;
beforeAll(async () => {
  // Two weeks: past the 7-day learning period of the policies that have one.
  demo = await startDemoServer({ users: 80, days: 14, seed: 'cli-sync-detection' });
});
afterAll(() => demo?.close());

interface AlertRow {
  id: string;
  policy: string;
  users: string[];
}

describe('CLI sync with detection', () => {
  const dir = tempDir('wg-cli-sync-detect-');
  const cli = (args: string[]) => runCli(['--data-dir', dir, ...args], { timeoutMs: 170_000 });

  it(
    'raises alerts on the demo attacks, reports how many, and stores ASN-enriched activities',
    {
      timeout: 180_000,
    },
    async () => {
      const connect = await cli([
        'connect',
        '--token',
        demo.integrationToken,
        '--api-base',
        demo.baseUrl,
        '--backfill-days',
        '15',
        '--no-wait',
      ]);
      expect(connect.code, connect.stderr).toBe(0);

      const sync = await cli(['--json', 'sync']);
      expect(sync.code, sync.stderr).toBe(0);
      const result = JSON.parse(sync.stdout.trim().split('\n').at(-1)!);
      expect(result).toMatchObject({ type: 'result', ok: true, added: demo.groundTruth.eventCount() });
      // Detection ran to the end before the command exited, after the sync's last commit.
      expect(result.detection.finishedAt).toBeGreaterThanOrEqual(result.finishedAt);

      const listed = await cli(['--json', 'alerts', '--status', 'New']);
      expect(listed.code, listed.stderr).toBe(0);
      const alerts = JSON.parse(listed.stdout) as AlertRow[];
      expect(alerts.length).toBeGreaterThan(0);
      // The count the sync reported is the alerts it raised: a fresh data dir had none before.
      expect(result.detection.alerts).toBe(alerts.length);

      // Among them, injected attacks caught by the policy the scenario names for them.
      const attacks = demo.incidents.incidents.filter((i) => i.kind === 'attack' && i.user);
      const caught = attacks.filter((i) =>
        alerts.some(
          (a) => a.policy === i.policy && a.users.map((u) => u.toLowerCase()).includes(i.user!.email.toLowerCase()),
        ),
      );
      expect(caught.length).toBeGreaterThan(0);

      // Enriched on the way in with the same intel: addresses carry their ASN.
      const store = await openStore(dir);
      try {
        const page = await store.activities.query({}, null, 500);
        expect(page.items.some((a) => typeof a.asn === 'number' && a.asn > 0)).toBe(true);
      } finally {
        await store.close();
      }
    },
  );

  it('says how many alerts a sync raised in plain words, and none for nothing new', { timeout: 120_000 }, async () => {
    const again = await cli(['sync']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^Detection: 0 new alerts \(\d+\.\d s after the sync\)\.$/m);
  });
});
