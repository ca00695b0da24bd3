// The users slice of the facade: the Users list filtered and sorted on the whole organisation
// (10,000 people: filtered in the user store, annotated with open alerts, investigation priority
// and last activity, sorted, then one page copied out) and one person's page.
import type { ConsoleApi, User, UserSort } from '../../preload/contract';
import { countryPlace } from '../intel/country-places';
import { GuardError } from '../runtime/errors';
import type { Store, StoredUser } from '../store/types';
import { toUser } from './activity-mappers';

interface AlertLoad {
  open: number;
  priority: number;
}

/** Open alerts and priority per user key (id or email, lower case): one pass over the alerts. */
function alertLoadByUser(store: Store, now: number): Map<string, AlertLoad> {
  const out = new Map<string, AlertLoad>();
  for (const [user, e] of store.alerts.openLoadByUser(now)) out.set(user, { open: e.open, priority: e.score });
  return out;
}

function loadOf(loads: Map<string, AlertLoad>, u: Readonly<StoredUser>): AlertLoad {
  const byId = loads.get(u.id.toLowerCase());
  const byEmail = u.email ? loads.get(u.email.toLowerCase()) : undefined;
  if (!byId) return byEmail ?? { open: 0, priority: 0 };
  if (!byEmail) return byId;
  return { open: byId.open + byEmail.open, priority: Math.round((byId.priority + byEmail.priority) * 10) / 10 };
}

// Keyset cursor over an in-memory sort: the last row's key, so a page never repeats a row.
type SortKey = [number | string, string, string];
const encodeKey = (k: SortKey) => Buffer.from(JSON.stringify(k)).toString('base64url');
function decodeKey(c: string): SortKey {
  try {
    const k = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(k) &&
      k.length === 3 &&
      (typeof k[0] === 'number' || typeof k[0] === 'string') &&
      typeof k[1] === 'string' &&
      typeof k[2] === 'string'
    ) {
      return [k[0], k[1], k[2]];
    }
  } catch {
    // reported below
  }
  throw new GuardError('invalid_input', 'That page cursor is not one this list gave out; start from the first page.');
}
const cmp = (x: number | string, y: number | string) =>
  typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
const compareKeys = (x: SortKey, y: SortKey) => cmp(x[0], y[0]) || cmp(x[1], y[1]) || cmp(x[2], y[2]);

/**
 * The sort key, ascending: text sorts A→Z (people without the field last), numbers largest first
 * (most urgent, most recent), then by name and id so equal keys keep a stable order.
 */
type SortFields = Pick<User, 'id' | 'name' | 'email' | 'department' | 'lastActivityAt' | 'priority' | 'openAlerts'>;

function keyOf(sort: UserSort, u: SortFields, reverse: boolean): SortKey {
  const sign = reverse ? -1 : 1;
  const name = u.name.toLowerCase();
  const text = (v: string | null) => (v ? (reverse ? invert(v.toLowerCase()) : `0${v.toLowerCase()}`) : '~');
  switch (sort) {
    case 'email':
      return [text(u.email), name, u.id];
    case 'department':
      return [text(u.department), name, u.id];
    case 'lastActivity':
      return [-sign * (u.lastActivityAt ?? 0), name, u.id];
    case 'priority':
      return [-sign * u.priority, name, u.id];
    case 'openAlerts':
      return [-sign * u.openAlerts, name, u.id];
    default:
      return [reverse ? invert(name) : name, u.id, ''];
  }
}

/** A string that sorts in the reverse order of `s` under code-unit comparison (for Z→A keys). */
function invert(s: string): string {
  let out = '0';
  for (let i = 0; i < s.length; i++) out += String.fromCharCode(0xffff - s.charCodeAt(i));
  return out + '\uffff';
}

export function usersApi(store: Store): ConsoleApi['users'] {
  return {
    list({ sort, reverse, cursor, limit, openAlerts, status, unclaimed, ...filters }) {
      const now = Date.now();
      const max = limit ?? 100;
      const matched = store.users.select(
        {
          ...filters,
          ...(status ? { active: status === 'active' } : {}),
          ...(unclaimed !== undefined ? { claimed: !unclaimed } : {}),
        },
        now,
      );
      const loads = alertLoadByUser(store, now);
      const by = sort ?? 'name';
      // Only the page becomes contract rows; the rest of the organisation is sorted by its key alone.
      const rows: { u: Readonly<StoredUser>; load: AlertLoad; k: SortKey }[] = [];
      for (const u of matched) {
        const load = loadOf(loads, u);
        if (openAlerts !== undefined && load.open > 0 !== openAlerts) continue;
        const fields: SortFields = {
          id: u.id,
          name: u.name,
          email: u.email,
          department: u.department,
          lastActivityAt: by === 'lastActivity' ? store.activities.lastActivityAt(u) : null,
          openAlerts: load.open,
          priority: load.priority,
        };
        rows.push({ u, load, k: keyOf(by, fields, reverse ?? false) });
      }
      // Already in name order from the store: the default sort needs no second pass.
      if (by !== 'name' || reverse) rows.sort((x, y) => compareKeys(x.k, y.k));
      const after = cursor ? decodeKey(cursor) : null;
      let start = 0;
      if (after) {
        let lo = 0;
        let hi = rows.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (compareKeys(rows[mid]!.k, after) <= 0) lo = mid + 1;
          else hi = mid;
        }
        start = lo;
      }
      const slice = rows.slice(start, start + max);
      const more = start + max < rows.length;
      return Promise.resolve({
        items: slice.map((r): User => ({
          ...toUser(r.u as StoredUser, store.activities.lastActivityAt(r.u)),
          openAlerts: r.load.open,
          priority: r.load.priority,
        })),
        nextCursor: more ? encodeKey(slice[slice.length - 1]!.k) : null,
        total: rows.length,
      });
    },
    async summary({ id }) {
      const user = store.users.get(id);
      if (!user) throw new GuardError('not_found', 'That user is not in the local store.');
      const now = Date.now();
      const summary = await store.activities.summaryForUser({ id: user.id, email: user.email });
      const load = loadOf(alertLoadByUser(store, now), user);
      const keys = [user.id, user.email].filter((k): k is string => !!k);
      const breakdowns = keys.map((k) => store.alerts.priority(k, now));
      const alerts = breakdowns.flatMap((b) => b.alerts).sort((x, y) => y.contribution - x.contribution);
      return {
        ...summary,
        user: { ...toUser(user, summary.lastActivityAt), openAlerts: load.open, priority: load.priority },
        countries: summary.countries.map((c) => ({ ...c, ...countryPlace(c.country) })),
        priority: { score: load.priority, alerts },
      };
    },
  };
}
