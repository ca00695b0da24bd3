// The activities slice of the facade: the timeline's pages, one activity with what intel knows
// of its IP now, counts for the match count and histogram, and the export in pages. Every
// filter goes through the resolver first (country names, people by name, ASN, category, device).
import type { ActivityIpFacts, ConsoleApi } from '../../preload/contract';
import type { IpFacts } from '../intel/ip-facts';
import { GuardError } from '../runtime/errors';
import type { Store } from '../store/types';
import { toActivity } from './activity-mappers';
import { exportText } from './activity-export';
import { ActivityFilterResolver, type FilterIntel } from './activity-filter-resolver';

const DEFAULT_EXPORT_PAGE = 1_000;

function factsView(f: IpFacts): ActivityIpFacts {
  return {
    asn: f.asn,
    asOrg: f.asOrg,
    network: f.network,
    lists: f.lists.map((l) => ({ id: l.id, name: l.name, kind: l.kind })),
    range: f.range ? { id: f.range.id, cidr: f.range.cidr, category: f.range.category, name: f.range.name } : null,
  };
}

/** The export's cursor: rows written so far, then the store's cursor (opaque to the renderer). */
function readExportCursor(c: string | undefined): { rows: number; store: string | null } {
  if (!c) return { rows: 0, store: null };
  const m = /^(\d{1,12})\.(.+)$/.exec(c);
  if (!m) throw new GuardError('invalid_input', 'That export cursor is not one this export gave out; start again.');
  return { rows: Number(m[1]), store: m[2] };
}

export function activitiesApi(store: Store, intel: FilterIntel | null): ConsoleApi['activities'] {
  const resolver = new ActivityFilterResolver(store.users, intel);
  // The console is where an admin searches free text: its store indexes the summaries' words in
  // the background (asked again on every call: a store opened afresh after a switch starts cold).
  const resolve = (filter: Parameters<ActivityFilterResolver['resolve']>[0] | undefined) => {
    store.activities.warmTextIndex?.();
    return resolver.resolve(filter ?? {});
  };
  store.activities.warmTextIndex?.();
  return {
    async list({ filter, cursor, limit }) {
      const page = await store.activities.query(resolve(filter), cursor ?? null, limit ?? 100);
      return { items: page.items.map(toActivity), nextCursor: page.nextCursor };
    },
    async get({ id }) {
      const found = await store.activities.get(id);
      if (!found) throw new GuardError('not_found', 'That activity is not in the local store.');
      const ipFacts = found.ip && intel ? factsView(intel.facts(found.ip)) : null;
      return { ...toActivity(found), raw: found.raw, ipFacts };
    },
    countsByDay: async ({ filter }) => store.activities.countsByDay(resolve(filter)),
    countsByType: async ({ filter }) => store.activities.countsByType(resolve(filter)),
    async exportPage({ filter, format, cursor, limit }) {
      const at = readExportCursor(cursor);
      const page = await store.activities.query(resolve(filter), at.store, limit ?? DEFAULT_EXPORT_PAGE);
      const rows = page.items.map(toActivity);
      const text = exportText(format, rows, {
        first: at.store === null,
        last: page.nextCursor === null,
        rowsBefore: at.rows,
      });
      const written = at.rows + rows.length;
      return { text, rows: rows.length, nextCursor: page.nextCursor ? `${written}.${page.nextCursor}` : null };
    },
  };
}
