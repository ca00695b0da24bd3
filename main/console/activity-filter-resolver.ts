// The contract's activity filter, resolved into what the store can match on its own: a country
// name to its code, a person's name (typed partly or with a slip) to their ids and emails, an ASN
// or IP category to a test over addresses (intel), a device to a test over user agents.
import type { ActivityFilter, ActivityIpCategory } from '../../preload/contract';
import { createDeviceParser } from '../detect/device';
import type { IpFacts, IpIntel } from '../intel/ip-facts';
import { GuardError } from '../runtime/errors';
import type { StoreActivityFilter, ValueTest } from '../store/query';
import type { StoredUser, UserStore } from '../store/types';
import { countryCode } from './country-names';
import { nameMatches } from './name-match';

/** What resolving needs from intel: facts per address, and a revision that changes with the admin's ranges. */
export type FilterIntel = IpIntel & { readonly ranges: { readonly revision: number } };

/** Lists refresh in the background: an IP category's answers are recomputed at most this often. */
const LIST_FACTS_TTL_MS = 60_000;
const DIRECTORY_PAGE = 1_000;
/** Users read into the name index at most (the Users list holds about 10,000). */
const DIRECTORY_MAX = 200_000;
const NAMED_CACHE_MAX = 32;

/** The categories an address falls in, as the timeline's IP category filter names them. */
export function ipCategories(f: IpFacts): Set<ActivityIpCategory> {
  const out = new Set<ActivityIpCategory>();
  if (f.range) out.add(f.range.category);
  if (f.network) out.add(f.network);
  for (const l of f.lists) {
    if (l.id === 'tor') out.add('tor');
    out.add(l.kind === 'threat' ? 'threat-list' : 'anonymity-list');
  }
  return out;
}

/** Device type, browser, OS, app or raw user agent containing the needle. */
function deviceTest(needle: string, parse: ReturnType<typeof createDeviceParser>): ValueTest {
  const n = needle.trim().toLowerCase();
  return {
    key: `device:${n}`,
    test: (ua) => {
      const d = parse(ua);
      if (d && (d.type === n || [d.browser, d.os, d.app].some((v) => v?.toLowerCase().includes(n)))) return true;
      return ua.toLowerCase().includes(n);
    },
  };
}

export class ActivityFilterResolver {
  private readonly parseDevice = createDeviceParser();
  private directory: { count: number; at: number; users: Pick<StoredUser, 'id' | 'email' | 'name'>[] } | null = null;
  /** People named by recent queries (a timeline asks once per page): dropped with the directory. */
  private named = new Map<string, string[]>();

  constructor(
    private readonly users: UserStore,
    private readonly intel: FilterIntel | null,
    private readonly now: () => number = Date.now,
  ) {}

  resolve(filter: ActivityFilter): StoreActivityFilter {
    const out: StoreActivityFilter = { ...filter };
    if (filter.country) out.country = countryCode(filter.country);
    if (filter.user?.trim()) {
      out.user = filter.user.trim();
      out.personPrefix = true;
      out.people = this.peopleNamed(out.user);
    }
    if (filter.asn !== undefined || filter.ipCategory) {
      const intel = this.intel;
      if (!intel) throw new GuardError('unsupported', 'ASN and IP category filters need IP intelligence.');
      const { asn, ipCategory } = filter;
      const bucket = Math.floor(this.now() / LIST_FACTS_TTL_MS);
      out.ipTest = {
        key: `facts:${asn ?? '*'}:${ipCategory ?? '*'}:${intel.ranges.revision}:${bucket}`,
        test: (ip) => {
          const f = intel.facts(ip);
          if (asn !== undefined && f.asn !== asn) return false;
          return !ipCategory || ipCategories(f).has(ipCategory);
        },
      };
    }
    if (filter.device?.trim()) out.userAgentTest = deviceTest(filter.device, this.parseDevice);
    return out;
  }

  /** Ids and emails of users whose name the query names (prefix or typo), or whose email/id starts with it. */
  private peopleNamed(q: string): string[] {
    const needle = q.toLowerCase();
    const users = this.directoryUsers();
    const known = this.named.get(needle);
    if (known) return known;
    const out: string[] = [];
    for (const u of users) {
      const hit =
        nameMatches(q, u.name) || u.id.toLowerCase().startsWith(needle) || !!u.email?.toLowerCase().startsWith(needle);
      if (!hit) continue;
      out.push(u.id);
      if (u.email) out.push(u.email);
    }
    if (this.named.size >= NAMED_CACHE_MAX) this.named.delete(this.named.keys().next().value!);
    this.named.set(needle, out);
    return out;
  }

  /** The users' names, re-read when the count changes or after a minute (renames). */
  private directoryUsers(): Pick<StoredUser, 'id' | 'email' | 'name'>[] {
    const count = this.users.count();
    const now = this.now();
    if (this.directory && this.directory.count === count && now - this.directory.at < 60_000) {
      return this.directory.users;
    }
    const users: Pick<StoredUser, 'id' | 'email' | 'name'>[] = [];
    let cursor: string | null = null;
    do {
      const page = this.users.list(null, cursor, DIRECTORY_PAGE);
      for (const u of page.items) users.push({ id: u.id, email: u.email, name: u.name });
      cursor = page.nextCursor;
    } while (cursor && users.length < DIRECTORY_MAX);
    this.directory = { count, at: now, users };
    this.named.clear();
    return users;
  }
}
