// The detection slices of the facade (main/console/detection-ops.ts) through dispatch, so every
// input and answer is checked against the contract: a real console on a temporary data dir (real
// lowdb files for alerts, policies and IP ranges), alerts raised through the alert store as
// detection raises them, activities appended to the real activity store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../main/console/dispatch';
import { openConsole, type RunningConsole } from '../../../../main/console/open-console';
import type { AlertDraft } from '../../../../main/store/alert-store';
import type { StoredActivity } from '../../../../main/store/types';
import type { ActivityPolicyInput, Alert, AlertDetail, IpRangeView } from '../../../../preload/contract';
import { tempDir } from '../../../support/cli';

let running: RunningConsole;
const T0 = Date.UTC(2026, 10, 2, 9, 0);

async function ok<T>(op: string, input?: unknown): Promise<T> {
  const r = await dispatch(running.api, op, input);
  if (!r.ok) throw new Error(`${op} failed: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}
async function refused(op: string, input: unknown) {
  const r = await dispatch(running.api, op, input);
  if (r.ok) throw new Error(`${op} was expected to fail`);
  return r.error;
}

const login = (id: string, at: number, ip: string, city: string, lat: number, lon: number): StoredActivity => ({
  id,
  at,
  type: 'login.success',
  event: 'LOGIN_SUCCESS',
  actor: 'ana@bw.example',
  target: null,
  ip,
  country: city === 'Amsterdam' ? 'NL' : 'SG',
  city,
  lat,
  lon,
  radiusKm: 20,
  admin: false,
  impersonated: false,
  userAgent: null,
  summary: `Signed in from ${city}`,
  raw: {},
});

const draft = (over: Partial<AlertDraft>): AlertDraft => ({
  policy: 'impossible-travel',
  policyName: 'Impossible travel',
  key: 'k',
  user: 'ana@bw.example',
  severity: 'High',
  mitre: 'Initial access',
  title: 'Impossible travel',
  description: 'd',
  at: T0,
  activityIds: [],
  ips: [],
  countries: [],
  evidence: {},
  ...over,
});

let travelId: string;
beforeAll(async () => {
  running = await openConsole({ shell: 'node', dataDir: tempDir('wg-detection-ops-') });
  await running.store.activities.append([
    login('a1', T0, '145.1.1.1', 'Amsterdam', 52.37, 4.9),
    login('a2', T0 + 40 * 60_000, '203.0.113.9', 'Singapore', 1.35, 103.8),
  ]);
  const r = await running.store.alerts.upsertMany([
    draft({
      title: 'Impossible travel: Amsterdam → Singapore',
      activityIds: ['a2', 'a1', 'gone'],
      ips: ['145.1.1.1', '203.0.113.9'],
      countries: ['NL', 'SG'],
      evidence: { distanceMinusRadiiKm: 10_480, speedKmh: 15_720 },
    }),
    draft({
      policy: 'failed-logins',
      policyName: 'Failed logins',
      severity: 'Medium',
      title: 'Failed logins',
      key: 'f',
    }),
    draft({ policy: 'anonymous-ip', policyName: 'Anonymous IP', severity: 'Low', title: 'Tor', user: 'bo@bw.example' }),
  ]);
  travelId = r.created[0]!;
});
afterAll(async () => {
  await running?.close();
});

describe('alerts', () => {
  it('lists with filters, sorts by severity and pages by keyset without repeating a row', async () => {
    const all = await ok<{ items: Alert[] }>('alerts.list', {});
    expect(all.items).toHaveLength(3);
    const high = await ok<{ items: Alert[] }>('alerts.list', { severity: 'High' });
    expect(high.items.map((a) => a.policy)).toEqual(['impossible-travel']);
    const bo = await ok<{ items: Alert[] }>('alerts.list', { user: 'bo' });
    expect(bo.items.map((a) => a.policy)).toEqual(['anonymous-ip']);
    const seen: string[] = [];
    let cursor: string | null | undefined;
    for (let i = 0; i < 5 && cursor !== null; i++) {
      const page: { items: Alert[]; nextCursor: string | null } = await ok('alerts.list', {
        sort: 'severity',
        limit: 1,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.items.map((a) => a.severity));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(['High', 'Medium', 'Low']);
    expect((await refused('alerts.list', { sort: 'oldest', cursor: 'nonsense' })).code).toBe('invalid_input');
  });

  it('tells the whole story: evidence numbers, linked activities in time order, policy description', async () => {
    const a = await ok<AlertDetail>('alerts.get', { id: travelId });
    expect(a.evidence[0]!.values).toMatchObject({ distanceMinusRadiiKm: 10_480, speedKmh: 15_720 });
    expect(a.activities.map((x) => x.city)).toEqual(['Amsterdam', 'Singapore']);
    expect(a.policyDescription).toMatch(/airliner/);
    expect((await refused('alerts.get', { id: 'AL-999999' })).code).toBe('not_found');
  });

  it('counts open alerts by severity, and changes many at once (all or nothing on unknown ids)', async () => {
    expect((await ok<{ open: object }>('alerts.counts')).open).toEqual({
      High: 1,
      Medium: 1,
      Low: 1,
      Informational: 0,
    });
    const ids = (await ok<{ items: Alert[] }>('alerts.list', {})).items.map((a) => a.id);
    const bad = await refused('alerts.setStatus', { ids: [ids[0], 'AL-424242'], status: 'In progress' });
    expect(bad).toMatchObject({ code: 'not_found', message: expect.stringContaining('AL-424242') });
    expect(running.store.alerts.get(ids[0]!)!.status).toBe('New');
    const classifyOpen = await refused('alerts.setStatus', {
      ids: [ids[0]],
      status: 'In progress',
      classification: 'True positive',
    });
    expect(classifyOpen.code).toBe('invalid_input');
    const done = await ok<{ updated: Alert[] }>('alerts.setStatus', {
      ids: ids.filter((id) => id !== travelId),
      status: 'Resolved',
      classification: 'False positive',
      comment: 'Lab tests',
    });
    expect(done.updated.map((a) => [a.status, a.classification])).toEqual([
      ['Resolved', 'False positive'],
      ['Resolved', 'False positive'],
    ]);
    const counts = await ok<{ openTotal: number; byStatus: object }>('alerts.counts');
    expect(counts).toMatchObject({ openTotal: 1, byStatus: { New: 1, 'In progress': 0, Resolved: 2 } });
    const open = await ok<{ items: Alert[] }>('alerts.list', { open: true });
    expect(open.items.map((a) => a.id)).toEqual([travelId]);
  });

  it('tunes from the alert: excludes the user, changes sensitivity, tags an IP; each noted in history', async () => {
    await ok('alerts.tune', { action: 'excludeUser', alertId: travelId });
    await ok('alerts.tune', { action: 'sensitivity', alertId: travelId, sensitivity: 'Low' });
    const tagged = await ok<{ message: string }>('alerts.tune', {
      action: 'tagIp',
      alertId: travelId,
      cidr: '203.0.113.9',
      category: 'vpn',
    });
    expect(tagged.message).toContain('203.0.113.9/32 as VPN');
    const policy = await ok<{ excludeUsers: string[]; sensitivity: string }>('policies.get', {
      id: 'impossible-travel',
    });
    expect(policy).toMatchObject({ excludeUsers: ['ana@bw.example'], sensitivity: 'Low' });
    // Stored where detection reads it at the start of every evaluation.
    expect(running.store.policies.anomalyConfig('impossible-travel').excludeUsers).toEqual(['ana@bw.example']);
    const history = (await ok<AlertDetail>('alerts.get', { id: travelId })).history.filter((h) => h.field === 'tuning');
    expect(history).toHaveLength(3);
  });
});

describe('IP ranges', () => {
  it('adds with any-case categories, refuses overlaps naming the range, removes by id', async () => {
    const added = await ok<IpRangeView>('ipRanges.add', {
      cidr: '10.20.0.0/16',
      category: 'CORPORATE',
      tags: ['hq'],
      name: 'Head office',
    });
    expect(added).toMatchObject({ category: 'Corporate', tags: ['hq'], name: 'Head office' });
    const clash = await refused('ipRanges.add', { cidr: '10.20.5.0/24', category: 'Risky' });
    expect(clash.code).toBe('invalid_input');
    expect(clash.message).toMatch(/overlaps the existing range "Head office" 10\.20\.0\.0\/16/);
    expect((await refused('ipRanges.add', { cidr: '10.0.0.0/8', category: 'Office' })).message).toMatch(
      /Unknown category/,
    );
    expect((await ok<IpRangeView[]>('ipRanges.list')).map((r) => r.cidr)).toContain('10.20.0.0/16');
    await ok('ipRanges.remove', { id: added.id });
    expect((await ok<IpRangeView[]>('ipRanges.list')).map((r) => r.cidr)).not.toContain('10.20.0.0/16');
    expect((await refused('ipRanges.remove', { id: added.id })).code).toBe('not_found');
  });
});

describe('policies', () => {
  const policy: ActivityPolicyInput = {
    id: 'singapore-logins',
    name: 'Sign-in from Singapore',
    description: '',
    enabled: true,
    severity: 'Medium',
    filter: { types: ['login.success'], countries: ['SG'] },
    mode: { kind: 'every' },
    dailyLimit: 20,
    actions: [],
    template: null,
  };

  it('lists the eight with their settings, and updates one (unknown settings refused)', async () => {
    const list = await ok<{ anomaly: { id: string; settings: { name: string; current: number }[] }[] }>(
      'policies.list',
    );
    expect(list.anomaly).toHaveLength(8);
    const updated = await ok<{
      enabled: boolean;
      settings: { name: string; override: number | null; current: number }[];
    }>('policies.update', {
      id: 'failed-logins',
      enabled: false,
      params: { [list.anomaly[5]!.settings[0]!.name]: 99 },
    });
    expect(updated.enabled).toBe(false);
    expect(updated.settings[0]).toMatchObject({ override: 99, current: 99 });
    expect((await refused('policies.update', { id: 'failed-logins', params: { nope: 1 } })).message).toMatch(
      /has no setting "nope"/,
    );
  });

  it('replays an activity policy over stored history before saving, then creates and deletes it', async () => {
    const replay = await ok<{ matches: number; alerts: { user: string | null }[] }>('policies.replay', { policy });
    expect(replay.matches).toBe(1);
    expect(replay.alerts.map((a) => a.user)).toEqual(['ana@bw.example']);
    expect(running.store.policies.activityPolicy(policy.id)).toBeNull();
    const created = await ok<{ policy: string }>('policies.createActivity', { policy });
    expect(created.policy).toBe('activity:singapore-logins');
    expect((await refused('policies.createActivity', { policy })).code).toBe('refused');
    await ok('policies.updateActivity', { policy: { ...policy, severity: 'High' } });
    expect(running.store.policies.activityPolicy(policy.id)!.severity).toBe('High');
    await ok('policies.deleteActivity', { id: 'activity:singapore-logins' });
    expect((await refused('policies.get', { id: policy.id })).code).toBe('not_found');
  });
});
