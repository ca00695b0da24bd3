// Detection quality against the demo community's ground truth: the demo server runs in this
// process, a console syncs it for real into a temporary data directory (main/sync, the store,
// detection through the console's own pipeline), and the alerts are scored against the injected
// incidents: every attack caught by its policy, no alert on a look-alike, false positives per
// 1,000 user-days for everything the ground truth does not explain.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openConsole } from '../../main/console/open-console';
import { ANOMALY_POLICY_IDS } from '../../main/detect/types';
import { startDemoServer, type Incident } from '../../main/demo/index';
import { parseCidr } from '../../main/intel/ip-address';
import { IpRanges } from '../../main/intel/ip-ranges';
import { openIpIntel } from '../../main/intel/open-ip-intel';
import { MemorySecretStore } from '../../main/runtime/secrets';
import type { Alert } from '../../main/store/alert-store';
import { LowIpRangeStore } from '../../main/store/ip-range-store';
import { storeLayout } from '../../main/store/layout';

export interface PolicyScore {
  policy: string;
  expected: number;
  caught: number;
  missed: string[];
  lookAlikeAlerts: number;
  lookAlikeIds: string[];
  falsePositives: number;
  fpPer1000UserDays: number;
  alerts: number;
}

export interface ScenarioScore {
  seed: string;
  users: number;
  days: number;
  events: number;
  userDays: number;
  policies: PolicyScore[];
  alerts: Alert[];
  unexplained: Alert[];
}

const SLACK = 2 * 3_600_000;
const lower = (s: string | null | undefined) => (s ?? '').trim().toLowerCase();

function people(i: Incident): Set<string> {
  const out = new Set<string>(i.actors.map(lower));
  if (i.user) out.add(lower(i.user.email));
  return out;
}

/** Whether the alert is about this incident: shares activities, or names its people within its window. */
function touches(a: Alert, i: Incident, ids: Set<string>): boolean {
  if (a.activityIds.some((id) => ids.has(id))) return true;
  const who = people(i);
  if (!a.users.some((u) => who.has(lower(u)))) return false;
  return (
    a.lastSeen >= i.window.from * (i.window.from < 1e12 ? 1000 : 1) - SLACK &&
    a.firstSeen <= i.window.to * (i.window.to < 1e12 ? 1000 : 1) + SLACK
  );
}

export function scoreAlerts(
  alerts: Alert[],
  incidents: Incident[],
  size: { users: number; days: number },
): Pick<ScenarioScore, 'policies' | 'unexplained' | 'userDays'> {
  const anomaly = alerts.filter((a) => (ANOMALY_POLICY_IDS as readonly string[]).includes(a.policy));
  const idSets = new Map(incidents.map((i) => [i.id, new Set(i.eventIds)]));
  const userDays = size.users * size.days;
  const explained = new Set<string>();
  const rows: PolicyScore[] = ANOMALY_POLICY_IDS.map((policy) => {
    const attacks = incidents.filter((i) => i.kind === 'attack' && i.policy === policy);
    const missed: string[] = [];
    for (const i of attacks) {
      const hit = anomaly.filter((a) => a.policy === policy && touches(a, i, idSets.get(i.id)!));
      if (hit.length === 0) missed.push(i.id);
      hit.forEach((a) => explained.add(a.id));
    }
    const lookAlikeIds: string[] = [];
    for (const i of incidents.filter((x) => x.mustNotFire.includes(policy))) {
      for (const a of anomaly.filter((x) => x.policy === policy && touches(x, i, idSets.get(i.id)!))) {
        // An attack's own alert is not a look-alike alert because another incident shares its user.
        if (!explained.has(a.id)) lookAlikeIds.push(`${i.id}:${a.id}`);
      }
    }
    return {
      policy,
      expected: attacks.length,
      caught: attacks.length - missed.length,
      missed,
      lookAlikeAlerts: lookAlikeIds.length,
      lookAlikeIds,
      falsePositives: 0,
      fpPer1000UserDays: 0,
      alerts: anomaly.filter((a) => a.policy === policy).length,
    };
  });
  // Alerts other incidents allow (alsoExpected) are explained too.
  for (const i of incidents) {
    for (const a of anomaly) {
      if (explained.has(a.id)) continue;
      if ((i.policy === a.policy || i.alsoExpected.includes(a.policy as never)) && touches(a, i, idSets.get(i.id)!))
        explained.add(a.id);
    }
  }
  const unexplained = anomaly.filter((a) => !explained.has(a.id));
  for (const r of rows) {
    r.falsePositives = unexplained.filter((a) => a.policy === r.policy).length;
    r.fpPer1000UserDays = Math.round((r.falsePositives / userDays) * 1000 * 100) / 100;
  }
  return { policies: rows, unexplained, userDays };
}

export async function evaluateScenario(opts: {
  seed: string;
  users: number;
  days: number;
  /** Keep the synced data directory (to investigate an alert); its path is printed. */
  keepDir?: boolean;
  /** End of the generated history, epoch ms (default: now floored to the hour), to replay a given hour. */
  now?: number;
}): Promise<ScenarioScore> {
  const demo = await startDemoServer({
    users: opts.users,
    days: opts.days,
    seed: opts.seed,
    liveRatePerMin: 0,
    now: opts.now,
  });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-eval-'));
  try {
    const doc = demo.incidents;
    // The admin's setup, as detections.md expects it: the office egress tagged Corporate, the
    // company VPN gateways tagged VPN, the cloud ranges tagged Cloud provider; the shipped lists.
    const layout = storeLayout(dataDir);
    fs.mkdirSync(layout.root, { recursive: true });
    const rangeStore = await LowIpRangeStore.open(layout, async () => {});
    const ranges = new IpRanges(rangeStore);
    const f = doc.fixtures as typeof doc.fixtures & { corporateVpnCidrs?: string[] };
    for (const [cidrs, category] of [
      [f.corporateCidrs, 'corporate'],
      [f.vpnCidrs, 'vpn'],
      [f.corporateVpnCidrs ?? [], 'vpn'],
      [f.cloudCidrs, 'cloud'],
    ] as const) {
      for (const cidr of cidrs) if (!ranges.overlapping(parseCidr(cidr))) await ranges.add({ cidr, category });
    }
    const intel = await openIpIntel({ dataDir, ranges: rangeStore, listFixtures: true });
    const running = await openConsole({
      shell: 'node',
      dataDir,
      secrets: new MemorySecretStore(),
      ipIntel: intel,
    });
    try {
      await running.connector.connectToken({
        token: demo.integrationToken,
        apiBase: demo.baseUrl,
        // The whole history, also when it was pinned to end before now.
        backfillDays: opts.days + 1 + Math.ceil(Math.max(0, Date.now() - (opts.now ?? Date.now())) / 86_400_000),
      });
      const sync = await running.connector.waitForIdle();
      if (!sync.ok) throw new Error(`The sync failed: ${sync.error?.message ?? 'unknown'}`);
      await running.detection.settled();
      const alerts: Alert[] = [];
      let cursor: string | null = null;
      for (let guard = 0; guard < 10_000; guard++) {
        const page = running.store.alerts.query({}, cursor, 1000);
        alerts.push(...page.items);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      const scored = scoreAlerts(alerts, doc.incidents, { users: opts.users, days: opts.days });
      return {
        seed: opts.seed,
        users: opts.users,
        days: opts.days,
        events: running.store.activities.count(),
        alerts,
        ...scored,
      };
    } finally {
      await running.close();
    }
  } finally {
    await demo.close();
    if (opts.keepDir) process.stdout.write(`data directory kept: ${dataDir}\n`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function formatScore(s: ScenarioScore): string {
  const lines = [
    `seed ${s.seed}: ${s.users} users × ${s.days} days, ${s.events} events, ${s.alerts.length} alerts`,
    'policy                   caught/expected  look-alike alerts  false positives  FP per 1,000 user-days',
  ];
  for (const r of s.policies) {
    lines.push(
      `${r.policy.padEnd(24)} ${`${r.caught}/${r.expected}`.padStart(15)}  ` +
        `${String(r.lookAlikeAlerts).padStart(17)}  ` +
        `${String(r.falsePositives).padStart(15)}  ${r.fpPer1000UserDays.toFixed(2).padStart(22)}` +
        (r.missed.length ? `   missed ${r.missed.join(', ')}` : '') +
        (r.lookAlikeIds.length ? `   on ${r.lookAlikeIds.join(', ')}` : ''),
    );
  }
  const fp = s.policies.reduce((n, r) => n + r.falsePositives, 0);
  lines.push(`all policies: ${fp} false positives = ${((fp / s.userDays) * 1000).toFixed(2)} per 1,000 user-days`);
  return lines.join('\n');
}
