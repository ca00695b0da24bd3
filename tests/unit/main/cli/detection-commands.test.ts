// alerts / alert / policies through the real bin, over a real data directory.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../main/store/index';
import type { AlertDraft } from '../../../../main/store/alert-store';
import type { StoredActivity } from '../../../../main/store/types';
import { runCli, tempDir } from '../../../support/cli';

const T0 = Date.UTC(2024, 4, 1, 8);
const draft = (over: Partial<AlertDraft>): AlertDraft => ({
  policy: 'impossible-travel',
  policyName: 'Impossible travel',
  key: 'FR>US',
  user: 'alice@example.com',
  severity: 'High',
  mitre: 'Initial access',
  title: 'Impossible travel: Paris → New York in 40 min',
  description: 'Paris then New York',
  at: T0,
  activityIds: ['e1', 'e2'],
  ips: ['198.51.100.1', '203.0.113.5'],
  countries: ['FR', 'US'],
  evidence: { speedKmh: 8000 },
  ...over,
});
const download = (k: number, actor: string): StoredActivity => ({
  id: `dl-${actor}-${k}`,
  at: T0 + k * 500,
  type: 'file.download',
  event: 'File Downloaded',
  actor,
  target: actor,
  ip: '198.51.100.9',
  country: 'FR',
  city: 'Paris',
  lat: 48.85,
  lon: 2.35,
  radiusKm: 20,
  admin: false,
  impersonated: false,
  userAgent: null,
  summary: null,
  raw: {},
});

async function seeded(): Promise<string> {
  const dir = tempDir('wg-detcli-');
  const store = await openStore(dir);
  await store.alerts.upsertMany([
    draft({}),
    draft({
      policy: 'anonymous-ip',
      policyName: 'Anonymous',
      key: '185.220.101.33',
      severity: 'Medium',
      user: 'bob@example.com',
    }),
    draft({
      policy: 'activity:mass-download-50-in-1',
      policyName: 'Mass download',
      key: 'bob@example.com',
      severity: 'Low',
      user: 'bob@example.com',
      mitre: 'Exfiltration',
      title: 'Mass download: 60 downloads in 1 minute',
    }),
  ]);
  await store.activities.append(Array.from({ length: 60 }, (_, k) => download(k, 'bob@example.com')));
  await store.close();
  return dir;
}

const json = <T>(r: { stdout: string; stderr: string; code: number | null }): T => {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
};

describe('detection CLI', () => {
  it('lists, filters, shows and resolves alerts', { timeout: 60_000 }, async () => {
    const dir = await seeded();
    const cli = (...a: string[]) => runCli(['--data-dir', dir, ...a]);
    const all = json<{ id: string; policy: string; users: string[]; activityIds: string[]; status: string }[]>(
      await cli('--json', 'alerts'),
    );
    expect(all.map((a) => a.policy).sort()).toEqual([
      'activity:mass-download-50-in-1',
      'anonymous-ip',
      'impossible-travel',
    ]);
    expect(all[0]).toMatchObject({
      id: expect.any(String),
      severity: expect.any(String),
      title: expect.any(String),
      createdAt: expect.any(Number),
    });
    const travel = all.find((a) => a.policy === 'impossible-travel')!;
    expect(travel).toMatchObject({
      users: ['alice@example.com'],
      ips: ['198.51.100.1', '203.0.113.5'],
      activityIds: ['e1', 'e2'],
      status: 'New',
    });
    expect(json<unknown[]>(await cli('--json', 'alerts', '--severity', 'medium', '--user', 'bob'))).toHaveLength(1);
    const byPolicy = async (p: string) => json<{ policy: string }[]>(await cli('--json', 'alerts', '--policy', p));
    expect((await byPolicy('impossible-travel')).map((a) => a.policy)).toEqual(['impossible-travel']);
    expect((await byPolicy('activity:mass-download-50-in-1')).map((a) => a.policy)).toEqual([
      'activity:mass-download-50-in-1',
    ]);

    const set = json<{ status: string; classification: string; history: { field: string; by: string }[] }>(
      await cli(
        '--json',
        'alert',
        'set',
        travel.id,
        '--status',
        'Resolved',
        '--classification',
        'tp',
        '--comment',
        'blocked',
      ),
    );
    expect(set).toMatchObject({ status: 'Resolved', classification: 'True positive' });
    expect(set.history.map((h) => h.field)).toEqual(['created', 'status', 'classification']);
    expect(json<unknown[]>(await cli('--json', 'alerts', '--status', 'resolved'))).toHaveLength(1);
    const shown = await cli('alert', 'show', travel.id);
    expect(shown.stdout).toContain('speedKmh');

    const bad = await cli('alert', 'set', travel.id, '--status', 'Closed');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--status must be one of/);
    const missing = await cli('alert', 'show', 'AL-424242');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no alert AL-424242/);
  });

  it('lists, tunes, enables/disables, adds and replays policies', { timeout: 60_000 }, async () => {
    const dir = await seeded();
    const cli = (...a: string[]) => runCli(['--data-dir', dir, ...a]);
    const listed = json<{ id: string; kind: string; thresholds?: Record<string, number> }[]>(
      await cli('--json', 'policies', 'list'),
    );
    expect(listed.filter((p) => p.kind === 'anomaly').map((p) => p.id)).toHaveLength(8);
    expect(listed.find((p) => p.id === 'impossible-travel')!.thresholds).toMatchObject({ maxSpeedKmh: 900 });

    const tuned = json<{ sensitivity: string; excludeUsers: string[]; thresholds: Record<string, number> }>(
      await cli('--json', 'policies', 'set', 'impossible-travel', 'sensitivity=High', 'exclude=alice,bob'),
    );
    expect(tuned).toMatchObject({
      sensitivity: 'High',
      excludeUsers: ['alice', 'bob'],
      thresholds: { maxSpeedKmh: 700 },
    });
    expect(json<{ enabled: boolean }>(await cli('--json', 'policies', 'disable', 'anonymous-ip')).enabled).toBe(false);
    expect(json<{ enabled: boolean }>(await cli('--json', 'policies', 'enable', 'anonymous-ip')).enabled).toBe(true);
    const unknown = await cli('policies', 'set', 'impossible-travel', 'speed=3');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no setting "speed"/);

    json(await cli('--json', 'policies', 'add', '--template', 'mass-download-50-in-1'));
    const replay = json<{ matches: number; alertCount: number; scanned: number }>(
      await cli('--json', 'policies', 'replay', 'activity:mass-download-50-in-1'),
    );
    expect(replay).toMatchObject({ scanned: 60, matches: 10, alertCount: 1 });
    const file = path.join(dir, 'policy.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        id: 'twenty',
        name: '20 downloads',
        severity: 'Low',
        filter: { types: ['file.download'] },
        mode: { kind: 'repeated', count: 20, minutes: 1, perIp: true },
      }),
    );
    expect(json<{ matches: number }>(await cli('--json', 'policies', 'replay', '--file', file)).matches).toBe(41);
    fs.writeFileSync(file, '{"id":"Bad Id"}');
    const refused = await cli('policies', 'replay', '--file', file);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/policy\.json: /);
  });
});
