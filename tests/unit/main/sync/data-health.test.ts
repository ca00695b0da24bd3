// Issue 8 req 6: corruption and quarantine are visible — damaged files with their time range and
// whether the re-sync repaired them, quarantined records in plain words, the fix; a damaged
// meta.json says so instead of "Not connected". Read through dispatch, as the UI does.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataHealth } from '../../../../preload/contract';
import { dispatch } from '../../../../main/console/dispatch';
import { openConsole, type RunningConsole } from '../../../../main/console/open-console';
import { MemorySecretStore } from '../../../../main/runtime/secrets';
import { makeEvents, startFakeWorkplace, type FakeWorkplace } from './fixtures/fake-workplace';
import { tempDir } from './fixtures/temp-store';

const DAY = 86_400_000;
let fw: FakeWorkplace;
let dataDir: string;
let running: RunningConsole | null;
const secrets = new MemorySecretStore();

beforeEach(async () => {
  fw = await startFakeWorkplace({ pageSize: 40 });
  fw.users = [{ id: 'u1', email: 'ann@brightwave.example', name: 'Ann', admin: true }];
  // Real time: the console under test runs on the real clock.
  fw.events = makeEvents(150, Date.now() - 3 * DAY, Date.now() - 60_000);
  dataDir = tempDir('guard-health-');
  running = null;
});
afterEach(async () => {
  await running?.close();
  await fw.close();
});

async function open(): Promise<RunningConsole> {
  await running?.close();
  running = await openConsole({ shell: 'node', dataDir, secrets });
  return running;
}

async function health(c: RunningConsole): Promise<DataHealth> {
  const r = await dispatch(c.api, 'connector.dataHealth', undefined);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as DataHealth;
}

async function connectAndSync(c: RunningConsole) {
  const r = await dispatch(c.api, 'connector.connectToken', { token: 'integration-token-1', apiBase: fw.base });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  return c.connector.waitForIdle();
}

describe('data health', () => {
  it('a clean store has nothing to say', async () => {
    const c = await open();
    await connectAndSync(c);
    expect(await health(c)).toMatchObject({ metaDamaged: false, files: [], attention: false, lines: [], fix: null });
  });

  it('a damaged partition: listed with its hour and the fix until the re-sync, then listed as repaired', async () => {
    let c = await open();
    await connectAndSync(c);
    const activitiesDir = path.join(dataDir, 'store', 'activities');
    const day = fs.readdirSync(activitiesDir).find((d) => /^\d{4}-\d\d-\d\d$/.test(d))!;
    const hour = fs.readdirSync(path.join(activitiesDir, day)).find((f) => f.endsWith('.json'))!;
    await c.close();
    running = null;
    fs.writeFileSync(path.join(activitiesDir, day, hour), '{"activities": [ truncated');

    c = await open();
    const before = await health(c);
    expect(before.attention).toBe(true);
    expect(before.files).toHaveLength(1);
    expect(before.files[0]).toMatchObject({ repairedAt: null, range: { since: expect.any(Number) } });
    expect(before.files[0].range!.until - before.files[0].range!.since).toBe(3600_000);
    const hourText = `${day} ${hour.slice(0, 2)}:00 UTC`;
    expect(before.lines[0]).toMatch(/^Damaged, not yet repaired: The activity file for .* could not be read/);
    expect(before.lines[0]).toContain(`The next sync fetches ${hourText}`);
    expect(before.fix).toMatch(/^Sync now/);

    await c.api.connector.syncNow(undefined);
    expect((await c.connector.waitForIdle()).ok).toBe(true);
    const after = await health(c);
    expect(after.attention).toBe(false);
    expect(after.files[0].repairedAt).toEqual(expect.any(Number));
    expect(after.lines[0]).toMatch(/^Repaired on .*: activities\/.* was found damaged on .* the re-sync fetched/);
    expect(after.fix).toBeNull();
  });

  it('quarantined records: how many, when received, why, and that nothing blocks the sync', async () => {
    fw.faults.junk = [{ id: 'far', timestamp: 1e20, event: 'Logged in' }, { timestamp: 5 }];
    const c = await open();
    const r = await connectAndSync(c);
    expect(r.quarantined).toBe(2);
    const h = await health(c);
    expect(h.records.count).toBe(2);
    expect(h.records.recent.map((x) => x.id)).toEqual([null, 'far']);
    expect(h.attention).toBe(true);
    expect(h.lines[0]).toMatch(/^2 audit records were quarantined \(received \d{4}-\d\d-\d\d \d\d:\d\d UTC\): /);
    expect(h.lines[0]).toMatch(/a re-sync cannot repair that\. Latest: missing id\.$/);
    expect(h.fix).toMatch(/^Nothing blocks the sync/);
  });

  it('a damaged meta.json: the status says so (not "Not connected"); reconnecting repairs it', async () => {
    let c = await open();
    await connectAndSync(c);
    await c.close();
    running = null;
    fs.writeFileSync(path.join(dataDir, 'store', 'meta.json'), '{"v":1,"entries":{"connection": tru');

    c = await open();
    const status = c.connector.status();
    expect(status.state).toBe('error');
    expect(status.error).toMatchObject({ code: 'store_corrupt', fix: expect.stringMatching(/^Connect again/) });
    expect(status.error!.message).toMatch(/^The sync state file was found damaged and moved to quarantine\//);
    const h = await health(c);
    expect(h).toMatchObject({ metaDamaged: true, attention: true, fix: expect.stringMatching(/^Connect again/) });

    const r = await connectAndSync(c);
    expect(r.ok).toBe(true);
    expect(c.connector.status().state).toBe('connected');
    const healed = await health(c);
    expect(healed.metaDamaged).toBe(false);
    expect(healed.files[0]).toMatchObject({ file: 'meta.json', repairedAt: expect.any(Number) });
  });
});
