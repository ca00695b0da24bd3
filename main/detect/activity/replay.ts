// Replay: what an activity policy (new, edited, or saved) would have raised over stored history,
// before it is saved. The store's index-only scan judges the filter on every activity in the range
// from its index entry (each distinct address, user or type asked once), so no partition file is
// read; the matches, in time order, then go through the policy's mode and daily limit.
import { setImmediate } from 'node:timers/promises';
import type { IpIntel } from '../../intel/ip-facts';
import type { AlertDraft } from '../../store/alert-store';
import type { ActivityPolicy } from '../../store/policy-store';
import type { Store } from '../../store/types';
import { actorKey } from '../activity-kinds';
import { columnTests } from './column-filter';
import { activityPolicyJudge, activityPolicyId, newActivityPolicyState } from './evaluate';

export interface ReplayResult {
  policy: string;
  /** Activities in the range that the filter was judged on. */
  scanned: number;
  /** Findings: activities that would have raised or continued an alert, or been held back. */
  matches: number;
  /** Alerts it would have raised (after de-duplication and the daily limit), newest first, at most `limit`. */
  alerts: AlertDraft[];
  alertCount: number;
  heldBackByDailyLimit: number;
  range: { since: number | null; until: number | null };
}

/** Activities judged between two turns of the event loop. */
const YIELD_EVERY = 200_000;

/** An alert lists at most this many activities (as the alert store keeps them). */
const MAX_LINKED = 500;

export async function replayActivityPolicy(
  store: Store,
  intel: IpIntel,
  policy: ActivityPolicy,
  opts: { since?: number; until?: number; limit?: number } = {},
): Promise<ReplayResult> {
  const names = (actor: string | null): string[] => {
    const k = actorKey({ actor });
    const u = k ? store.users.peek(actor!) : null;
    const email = u?.email?.toLowerCase();
    return [k, email, email?.split('@')[0], u?.id.toLowerCase()].filter((x): x is string => !!x);
  };
  const scan = await store.activities.scanColumns(
    columnTests(policy.filter, { facts: (ip) => (ip ? intel.facts(ip) : null), names }, opts),
  );
  // Within a replay, a finding continues the alert it already raised for the same key.
  const open = new Map<string | null, Set<string>>();
  const judge = activityPolicyJudge(
    { ...policy, enabled: true },
    newActivityPolicyState(),
    (user, key) => open.get(user)?.has(key) ?? false,
    { draftHeldBack: false },
  );
  const byKey = new Map<string, AlertDraft>();
  let findings = 0;
  let held = 0;
  const row = scan.cursor();
  for (let i = 0; i < scan.length; i++) {
    // A replay over millions of activities takes a second or so: the console's other requests
    // (it runs in the main process) are served in between. The scan's rows stay valid meanwhile:
    // the index columns it reads are replaced by a write, never changed in place, and the dictionary only grows.
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await setImmediate();
    const f = judge(row.moveTo(i));
    if (!f) continue;
    findings++;
    if (!f.alert) {
      held++;
      continue;
    }
    const d = f.draft!;
    let keys = open.get(d.user);
    if (!keys) open.set(d.user, (keys = new Set()));
    keys.add(d.key);
    const k = `${d.user}|${d.key}`;
    const prev = byKey.get(k);
    if (!prev) byKey.set(k, d);
    else {
      // A full list stays as it is: later activities would be cut off anyway.
      if (prev.activityIds.length < MAX_LINKED)
        prev.activityIds = [...new Set([...prev.activityIds, ...d.activityIds])].slice(0, MAX_LINKED);
      prev.at = d.at;
    }
  }
  const alerts = [...byKey.values()].sort((x, y) => y.at - x.at);
  return {
    policy: activityPolicyId(policy),
    scanned: scan.examined,
    matches: findings,
    alerts: alerts.slice(0, opts.limit ?? 100),
    alertCount: alerts.length,
    heldBackByDailyLimit: held,
    range: { since: opts.since ?? null, until: opts.until ?? null },
  };
}
