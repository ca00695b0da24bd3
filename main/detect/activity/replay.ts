// Replay: what an activity policy (new, edited, or saved) would have raised over stored history,
// before it is saved. The store's indexed query narrows the history by whatever the filter pins
// to one value (type, admin, impersonated, user, IP, country, time), so only candidate rows are
// decoded; the full filter then runs in memory, in time order.
import type { ActivityFilter } from '../../../preload/contract';
import type { IpIntel } from '../../intel/ip-facts';
import type { AlertDraft } from '../../store/alert-store';
import type { ActivityPolicy } from '../../store/policy-store';
import type { StoredActivity, Store } from '../../store/types';
import { actorKey } from '../activity-kinds';
import { byTime } from '../history';
import { evaluateActivityPolicy, newActivityPolicyState } from './evaluate';

export interface ReplayResult {
  policy: string;
  /** Activities the store's index returned as candidates. */
  scanned: number;
  matches: number;
  /** Alerts it would have raised (after de-duplication and the daily limit), newest first, at most `limit`. */
  alerts: AlertDraft[];
  alertCount: number;
  heldBackByDailyLimit: number;
  range: { since: number | null; until: number | null };
}

// Large pages: each page is one pass over the index; the rows are decoded either way.
const PAGE = 5000;

/** The part of the filter the store's index can answer: each field only when it names one value. */
export function indexedFilter(p: ActivityPolicy, range: { since?: number; until?: number }): ActivityFilter {
  const f = p.filter;
  const out: ActivityFilter = {};
  if (f.types?.length === 1 && !f.types[0]!.endsWith('*')) out.type = f.types[0];
  if (f.admin !== undefined) out.admin = f.admin;
  if (f.impersonated !== undefined) out.impersonated = f.impersonated;
  if (f.users?.length === 1) out.user = f.users[0];
  if (f.ips?.length === 1 && !f.ips[0]!.includes('/')) out.ip = f.ips[0];
  if (f.countries?.length === 1) out.country = f.countries[0]!.toUpperCase();
  if (range.since !== undefined) out.since = range.since;
  if (range.until !== undefined) out.until = range.until;
  return out;
}

export async function replayActivityPolicy(
  store: Store,
  intel: IpIntel,
  policy: ActivityPolicy,
  opts: { since?: number; until?: number; limit?: number } = {},
): Promise<ReplayResult> {
  const items: StoredActivity[] = [];
  let cursor: string | null = null;
  const filter = indexedFilter(policy, opts);
  for (let guard = 0; guard < 100_000; guard++) {
    const page = await store.activities.query(filter, cursor, PAGE);
    for (const a of page.items) items.push({ ...a, raw: null });
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  items.sort(byTime);
  const open = new Set<string>();
  const names = (a: StoredActivity) => {
    const k = actorKey(a);
    const u = k ? (store.users.findByEmail(k) ?? store.users.get(a.actor!)) : null;
    return [k, u?.email?.toLowerCase(), u?.email?.toLowerCase().split('@')[0], u?.id.toLowerCase()].filter(
      (x): x is string => !!x,
    );
  };
  const findings = evaluateActivityPolicy({ ...policy, enabled: true }, items, newActivityPolicyState(), {
    facts: (ip) => (ip ? intel.facts(ip) : null),
    names,
    // Within a replay, a finding continues the one it already raised for the same key.
    isOpen: (d) => open.has(`${d.user}|${d.key}`),
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
