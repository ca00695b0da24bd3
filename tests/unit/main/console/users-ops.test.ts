// The users slice of the facade (main/console/users-ops.ts) through dispatch, so every input and
// answer is checked against the contract: a real console on a temporary data dir, users in the
// real lowdb users file, alerts raised through the real alert store, activities in the real store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../main/console/dispatch';
import { openConsole, type RunningConsole } from '../../../../main/console/open-console';
import type { AlertDraft } from '../../../../main/store/alert-store';
import type { StoredActivity, StoredUser } from '../../../../main/store/types';
import type { User, UserSummary } from '../../../../preload/contract';
import { tempDir } from '../../../support/cli';

let running: RunningConsole;
const NOW = Date.now();
const DAY = 86_400_000;

type UserPage = { items: User[]; nextCursor: string | null; total: number };

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

const person = (over: Partial<StoredUser> & { id: string; name: string }): StoredUser => ({
  email: `${over.name.toLowerCase().replace(/\s+/g, '.')}@bw.example`,
  title: null,
  department: 'Sales',
  active: true,
  admin: false,
  claimed: true,
  authMethod: 'sso',
  termDate: null,
  managerId: null,
  raw: {},
  ...over,
});

const signIn = (id: string, actor: string, at: number, country: string): StoredActivity => ({
  id,
  at,
  type: 'login.success',
  event: 'LOGIN_SUCCESS',
  actor,
  target: null,
  ip: country === 'NL' ? '145.1.1.1' : '203.0.113.9',
  country,
  city: null,
  lat: null,
  lon: null,
  radiusKm: null,
  admin: false,
  impersonated: false,
  userAgent: null,
  summary: null,
  raw: {},
});

const alert = (user: string, severity: AlertDraft['severity'], key: string, at = NOW - 3_600_000): AlertDraft => ({
  policy: 'failed-logins',
  policyName: 'Failed logins',
  key,
  user,
  severity,
  mitre: 'Credential access',
  title: `${severity} for ${user}`,
  description: 'd',
  at,
  activityIds: [],
  ips: [],
  countries: [],
  evidence: {},
});

beforeAll(async () => {
  running = await openConsole({ shell: 'node', dataDir: tempDir('wg-users-ops-') });
  await running.store.users.upsertMany([
    person({ id: 'u1', name: 'Ana Lopez', admin: true }),
    person({ id: 'u2', name: 'Bo Chen', department: 'Engineering', authMethod: 'password' }),
    person({ id: 'u3', name: 'Cy Diaz', active: false, termDate: NOW - DAY }),
    person({ id: 'u4', name: 'Di Evans', claimed: false, authMethod: null, department: null }),
    person({ id: 'u5', name: 'Ed Fox', termDate: NOW + 30 * DAY }),
  ]);
  await running.store.activities.append([
    signIn('s1', 'ana.lopez@bw.example', NOW - 2 * DAY, 'NL'),
    signIn('s2', 'ana.lopez@bw.example', NOW - DAY, 'SG'),
    signIn('s3', 'bo.chen@bw.example', NOW - 3 * DAY, 'NL'),
  ]);
  // Bo: one High (30); Ana: one Medium (15) and one Low (5) about activity six days old — all three
  // raised just now, so each weighs fully (priority fades from when an alert last fired).
  await running.store.alerts.upsertMany([
    alert('bo.chen@bw.example', 'High', 'k1'),
    alert('ana.lopez@bw.example', 'Medium', 'k2'),
    alert('ana.lopez@bw.example', 'Low', 'k3', NOW - 6 * DAY),
  ]);
  // A resolved alert weighs nothing and is not open.
  const r = await running.store.alerts.upsertMany([alert('di.evans@bw.example', 'High', 'k4')]);
  await running.store.alerts.update(r.created[0]!, { status: 'Resolved' }, 'test');
});
afterAll(async () => {
  await running?.close();
});

describe('users.list', () => {
  it('lists everyone in name order with the total, open alerts and priority', async () => {
    const page = await ok<UserPage>('users.list', {});
    expect(page.total).toBe(5);
    expect(page.items.map((u) => u.id)).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
    const byId = Object.fromEntries(page.items.map((u) => [u.id, u]));
    // High weighs 30; Ana's Medium and Low 15 + 5, the Low not faded by its activity's age.
    expect(byId.u2!.openAlerts).toBe(1);
    expect(byId.u2!.priority).toBeCloseTo(30, 1);
    expect(byId.u1!.openAlerts).toBe(2);
    expect(byId.u1!.priority).toBeCloseTo(20, 1);
    expect(byId.u4).toMatchObject({ openAlerts: 0, priority: 0 });
    expect(byId.u1!.lastActivityAt).toBe(NOW - DAY);
  });

  it('filters on status, admin, terminated, unclaimed, sign-in method and open alerts', async () => {
    const ids = async (input: object) => (await ok<UserPage>('users.list', input)).items.map((u) => u.id);
    expect(await ids({ status: 'inactive' })).toEqual(['u3']);
    expect(await ids({ status: 'active' })).toEqual(['u1', 'u2', 'u4', 'u5']);
    expect(await ids({ admin: true })).toEqual(['u1']);
    // A leaving date in the future is not yet terminated.
    expect(await ids({ terminated: true })).toEqual(['u3']);
    expect(await ids({ unclaimed: true })).toEqual(['u4']);
    expect(await ids({ authMethod: 'password' })).toEqual(['u2']);
    expect(await ids({ authMethod: 'none' })).toEqual(['u4']);
    expect(await ids({ openAlerts: true })).toEqual(['u1', 'u2']);
    expect(await ids({ openAlerts: false, status: 'active' })).toEqual(['u4', 'u5']);
    expect(await ids({ search: 'engineer' })).toEqual(['u2']);
    const none = await ok<UserPage>('users.list', { admin: true, status: 'inactive' });
    expect(none).toEqual({ items: [], nextCursor: null, total: 0 });
  });

  it('sorts by priority, open alerts, department and last activity, either way', async () => {
    const ids = async (input: object) => (await ok<UserPage>('users.list', input)).items.map((u) => u.id);
    expect((await ids({ sort: 'priority' })).slice(0, 2)).toEqual(['u2', 'u1']);
    expect((await ids({ sort: 'openAlerts' })).slice(0, 2)).toEqual(['u1', 'u2']);
    // Text A→Z with people lacking the field last; reversed Z→A, still last.
    expect(await ids({ sort: 'department' })).toEqual(['u2', 'u1', 'u3', 'u5', 'u4']);
    expect(await ids({ sort: 'department', reverse: true })).toEqual(['u1', 'u3', 'u5', 'u2', 'u4']);
    expect((await ids({ sort: 'lastActivity' })).slice(0, 2)).toEqual(['u1', 'u2']);
    expect(await ids({ reverse: true })).toEqual(['u5', 'u4', 'u3', 'u2', 'u1']);
  });

  it('pages any sort by keyset without repeating or skipping anyone, and refuses a forged cursor', async () => {
    for (const sort of ['name', 'priority', 'department', 'lastActivity'] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 10; i++) {
        const page: UserPage = await ok('users.list', { sort, limit: 2, ...(cursor ? { cursor } : {}) });
        expect(page.total).toBe(5);
        seen.push(...page.items.map((u) => u.id));
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toEqual((await ok<UserPage>('users.list', { sort })).items.map((u) => u.id));
    }
    expect((await refused('users.list', { sort: 'priority', cursor: 'bm90IGEgY3Vyc29y' })).code).toBe('invalid_input');
    expect((await refused('users.list', { sort: 'shoe size' })).code).toBe('invalid_input');
  });
});

describe('users.summary', () => {
  it('gives the page: places with map codes, priority with its alerts, open alerts', async () => {
    const s = await ok<UserSummary>('users.summary', { id: 'u1' });
    expect(s.activityCount).toBe(2);
    expect(s.countries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ country: 'NL', count: 1, numeric: '528' }),
        expect.objectContaining({ country: 'SG', count: 1, numeric: '702' }),
      ]),
    );
    const sg = s.countries.find((c) => c.country === 'SG')!;
    expect(sg.lat).toBeCloseTo(1.37, 0);
    expect(s.user).toMatchObject({ id: 'u1', openAlerts: 2 });
    expect(s.priority.alerts.map((a) => a.severity)).toEqual(['Medium', 'Low']);
    expect(s.priority.score).toBe(s.user.priority);
    // The list's one-pass score (alert-store openLoadByUser) is the sum priority() itemises.
    expect(s.priority.alerts.reduce((n, a) => n + a.contribution, 0)).toBeCloseTo(s.user.priority, 5);
    expect((await refused('users.summary', { id: 'nobody' })).code).toBe('not_found');
  });
});
