// Replay: what an activity policy (new, edited, or saved) would have raised over stored history,
// before it is saved. The store's index-only scan judges the filter on every activity in the range
// from its index entry (each distinct address, user or type asked once), so no partition file is
// read; the matches, in time order, then go through the policy's mode and daily limit (repeated
// activity first slides each group's window on its own: repeated-windows.ts).
import { setImmediate } from 'node:timers/promises';
import type { IpIntel } from '../../intel/ip-facts';
import type { AlertDraft } from '../../store/alert-store';
import type { ActivityPolicy } from '../../store/policy-store';
import type { ColumnScan } from '../../store/activity-scan';
import type { Store } from '../../store/types';
import { actorKey } from '../activity-kinds';
import { columnTests } from './column-filter';
import {
  activityPolicyId,
  activityPolicyJudge,
  newActivityPolicyState,
  repeatedActivityDraft,
  repeatedAlertKey,
  admitAlert,
  type MatchedActivity,
  type RepeatedMode,
} from './evaluate';
import { findRepeated } from './repeated-windows';
import { ReplayTally } from './replay-tally';

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
  const tally = new ReplayTally();
  if (policy.mode.kind === 'repeated') await judgeRepeated(policy, policy.mode, scan, tally);
  else await judgeEveryMatch(policy, scan, tally);
  const alerts = tally.alerts();
  return {
    policy: activityPolicyId(policy),
    scanned: scan.examined,
    matches: tally.findings,
    alerts: alerts.slice(0, opts.limit ?? 100),
    alertCount: alerts.length,
    heldBackByDailyLimit: tally.heldBack,
    range: { since: opts.since ?? null, until: opts.until ?? null },
  };
}

/** Every match is a finding: judged one at a time in time order. */
async function judgeEveryMatch(policy: ActivityPolicy, scan: ColumnScan, tally: ReplayTally): Promise<void> {
  const judge = activityPolicyJudge({ ...policy, enabled: true }, newActivityPolicyState(), tally.isOpen, {
    draftHeldBack: false,
  });
  const row = scan.cursor();
  for (let i = 0; i < scan.length; i++) {
    // A replay over millions of activities takes a second or so: the console's other requests
    // (it runs in the main process) are served in between. The scan's rows stay valid meanwhile:
    // the index columns it reads are replaced by a write, never changed in place, and the
    // dictionary only grows.
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await setImmediate();
    const f = judge(row.moveTo(i));
    if (!f) continue;
    if (!f.alert) tally.held();
    else
      tally.raised(
        f.draft!.user,
        f.draft!.key,
        f.draft!.at,
        () => f.draft!,
        () => f.draft!.activityIds,
      );
  }
}

/**
 * Repeated activity in two phases (see repeated-windows.ts): each group's window slides on its own,
 * then the findings — far fewer than the matches — meet the daily limit and the open alerts in
 * time order, exactly as the live judge would have met them.
 */
async function judgeRepeated(
  policy: ActivityPolicy,
  mode: RepeatedMode,
  scan: ColumnScan,
  tally: ReplayTally,
): Promise<void> {
  const row = scan.cursor();
  const found = await findRepeated({ length: scan.length, moveTo: (i) => row.moveTo(i) }, mode);
  const limits = { daily: new Map<number, number>(), held: new Map<string, number>() };
  const windowIds = (f: number) => {
    const ids: string[] = [];
    for (let k = found.windowStart[f]; k <= found.windowEnd[f]; k++) ids.push(row.moveTo(found.byGroup[k]).id);
    return ids;
  };
  // The findings in time order: each row marked with its finding (one pass, whatever their number).
  const rows = scan.length;
  const findingOf = new Int32Array(rows);
  for (let f = 0; f < found.count; f++) findingOf[found.row[f]] = f + 1;
  for (let i = 0; i < rows; i++) {
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await setImmediate();
    const f = findingOf[i] - 1;
    if (f < 0) continue;
    const { user, name } = found.groups[found.groupOf[i]];
    const key = repeatedAlertKey(name, found.keyAt[f]);
    const at = row.moveTo(i).at;
    const finding = { at, key, continuing: found.continuing[f] === 1, burst: true };
    if (!admitAlert(limits, finding, policy.dailyLimit, () => tally.isOpen(user, key))) {
      tally.held();
      continue;
    }
    const draft = () => {
      const ids = windowIds(f);
      return repeatedActivityDraft(policy, mode, copyMatched(row.moveTo(i)), user, key, ids);
    };
    tally.raised(user, key, at, draft, () => windowIds(f));
  }
}

/** The fields a draft reads, copied off the cursor before it moves on. */
const copyMatched = (a: MatchedActivity): MatchedActivity => ({
  id: a.id,
  at: a.at,
  type: a.type,
  actor: a.actor,
  ip: a.ip,
  country: a.country,
});
