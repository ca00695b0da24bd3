// Posture over a store synced from the demo community: every check agrees with the demo's
// ground truth, the status workflow keeps the admin's choices and the console's Completed,
// and the score has a history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer, type GroundTruthUser } from '../../../../main/demo/index';
import { evaluatePosture, setPostureStatus, type PostureReport } from '../../../../main/posture/posture';
import { openLocalSession, type LocalSession } from '../../../../main/sync/local-session';
import type { StoredActivity } from '../../../../main/store/types';
import { tempDir } from '../../../support/cli';

let demo: DemoServer;
let session: LocalSession;
let report: PostureReport;
const rec = (id: string) => report.recommendations.find((r) => r.id === id)!;
const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort();
let truth: GroundTruthUser[];

beforeAll(async () => {
  demo = await startDemoServer({ users: 80, days: 10, seed: 'posture' });
  session = await openLocalSession(tempDir('wg-posture-'), { extra: { geolocationDir: null } });
  await session.connector.connectToken({ token: demo.integrationToken, apiBase: demo.baseUrl, backfillDays: 10 });
  await session.connector.waitForIdle();
  truth = demo.groundTruth.users().filter((u) => !u.former);
  report = await evaluatePosture(session.store);
});
afterAll(async () => {
  await session?.close();
  await demo?.close();
});

describe('posture checks agree with the organisation', () => {
  it('Adopt SSO comes first and lists exactly the active password accounts', () => {
    expect(report.recommendations[0].id).toBe('adopt-sso');
    const expected = truth.filter((u) => u.active && u.authMethod === 'password');
    expect(expected.length).toBeGreaterThan(0);
    expect(rec('adopt-sso')).toMatchObject({ passed: false, status: 'to_address', affectedCount: expected.length });
    expect(ids(rec('adopt-sso').affected)).toEqual(ids(expected));
    expect(rec('adopt-sso').summary).toMatch(/of \d+ active accounts use SSO/);
  });

  it('admins, unclaimed and terminated-but-active accounts match the ground truth', () => {
    const admins = truth.filter((u) => u.active && u.administrator);
    expect(rec('admin-count').summary).toBe(`${admins.length} active system admin${admins.length === 1 ? '' : 's'}`);
    expect(ids(rec('unclaimed-accounts').affected)).toEqual(ids(truth.filter((u) => u.active && !u.claimed)));
    // Ground truth keeps SCIM's unit (seconds); the store keeps epoch ms.
    const terminated = truth.filter((u) => u.active && u.termDate !== null && u.termDate * 1000 <= report.evaluatedAt);
    expect(ids(rec('terminated-active').affected)).toEqual(ids(terminated));
  });

  it('10 days of history are too short to judge 60-day inactivity, and it says so', () => {
    expect(rec('inactive-accounts')).toMatchObject({ passed: true, affectedCount: 0 });
    expect(rec('inactive-accounts').summary).toMatch(/shorter than 60 days/);
  });

  it('a password sign-in by an SSO account is found', async () => {
    const sso = session.store.users.list(null, null, 1000).items.find((u) => u.active && u.authMethod === 'sso')!;
    const before = await evaluatePosture(session.store);
    expect(before.recommendations.find((r) => r.id === 'password-signins-by-sso')!.passed).toBe(true);
    const login: StoredActivity = {
      id: 'posture-test-1',
      at: Date.now() - 3_600_000,
      type: 'login.success',
      event: 'Logged in',
      actor: sso.email,
      target: sso.email,
      ip: '81.2.69.142',
      country: 'GB',
      city: null,
      lat: null,
      lon: null,
      radiusKm: null,
      admin: false,
      impersonated: false,
      userAgent: null,
      summary: 'logged in',
      raw: { id: 'posture-test-1', event: 'Logged in', extra_data: { login_type: 'password' } },
    };
    await session.store.activities.append([login]);
    report = await evaluatePosture(session.store);
    expect(rec('password-signins-by-sso')).toMatchObject({ passed: false, affectedCount: 1 });
    expect(rec('password-signins-by-sso').affected[0].id).toBe(sso.id);
  });
});

describe('status workflow and score', () => {
  it("keeps the admin's status, refuses Completed by hand, and scores mitigations", async () => {
    await setPostureStatus(session.store, 'adopt-sso', 'planned');
    let r = await evaluatePosture(session.store);
    expect(r.recommendations[0]).toMatchObject({ status: 'planned', statusBy: 'admin' });
    await expect(setPostureStatus(session.store, 'adopt-sso', 'completed')).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(setPostureStatus(session.store, 'nope', 'planned')).rejects.toMatchObject({ code: 'not_found' });
    const scoreBefore = r.score;
    await setPostureStatus(session.store, 'adopt-sso', 'resolved_alternate');
    r = await evaluatePosture(session.store);
    expect(r.score).toBe(scoreBefore + 30);
    expect(r.history.length).toBe(1);
    expect(r.history[0].score).toBe(r.score);
  });

  it('sets Completed when a check passes and clears it when it fails again', async () => {
    const term = session.store.users
      .list(null, null, 1000)
      .items.filter((u) => u.active && u.termDate !== null && u.termDate <= Date.now());
    expect(term.length).toBeGreaterThan(0);
    await session.store.users.upsertMany(term.map((u) => ({ ...u, active: false })));
    let r = await evaluatePosture(session.store);
    expect(r.recommendations.find((x) => x.id === 'terminated-active')).toMatchObject({
      passed: true,
      status: 'completed',
      statusBy: 'console',
    });
    await session.store.users.upsertMany(term);
    r = await evaluatePosture(session.store);
    expect(r.recommendations.find((x) => x.id === 'terminated-active')).toMatchObject({
      passed: false,
      status: 'to_address',
    });
  });
});
