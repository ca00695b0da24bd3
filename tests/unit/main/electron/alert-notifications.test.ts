// Issue 9 req 6: in the app, a new High alert becomes an OS notification that names the alert
// and its users; a burst (200 alerts from one sync) becomes one summary, never 200 notifications.
import { describe, expect, it } from 'vitest';
import { AlertNotificationPolicy, type NotifiableAlert } from '../../../../main/electron/alert-notifications';

function alert(n: number, over: Partial<NotifiableAlert> = {}): NotifiableAlert {
  return {
    id: `al-${n}`,
    severity: 'High',
    status: 'New',
    title: `Impossible travel for user ${n}`,
    users: [`user${n}@brightwave.example`],
    policyName: 'Impossible travel',
    ...over,
  };
}

function clock(start = 1_800_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const limits = { perWindow: 3, windowMs: 60_000, remember: 100 };

describe('AlertNotificationPolicy', () => {
  it('a High alert: one notice naming the alert, its users and policy, opening that alert', () => {
    const p = new AlertNotificationPolicy(limits, clock().now);
    const [notice, ...rest] = p.decide([alert(1, { users: ['ann@x.example', 'bo@x.example'] })], true);
    expect(rest).toEqual([]);
    expect(notice).toEqual({
      title: 'High alert: Impossible travel for user 1',
      body: 'ann@x.example, bo@x.example — Impossible travel. Click to open the alert.',
      alertId: 'al-1',
    });
  });

  it('only High alerts that are New; nothing when the admin turned notifications off', () => {
    const p = new AlertNotificationPolicy(limits, clock().now);
    expect(p.decide([alert(1, { severity: 'Medium' }), alert(2, { severity: 'Low' })], true)).toEqual([]);
    expect(p.decide([alert(3, { status: 'Resolved' })], true)).toEqual([]);
    expect(p.decide([alert(4)], false)).toEqual([]);
    expect(p.decide([alert(5)], true).map((n) => n.alertId)).toEqual(['al-5']);
  });

  it('the same alert announced twice is shown once', () => {
    const p = new AlertNotificationPolicy(limits, clock().now);
    expect(p.decide([alert(1)], true)).toHaveLength(1);
    expect(p.decide([alert(1)], true)).toEqual([]);
  });

  it('200 High alerts in one batch make one summary that opens the queue', () => {
    const p = new AlertNotificationPolicy(limits, clock().now);
    const batch = Array.from({ length: 200 }, (_, i) => alert(i));
    const notices = p.decide(batch, true);
    expect(notices).toEqual([
      {
        title: '200 new High alerts',
        body: 'More High alerts arrived than can be shown one by one. Click to open the Alerts queue.',
        alertId: null,
      },
    ]);
  });

  it('200 High alerts one per batch: 3 alone, one summary, the rest counted in the next window', () => {
    const c = clock();
    const p = new AlertNotificationPolicy(limits, c.now);
    const shown = [];
    for (let i = 0; i < 200; i++) {
      shown.push(...p.decide([alert(i)], true));
      c.advance(100); // 20 s for the 200
    }
    expect(shown.map((n) => n.alertId)).toEqual(['al-0', 'al-1', 'al-2', null]);
    expect(shown[3].title).toBe('1 new High alert');
    // Held back until the window ends: then one summary with the count of the rest.
    expect(p.flush()).toEqual([]);
    c.advance(p.flushDueAt()! - c.now());
    const [summary, ...more] = p.flush();
    expect(more).toEqual([]);
    expect(summary).toMatchObject({ title: '196 new High alerts', alertId: null });
    expect(p.flushDueAt()).toBeNull();
  });

  it('a new window allows single notices again; held-back alerts not flushed join the next summary', () => {
    const c = clock();
    const p = new AlertNotificationPolicy(limits, c.now);
    p.decide(
      Array.from({ length: 5 }, (_, i) => alert(i)),
      true,
    ); // summary of 5
    p.decide([alert(10), alert(11)], true); // held
    c.advance(61_000);
    expect(p.decide([alert(12)], true)).toEqual([expect.objectContaining({ title: '3 new High alerts' })]);
    c.advance(61_000);
    expect(p.decide([alert(13)], true).map((n) => n.alertId)).toEqual(['al-13']);
  });

  it('long titles and many users are cut to notification size', () => {
    const p = new AlertNotificationPolicy(limits, clock().now);
    const users = Array.from({ length: 9 }, (_, i) => `u${i}@x.example`);
    const [n] = p.decide([alert(1, { title: 'x'.repeat(500), users })], true);
    expect(n.title.length).toBeLessThanOrEqual(120);
    expect(n.body).toMatch(/^u0@x.example, u1@x.example, u2@x.example and 6 more — /);
  });
});
