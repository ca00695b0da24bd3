// The detection slices of the facade: alerts (queue, story, status, tuning) and the admin's IP
// ranges (the policies are in policy-ops.ts). Contract operations over main/detect, main/intel
// and the store, kept beside console.ts so the facade stays a table of one-liners.
import type { Alert as AlertView, ConsoleApi, IpRangeView } from '../../preload/contract';
import { anomalyPolicy } from '../detect/policies/index';
import type { IpIntel, IpRange } from '../intel/ip-facts';
import { CATEGORY_NAMES, IpRangeError, type IpRanges } from '../intel/ip-ranges';
import { GuardError } from '../runtime/errors';
import type { Alert, AlertQuery, AlertSeverity } from '../store/alert-store';
import type { ActivityPolicy } from '../store/policy-store';
import type { Store } from '../store/types';
import { toActivity } from './activity-mappers';

/** What detection's slices need from intel: facts for replay, and the admin's ranges to edit. */
export type DetectionIntel = IpIntel & { readonly ranges: IpRanges };

/** A console assembled without intel (some tests) still answers; ranges then say why they cannot. */
function rangesOf(intel: DetectionIntel | null): IpRanges {
  if (!intel) throw new GuardError('unsupported', 'IP ranges are not available in this console (no IP intelligence).');
  return intel.ranges;
}

const SEVERITY_RANK: Record<AlertSeverity, number> = { Informational: 0, Low: 1, Medium: 2, High: 3 };
/** A queue sorted other than newest-first is sorted in memory; beyond this many matches it is refused. */
const MAX_SORTED = 20_000;
const MAX_LINKED_ACTIVITIES = 100;

function toAlertView(a: Alert): AlertView {
  return {
    id: a.id,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    policy: a.policy,
    policyName: a.policyName,
    severity: a.severity,
    mitre: a.mitre,
    title: a.title,
    description: a.description,
    users: a.users,
    ips: a.ips,
    countries: a.countries,
    status: a.status,
    classification: a.classification,
    count: a.count,
    firstSeen: a.firstSeen,
    lastSeen: a.lastSeen,
  };
}

/** Every alert matching `q`, newest first, through the store's keyset pages (bounded). */
function allMatching(store: Store, q: AlertQuery, max: number): Alert[] {
  const out: Alert[] = [];
  let cursor: string | null = null;
  do {
    const page = store.alerts.query(q, cursor, 1000);
    out.push(...page.items);
    cursor = page.nextCursor;
    if (out.length > max) {
      throw new GuardError('invalid_input', `More than ${max} alerts match: narrow the filter to sort them.`);
    }
  } while (cursor);
  return out;
}

// Keyset cursor over an in-memory sort: the last row's sort key, so a page never repeats a row.
type SortKey = [number, number, string];
const encodeKey = (k: SortKey) => Buffer.from(JSON.stringify(k)).toString('base64url');
function decodeKey(c: string): SortKey {
  try {
    const k = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(k) && k.length === 3 && typeof k[0] === 'number' && typeof k[1] === 'number') {
      return [k[0], k[1], String(k[2])];
    }
  } catch {
    // reported below
  }
  throw new GuardError('invalid_input', 'That page cursor is not one this list gave out; start from the first page.');
}
const compareKeys = (x: SortKey, y: SortKey) => x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0);

export function alertsApi(store: Store, intel: DetectionIntel | null): ConsoleApi['alerts'] {
  const need = (id: string) => {
    const a = store.alerts.get(id);
    if (!a) throw new GuardError('not_found', `There is no alert ${id}.`);
    return a;
  };
  return {
    list({ sort, cursor, limit, open, ...filter }) {
      const max = limit ?? 100;
      const q: AlertQuery = filter;
      const keep = (a: Alert) => !open || a.status !== 'Resolved';
      if ((sort ?? 'newest') === 'newest' && !open) {
        const page = store.alerts.query(q, cursor ?? null, max);
        return Promise.resolve({ items: page.items.map(toAlertView), nextCursor: page.nextCursor });
      }
      // Oldest first / most severe first (then newest): ascending keys over an in-memory sort.
      const keyOf = (a: Alert): SortKey =>
        sort === 'oldest'
          ? [0, a.createdAt, a.id]
          : sort === 'severity'
            ? [-SEVERITY_RANK[a.severity], -a.createdAt, a.id]
            : [0, -a.createdAt, a.id];
      const rows = allMatching(store, q, MAX_SORTED)
        .filter(keep)
        .map((a) => ({ a, k: keyOf(a) }))
        .sort((x, y) => compareKeys(x.k, y.k));
      const after = cursor ? decodeKey(cursor) : null;
      const start = after ? rows.findIndex((r) => compareKeys(r.k, after) > 0) : 0;
      const slice = start < 0 ? [] : rows.slice(start, start + max);
      const more = start >= 0 && start + max < rows.length;
      return Promise.resolve({
        items: slice.map((r) => toAlertView(r.a)),
        nextCursor: more ? encodeKey(slice[slice.length - 1]!.k) : null,
      });
    },
    async get({ id }) {
      const a = need(id);
      const activities = [];
      for (const activityId of a.activityIds.slice(0, MAX_LINKED_ACTIVITIES)) {
        const found = await store.activities.get(activityId);
        if (found) activities.push(toActivity(found));
      }
      activities.sort((x, y) => x.at - y.at);
      return {
        ...toAlertView(a),
        comment: a.comment,
        activityIds: a.activityIds,
        evidence: a.evidence,
        activities,
        history: a.history.map((h) => ({
          at: h.at,
          by: h.by,
          field: h.field,
          from: h.from ?? null,
          to: h.to ?? null,
          comment: h.comment ?? null,
        })),
        policyDescription:
          anomalyPolicy(a.policy)?.description ?? activityPolicyOf(store, a.policy)?.description ?? null,
      };
    },
    counts() {
      const counts = {
        open: { High: 0, Medium: 0, Low: 0, Informational: 0 },
        openTotal: 0,
        byStatus: { New: 0, 'In progress': 0, Resolved: 0 },
      };
      for (const a of allMatching(store, {}, Number.MAX_SAFE_INTEGER)) {
        counts.byStatus[a.status]++;
        if (a.status === 'Resolved') continue;
        counts.open[a.severity]++;
        counts.openTotal++;
      }
      return Promise.resolve(counts);
    },
    async setStatus({ ids, status, classification, comment }) {
      // All or nothing on what can be checked first: an unknown id changes none of them.
      const unique = [...new Set(ids)];
      for (const id of unique) need(id);
      if (classification && status !== 'Resolved') {
        throw new GuardError('invalid_input', 'A classification is given when resolving: set the status to Resolved.');
      }
      const updated = [];
      for (const id of unique) {
        const a = await store.alerts.update(
          id,
          { status, ...(classification ? { classification } : {}), ...(comment?.trim() ? { comment } : {}) },
          'admin',
        );
        updated.push(toAlertView(a));
      }
      return { updated };
    },
    async tune(input) {
      const a = need(input.alertId);
      let message: string;
      if (input.action === 'tagIp') {
        const range = await addRange(intel, { cidr: input.cidr, category: input.category, name: input.name });
        message = `Tagged ${range.cidr} as ${CATEGORY_NAMES[range.category]}: it applies from the next evaluation.`;
      } else {
        const policy = anomalyPolicy(a.policy);
        if (!policy) {
          throw new GuardError(
            'unsupported',
            `${a.policyName} is not an anomaly policy; edit it on the Policies screen.`,
          );
        }
        if (input.action === 'excludeUser') {
          const user = input.user ?? a.users[0];
          if (!user) throw new GuardError('invalid_input', 'This alert names no user to exclude.');
          await store.policies.setAnomalyConfig(policy.id, (c) => ({
            ...c,
            excludeUsers: c.excludeUsers.some((u) => u.toLowerCase() === user.toLowerCase())
              ? c.excludeUsers
              : [...c.excludeUsers, user],
          }));
          message = `${user} is excluded from ${policy.name} from the next evaluation.`;
        } else {
          await store.policies.setAnomalyConfig(policy.id, (c) => ({ ...c, sensitivity: input.sensitivity }));
          message = `${policy.name} now runs at ${input.sensitivity} sensitivity.`;
        }
      }
      await store.alerts.noteTuning(a.id, message, 'admin');
      return { ok: true as const, message };
    },
  };
}

function activityPolicyOf(store: Store, policy: string): ActivityPolicy | null {
  return policy.startsWith('activity:') ? store.policies.activityPolicy(policy.slice('activity:'.length)) : null;
}

const rangeView = (r: IpRange): IpRangeView => ({
  ...r,
  category: CATEGORY_NAMES[r.category] as IpRangeView['category'],
});

async function addRange(
  intel: DetectionIntel | null,
  input: { cidr: string; category: string; tags?: string[]; name?: string },
) {
  // One address is its own range: a /32 (IPv4) or /128 (IPv6).
  const cidr = input.cidr.includes('/') ? input.cidr : `${input.cidr.trim()}/${input.cidr.includes(':') ? 128 : 32}`;
  try {
    return await rangesOf(intel).add({ cidr, category: input.category, tags: input.tags, name: input.name ?? null });
  } catch (err) {
    if (err instanceof IpRangeError) throw new GuardError('invalid_input', err.message);
    throw err;
  }
}

export function ipRangesApi(intel: DetectionIntel | null): ConsoleApi['ipRanges'] {
  return {
    list: async () => rangesOf(intel).list().map(rangeView),
    add: async (input) => rangeView(await addRange(intel, input)),
    async remove({ id }) {
      try {
        return rangeView(await rangesOf(intel).remove(id));
      } catch (err) {
        if (err instanceof IpRangeError) throw new GuardError('not_found', err.message);
        throw err;
      }
    },
  };
}
