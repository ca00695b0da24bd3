// Replay through the store's index-only scan raises exactly what reading every stored activity
// and running the row filter over it raises: the four templates, broad policies, every filter
// field (users by id, username or email in any case, CIDRs, ASNs, tags and their negation, events,
// countries, hours across midnight, devices, user agents), the daily limit, and a time range.
import { describe, expect, it } from 'vitest';
import { evaluateActivityPolicy, newActivityPolicyState } from '../../../../../main/detect/activity/evaluate';
import { replayActivityPolicy, type ReplayResult } from '../../../../../main/detect/activity/replay';
import { ACTIVITY_TEMPLATES } from '../../../../../main/detect/activity/templates';
import { actorKey } from '../../../../../main/detect/activity-kinds';
import { byTime } from '../../../../../main/detect/history';
import type { AlertDraft } from '../../../../../main/store/alert-store';
import { openStore } from '../../../../../main/store/index';
import type { ActivityPolicy } from '../../../../../main/store/policy-store';
import type { Store, StoredActivity } from '../../../../../main/store/types';
import { tempDir, user } from '../../store/fixtures';
import { act, DAY, fixtureIntel, HOUR, MIN, T0 } from '../fixtures';

const intel = fixtureIntel({
  '10.9.0.5': {
    range: { id: 'lab', cidr: '10.9.0.0/16', category: 'vpn', name: 'Lab', tags: ['lab'], createdAt: T0 - 30 * DAY },
  },
});

/** The straightforward replay: every stored activity read whole, the row filter, then the same aggregation. */
async function replayReadingEveryRow(
  store: Store,
  policy: ActivityPolicy,
  opts: { since?: number; until?: number; limit?: number } = {},
): Promise<ReplayResult> {
  const items: StoredActivity[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.activities.query({ since: opts.since, until: opts.until }, cursor, 1000);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  items.sort(byTime);
  const names = (a: StoredActivity) => {
    const k = actorKey(a);
    const u = k ? (store.users.findByEmail(k) ?? store.users.get(a.actor!)) : null;
    return [k, u?.email?.toLowerCase(), u?.email?.toLowerCase().split('@')[0], u?.id.toLowerCase()].filter(
      (x): x is string => !!x,
    );
  };
  const open = new Set<string>();
  const findings = evaluateActivityPolicy(policy, items, newActivityPolicyState(), {
    facts: (ip) => (ip ? intel.facts(ip) : null),
    names,
    isOpen: (u, key) => open.has(`${u}|${key}`),
  });
  const byKey = new Map<string, AlertDraft>();
  let held = 0;
  for (const f of findings) {
    const k = `${f.draft.user}|${f.draft.key}`;
    if (!f.alert) {
      held++;
      continue;
    }
    open.add(k);
    const prev = byKey.get(k);
    if (prev) {
      prev.activityIds = [...new Set([...prev.activityIds, ...f.draft.activityIds])].slice(0, 500);
      prev.at = f.draft.at;
    } else byKey.set(k, { ...f.draft });
  }
  const alerts = [...byKey.values()].sort((x, y) => y.at - x.at);
  return {
    policy: `activity:${policy.id}`,
    scanned: items.length,
    matches: findings.length,
    alerts: alerts.slice(0, opts.limit ?? 100),
    alertCount: alerts.length,
    heldBackByDailyLimit: held,
    range: { since: opts.since ?? null, until: opts.until ?? null },
  };
}

const IPS = [
  '198.51.100.10',
  '198.51.100.11',
  '203.0.113.50',
  '192.0.2.10', // corporate range
  '185.220.101.33', // Tor
  '92.63.197.10', // FireHOL
  '10.8.0.5', // the admin's VPN range
  '10.9.0.5', // tagged lab
  '172.58.1.1', // mobile carrier
];
const KINDS: [string, string][] = [
  ['login.success', 'Logged in'],
  ['login.failure', 'Login Failed'],
  ['login.reauthenticate', 'Reauthenticated'],
  ['file.download', 'File Downloaded'],
  ['file.upload', 'file uploaded'],
  ['admin.role.assign', 'New role assigned'],
  ['logout', 'Logged out'],
];
const ACTORS = ['alice@example.com', 'Bob@Example.com', '300', 'dave@example.com', 'erin@example.com', null];

/** Ten days of mixed activity from six actors, with download and failed sign-in bursts. */
function history(): StoredActivity[] {
  let s = 7;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const out: StoredActivity[] = [];
  for (let i = 0; i < 3000; i++) {
    const [type, event] = KINDS[Math.floor(rand() * KINDS.length)]!;
    const mobile = rand() < 0.3;
    out.push(
      act({
        id: `r-${i}`,
        at: T0 + Math.floor(rand() * 10 * DAY),
        type,
        event: rand() < 0.2 ? event.toUpperCase() : event,
        actor: ACTORS[Math.floor(rand() * ACTORS.length)],
        ip: rand() < 0.05 ? null : IPS[Math.floor(rand() * IPS.length)]!,
        place: rand() < 0.1 ? null : (['paris', 'newYork', 'hanoi'] as const)[Math.floor(rand() * 3)]!,
        admin: type.startsWith('admin'),
        impersonated: rand() < 0.05,
        userAgent: mobile ? 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0)' : rand() < 0.1 ? null : 'Chrome/124',
        device: mobile ? { browser: 'Safari', os: 'iOS', type: 'mobile', app: null } : null,
      }),
    );
  }
  for (let b = 0; b < 8; b++) {
    const from = T0 + b * DAY + 3 * HOUR;
    const actor = b % 2 ? 'Bob@Example.com' : '300';
    for (let k = 0; k < 60; k++)
      out.push(act({ id: `d-${b}-${k}`, at: from + k * 700, actor, type: 'file.download', event: 'File Downloaded' }));
    for (let k = 0; k < 14; k++)
      out.push(
        act({
          id: `f-${b}-${k}`,
          at: from + HOUR + k * 10_000,
          actor: 'alice@example.com',
          type: 'login.failure',
          event: 'Login Failed',
          ip: IPS[b % IPS.length]!,
        }),
      );
  }
  return out;
}

const policy = (over: Partial<ActivityPolicy> & Pick<ActivityPolicy, 'id' | 'filter'>): ActivityPolicy => ({
  name: over.id,
  description: '',
  enabled: true,
  severity: 'Medium',
  mode: { kind: 'every' },
  dailyLimit: 10,
  actions: [],
  template: null,
  createdAt: T0,
  updatedAt: T0,
  ...over,
});

const POLICIES: ActivityPolicy[] = [
  ...ACTIVITY_TEMPLATES.map((t) => ({ ...t, createdAt: T0, updatedAt: T0 })),
  policy({ id: 'everything-every', filter: {}, dailyLimit: 25 }),
  policy({
    id: 'everything-repeated-per-ip',
    filter: { types: ['*'] },
    mode: { kind: 'repeated', count: 6, minutes: 90, perIp: true },
    dailyLimit: 3,
  }),
  policy({ id: 'named-users', filter: { users: ['bob', ' 300 ', 'ALICE@example.com'] } }),
  policy({ id: 'networks', filter: { ips: ['198.51.100.0/24', '10.8.0.5'], asns: [3215, 60729, 1] } }),
  policy({ id: 'asns-only', filter: { asns: [48693, 21928] }, dailyLimit: 1000 }),
  policy({ id: 'tags', filter: { ipTags: ['tag:lab', 'vpn', 'tor'], notIpTags: ['corporate'] } }),
  policy({
    id: 'events-repeated',
    filter: { events: ['file downloaded', 'LOGIN FAILED'] },
    mode: { kind: 'repeated', count: 4, minutes: 10, perIp: false },
  }),
  policy({ id: 'night-abroad', filter: { countries: ['us', 'VN'], hours: { from: 22, to: 6 } }, dailyLimit: 1000 }),
  policy({ id: 'phones', filter: { deviceTypes: ['mobile'], userAgentContains: 'IPHONE', types: ['login.*'] } }),
  policy({ id: 'impersonated-admin', filter: { impersonated: true, admin: false, types: ['file.upload', 'logout'] } }),
];

describe('replay through the index-only scan', () => {
  it('raises exactly what reading every activity raises', async () => {
    const store = await openStore(tempDir());
    try {
      await store.users.upsertMany([
        user({ id: '300', name: 'Carol', email: 'carol@example.com' }),
        user({ id: '200', name: 'Bob', email: 'bob@example.com' }),
      ]);
      const all = history();
      await store.activities.append(all);
      const ranges = [{}, { since: T0 + 2 * DAY + 5 * HOUR, until: T0 + 6 * DAY + 30 * MIN, limit: 1000 }];
      let alerts = 0;
      let held = 0;
      for (const p of POLICIES) {
        for (const range of ranges) {
          const viaScan = await replayActivityPolicy(store, intel, p, range);
          const viaRows = await replayReadingEveryRow(store, p, range);
          expect(viaScan, p.id).toEqual(viaRows);
          alerts += viaScan.alertCount;
          held += viaScan.heldBackByDailyLimit;
          expect(viaScan.alertCount, p.id).toBeGreaterThan(0);
        }
      }
      // The comparison covered alerts raised and alerts held back by the daily limit.
      expect(alerts).toBeGreaterThan(100);
      expect(held).toBeGreaterThan(100);
    } finally {
      await store.close();
    }
  });
});

/**
 * Two days of sign-ins and downloads by 80 actors (one in two spelled in another case, so two
 * spellings share a window) from four addresses each (and none), interleaved in time: bursts in
 * thousands of groups at once, bursts that run on past a window, over midnight and past 500
 * activities, and gaps that end them.
 */
function manyGroups(): StoredActivity[] {
  let s = 11;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const out: StoredActivity[] = [];
  const ips = ['198.51.100.10', '203.0.113.50', '185.220.101.33', null];
  for (let u = 0; u < 80; u++) {
    const actor = (k: number) => (u % 2 && k % 3 === 0 ? ` User${u}@Example.com` : `user${u}@example.com`);
    let at = T0 - 6 * HOUR + Math.floor(rand() * HOUR);
    for (let k = 0; at < T0 + 2 * DAY; k++) {
      // Mostly bursts (seconds to a minute apart), now and then a pause that ends one.
      const r = rand();
      at +=
        r < 0.8 ? Math.floor(rand() * MIN) : r < 0.95 ? Math.floor(rand() * 20 * MIN) : Math.floor(rand() * 6 * HOUR);
      out.push(
        act({
          id: `g-${u}-${k}`,
          at,
          actor: actor(k),
          type: rand() < 0.5 ? 'login.failure' : 'file.download',
          event: 'x',
          ip: ips[Math.floor(rand() * ips.length)]!,
        }),
      );
    }
  }
  // One actor downloads without a pause for three hours: a burst past 500 linked activities.
  for (let k = 0; k < 900; k++)
    out.push(act({ id: `long-${k}`, at: T0 + DAY - 90 * MIN + k * 12_000, actor: 'mallory@example.com', ip: null }));
  return out;
}

describe('repeated-activity replay over many groups', () => {
  it('raises exactly what reading every activity raises, with the daily limit biting', async () => {
    const store = await openStore(tempDir());
    try {
      await store.activities.append(manyGroups());
      const policies = [
        policy({
          id: 'per-ip-3-in-5',
          filter: { types: ['login.*', 'file.*'] },
          mode: { kind: 'repeated', count: 3, minutes: 5, perIp: true },
          dailyLimit: 40,
        }),
        policy({
          id: 'per-user-8-in-10',
          filter: {},
          mode: { kind: 'repeated', count: 8, minutes: 10, perIp: false },
          dailyLimit: 7,
        }),
        policy({
          id: 'failures-2-in-1',
          filter: { types: ['login.failure'] },
          mode: { kind: 'repeated', count: 2, minutes: 1, perIp: true },
          dailyLimit: 60,
        }),
      ];
      const ranges = [{ limit: 100_000 }, { since: T0 + DAY / 2, until: T0 + 2 * DAY, limit: 100_000 }];
      for (const p of policies) {
        for (const range of ranges) {
          const viaScan = await replayActivityPolicy(store, intel, p, range);
          const viaRows = await replayReadingEveryRow(store, p, range);
          expect(viaScan, p.id).toEqual(viaRows);
          // Many groups raised alerts, the limit held back many more, and an alert linked the most it may.
          expect(new Set(viaScan.alerts.map((a) => a.user)).size, p.id).toBeGreaterThan(15);
          expect(viaScan.heldBackByDailyLimit, p.id).toBeGreaterThan(viaScan.alertCount);
          // The limit holds: a held-back burst does not raise its alert on its next match.
          const perDay = new Map<number, number>();
          for (const a of viaScan.alerts)
            perDay.set(Math.floor(a.at / DAY), (perDay.get(Math.floor(a.at / DAY)) ?? 0) + 1);
          expect(Math.max(...perDay.values()), p.id).toBeLessThanOrEqual(p.dailyLimit);
        }
      }
      // (A limit that leaves room: the long burst began once the day's seven alerts were raised.)
      const long = await replayActivityPolicy(store, intel, { ...policies[1]!, dailyLimit: 1000 }, { limit: 100_000 });
      expect(long.alerts.find((a) => a.user === 'mallory@example.com')?.activityIds.length).toBe(500);
    } finally {
      await store.close();
    }
  });
});
