// Filters compiled to per-column masks over dictionary ids, and the scans that answer the
// timeline, counts and per-user summaries from the columnar index alone (no partition is
// parsed to filter; only the rows of the returned page are read from disk).
import type { ActivityFilter } from '../../preload/contract';
import { GuardError } from '../runtime/errors';
import { KIND, type Dictionary, type Kind } from './dictionary';
import { COLS, FLAG_ADMIN, FLAG_IMPERSONATED, FLAG_SHADOWED, type PartitionIndex } from './partition-index';
import { HOUR_MS } from './layout';
import { ipMatcher, ipv4Number, type IpMatch } from './ip-query';
import { firstSeenCountries, historyVersion, type FirstSeenCountries } from './first-seen-country';
import { SummaryTokens } from './summary-tokens';

/**
 * A test over one column's distinct values that needs another domain's knowledge (the IP's ASN or
 * category from intel, the device parsed from a user agent): the facade builds it, since the store
 * imports no other domain. `key` names the test for the mask cache and must change when its
 * answers can (e.g. carry the version of the admin's ranges).
 */
export interface ValueTest {
  key: string;
  test(value: string): boolean;
}

/** The contract's filter plus what the facade resolved for it. */
export type StoreActivityFilter = ActivityFilter & {
  /** Identities (ids, emails) the user filter also names: users matched by name, prefix or typo. */
  people?: readonly string[];
  /** The user filter also matches people whose id or email starts with it. */
  personPrefix?: boolean;
  /** Stands for `asn` / `ipCategory`: which IP addresses they match. */
  ipTest?: ValueTest;
  /** Stands for `device`: which user agents it matches. */
  userAgentTest?: ValueTest;
};

/** People a user filter may name at most (beyond that the admin must narrow the name). */
const MAX_PEOPLE = 2_000;

export interface CompiledFilter {
  since: number;
  until: number;
  admin: boolean | undefined;
  impersonated: boolean | undefined;
  type: Uint8Array | null;
  /** Matches actor or target. */
  person: Uint8Array | null;
  ip: Uint8Array | null;
  country: Uint8Array | null;
  userAgent: Uint8Array | null;
  /** Only sign-ins from a country new to their user. */
  newCountry: FirstSeenCountries | null;
  text: TextFilter | null;
  /** True when a constraint can match nothing (unknown ip, user…): answer without scanning. */
  impossible: boolean;
  /** Only time bounds: a whole partition inside them counts without a row scan. */
  timeOnly: boolean;
  /** Free text and time bounds, nothing else (countTextRows). */
  timeOnlyButText: boolean;
}

interface TextFilter {
  needle: string;
  /**
   * Rows of a partition whose summary contains the needle (the word index, summary-tokens.ts): a
   * fresh array each call, the caller's to change.
   */
  summaryRows(p: PartitionIndex): Uint8Array;
  /** Values of each column containing the needle; null when none does (the row loop skips the column). */
  type: Uint8Array | null;
  event: Uint8Array | null;
  person: Uint8Array | null;
  ip: Uint8Array | null;
  city: Uint8Array | null;
}

/** What a user filter may be resolved to beyond its literal text (ids, emails of matching users). */
export type IdentityResolver = (q: string) => string[];

function maskOf(dict: Dictionary, kind: Kind, ids: Iterable<number>): Uint8Array | null {
  const mask = new Uint8Array(dict.size(kind));
  let any = false;
  for (const id of ids) {
    mask[id] = 1;
    any = true;
  }
  return any ? mask : null;
}

function scanMask(dict: Dictionary, kind: Kind, test: (lower: string) => boolean): Uint8Array {
  const values = dict.values[kind];
  const mask = new Uint8Array(values.length);
  for (let i = 1; i < values.length; i++) if (test(values[i].toLowerCase())) mask[i] = 1;
  return mask;
}

/**
 * Masks are cached per (column, value, dictionary size): paging through one filtered timeline
 * compiles once, and a dictionary that grew (new ips, users) invalidates naturally.
 */
export class FilterCompiler {
  /** Free text's word index over the summaries (derived, in memory). */
  readonly summaries = new SummaryTokens();
  private cache = new Map<string, Uint8Array | null>();
  private firstSeen: FirstSeenCountries | null = null;
  /** Each IP dictionary entry as an IPv4 number (-1 for IPv6 and anything else), grown with the dictionary. */
  private ipv4 = new Float64Array(0);
  private ipv4Known = 0;

  constructor(
    private readonly dict: Dictionary,
    private readonly resolveIdentity: IdentityResolver,
    /** The live partitions, newest hour first (for what needs the whole history: new countries). */
    private readonly partitions: (() => readonly PartitionIndex[]) | null = null,
  ) {}

  private newCountries(): FirstSeenCountries {
    if (!this.partitions)
      throw new GuardError('unsupported', 'The new-country filter needs the whole history, which this store lacks.');
    const parts = this.partitions();
    if (!this.firstSeen || this.firstSeen.version !== historyVersion(parts))
      this.firstSeen = firstSeenCountries(this.dict, parts);
    return this.firstSeen;
  }

  private cached(key: string, kind: Kind, build: () => Uint8Array | null): Uint8Array | null {
    const k = `${key}\u0000${this.dict.size(kind)}\u0000${this.dict.size(KIND.person)}`;
    if (this.cache.has(k)) {
      const v = this.cache.get(k)!;
      this.cache.delete(k);
      this.cache.set(k, v); // LRU touch
      return v;
    }
    const v = build();
    this.cache.set(k, v);
    if (this.cache.size > 64) this.cache.delete(this.cache.keys().next().value!);
    return v;
  }

  /**
   * Dictionary ids of people the text `q` names: the literal value, or a known user's id/email/username,
   * plus `people` (resolved by the caller) and, with `prefix`, every person whose value starts with `q`.
   */
  personMask(q: string, people: readonly string[] = [], prefix = false): Uint8Array | null {
    const needle = q.trim().toLowerCase();
    if (people.length > MAX_PEOPLE) {
      throw new GuardError(
        'invalid_input',
        `“${q.slice(0, 60)}” matches ${people.length} people; type more of the name, or an email.`,
      );
    }
    const key = `person:${prefix ? 'prefix' : 'exact'}:${needle}\u0000${people.join('\u0001').toLowerCase()}`;
    return this.cached(key, KIND.person, () => {
      const wanted = new Set<string>([
        needle,
        ...this.resolveIdentity(q).map((s) => s.toLowerCase()),
        ...people.map((s) => s.toLowerCase()),
      ]);
      const ids: number[] = [];
      for (const w of wanted) ids.push(...this.dict.idsIgnoringCase(KIND.person, w));
      const values = this.dict.values[KIND.person];
      if (prefix && needle) {
        for (let i = 1; i < values.length; i++) if (values[i].toLowerCase().startsWith(needle)) ids.push(i);
      } else if (!needle.includes('@')) {
        // A bare username also matches actors recorded by email (Workplace's actor_username).
        const at = `${needle}@`;
        for (let i = 1; i < values.length; i++)
          if (values[i].length > at.length && values[i].toLowerCase().startsWith(at)) ids.push(i);
      }
      return maskOf(this.dict, KIND.person, ids);
    });
  }

  /** Ids of IP dictionary entries an IP filter matches; an IPv4 range compares numbers, parsing nothing. */
  private ipMask(match: IpMatch): Uint8Array | null {
    const range = match.v4Range;
    if (!range) return this.testMask(KIND.ip, { key: `ip:${match.key}`, test: match.test });
    return this.cached(`ip:${match.key}`, KIND.ip, () => {
      const values = this.dict.values[KIND.ip];
      if (this.ipv4.length < values.length) {
        const grown = new Float64Array(Math.max(values.length, this.ipv4.length * 2));
        grown.set(this.ipv4.subarray(0, this.ipv4Known));
        this.ipv4 = grown;
      }
      for (; this.ipv4Known < values.length; this.ipv4Known++)
        this.ipv4[this.ipv4Known] = ipv4Number(values[this.ipv4Known]);
      const [lo, hi] = range;
      const mask = new Uint8Array(values.length);
      let any = false;
      for (let i = 1; i < values.length; i++) {
        const n = this.ipv4[i];
        if (n >= lo && n <= hi) {
          mask[i] = 1;
          any = true;
        }
      }
      return any ? mask : null;
    });
  }

  /** Ids of `kind` values passing a caller's test (cached under the test's key). */
  private testMask(kind: Kind, t: ValueTest): Uint8Array | null {
    return this.cached(`test:${kind}:${t.key}`, kind, () => {
      const values = this.dict.values[kind];
      const mask = new Uint8Array(values.length);
      let any = false;
      for (let i = 1; i < values.length; i++)
        if (t.test(values[i])) {
          mask[i] = 1;
          any = true;
        }
      return any ? mask : null;
    });
  }

  compile(filter: StoreActivityFilter): CompiledFilter {
    this.summaries.noteQuery();
    if ((filter.asn !== undefined || filter.ipCategory) && !filter.ipTest)
      throw new GuardError(
        'unsupported',
        'ASN and IP category filters need IP intelligence, which this console lacks.',
      );
    if (filter.device && !filter.userAgentTest)
      throw new GuardError('unsupported', 'The device filter needs the user-agent parser, which this console lacks.');
    const f: CompiledFilter = {
      since: filter.since ?? 0,
      until: filter.until ?? Number.MAX_SAFE_INTEGER,
      admin: filter.admin,
      impersonated: filter.impersonated,
      type: null,
      person: null,
      ip: null,
      country: null,
      userAgent: null,
      newCountry: null,
      text: null,
      impossible: false,
      timeOnly: false,
      timeOnlyButText: false,
    };
    const exact = (kind: Kind, value: string) =>
      this.cached(`exact:${kind}:${value.trim().toLowerCase()}`, kind, () =>
        maskOf(this.dict, kind, this.dict.idsIgnoringCase(kind, value.trim().toLowerCase())),
      );
    const types = [...(filter.types ?? []), ...(filter.type ? [filter.type] : [])]
      // 'login' (or 'login.*') means the family: login.success, login.failure…
      .map((t) =>
        t
          .trim()
          .toLowerCase()
          .replace(/\.\*?$/, ''),
      )
      .filter((t) => t.length > 0)
      .sort();
    if (types.length > 0) {
      f.type = this.cached(`type:${types.join('\u0000')}`, KIND.type, () => {
        const m = scanMask(this.dict, KIND.type, (v) => types.some((t) => v === t || v.startsWith(`${t}.`)));
        return m.includes(1) ? m : null;
      });
      if (!f.type) f.impossible = true;
    }
    if (filter.user) {
      f.person = this.personMask(filter.user, filter.people, filter.personPrefix);
      if (!f.person) f.impossible = true;
    }
    if (filter.ip) {
      const match = ipMatcher(filter.ip);
      f.ip = match.kind === 'exact' ? (exact(KIND.ip, filter.ip) ?? this.ipMask(match)) : this.ipMask(match);
      if (!f.ip) f.impossible = true;
    }
    if (filter.ipTest) {
      const tested = this.testMask(KIND.ip, filter.ipTest);
      f.ip = !tested ? null : f.ip ? intersect(f.ip, tested) : tested;
      if (!f.ip) f.impossible = true;
    }
    if (filter.userAgentTest) {
      f.userAgent = this.testMask(KIND.ua, filter.userAgentTest);
      if (!f.userAgent) f.impossible = true;
    }
    if (filter.country) {
      f.country = exact(KIND.country, filter.country);
      if (!f.country) f.impossible = true;
    }
    // Control characters never occur in indexed text; folding them to spaces keeps them from splitting the needle.
    const needle = filter.text
      ?.trim()
      .toLowerCase()
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f]/g, ' ');
    if (needle) {
      const contains = (kind: Kind) =>
        this.cached(`text:${kind}:${needle}`, kind, () => {
          const m = scanMask(this.dict, kind, (v) => v.includes(needle));
          return m.includes(1) ? m : null;
        });
      const summaries = this.summaries;
      f.text = {
        needle,
        summaryRows: (p) => summaries.rowsContaining(p, needle),
        type: contains(KIND.type),
        event: contains(KIND.event),
        person: contains(KIND.person),
        ip: contains(KIND.ip),
        city: contains(KIND.city),
      };
    }
    if (filter.newCountry) f.newCountry = this.newCountries();
    if (f.since > f.until) f.impossible = true;
    // No filter on a column or a flag: only the time window, and perhaps free text, narrow it.
    const windowOnly =
      f.admin === undefined &&
      f.impersonated === undefined &&
      !f.type &&
      !f.person &&
      !f.ip &&
      !f.country &&
      !f.userAgent &&
      !f.newCountry;
    f.timeOnly = windowOnly && !f.text;
    f.timeOnlyButText = windowOnly && f.text !== null;
    return f;
  }
}

function intersect(a: Uint8Array, b: Uint8Array): Uint8Array | null {
  const out = new Uint8Array(Math.min(a.length, b.length));
  let any = false;
  for (let i = 0; i < out.length; i++)
    if (a[i] === 1 && b[i] === 1) {
      out[i] = 1;
      any = true;
    }
  return any ? out : null;
}

/**
 * Calls `visit(row)` for matching rows of `p` in [fromRow, toRow) in order, until it returns false.
 * Returns false if the visitor stopped the scan.
 */
export function scanPartition(
  p: PartitionIndex,
  f: CompiledFilter,
  fromRow: number,
  visit: (row: number) => boolean,
  toRow = p.n,
): boolean {
  const { at, flags } = p;
  const type = p.cols[COLS.type];
  const actor = p.cols[COLS.actor];
  const target = p.cols[COLS.target];
  const ip = p.cols[COLS.ip];
  const country = p.cols[COLS.country];
  const event = p.cols[COLS.event];
  const city = p.cols[COLS.city];
  const ua = p.cols[COLS.ua];
  const { since, until, admin, impersonated, text } = f;
  const tm = f.type;
  const pm = f.person;
  const im = f.ip;
  const cm = f.country;
  const um = f.userAgent;
  const nc = f.newCountry;
  const xt = text?.type ?? null;
  const xe = text?.event ?? null;
  const xp = text?.person ?? null;
  const xi = text?.ip ?? null;
  const xc = text?.city ?? null;
  let hits: Uint8Array | null = null;
  for (let r = fromRow; r < toRow; r++) {
    const t = at[r];
    if (t > until) continue;
    if (t < since) break;
    const fl = flags[r];
    if (fl & FLAG_SHADOWED) continue;
    if (admin !== undefined && ((fl & FLAG_ADMIN) !== 0) !== admin) continue;
    if (impersonated !== undefined && ((fl & FLAG_IMPERSONATED) !== 0) !== impersonated) continue;
    if (tm && tm[type[r]] !== 1) continue;
    if (pm && pm[actor[r]] !== 1 && pm[target[r]] !== 1) continue;
    if (im && im[ip[r]] !== 1) continue;
    if (cm && cm[country[r]] !== 1) continue;
    if (um && um[ua[r]] !== 1) continue;
    if (nc && !nc.has(p, r)) continue;
    if (text) {
      const indexed =
        (xe !== null && xe[event[r]] === 1) ||
        (xt !== null && xt[type[r]] === 1) ||
        (xp !== null && (xp[actor[r]] === 1 || xp[target[r]] === 1)) ||
        (xi !== null && xi[ip[r]] === 1) ||
        (xc !== null && xc[city[r]] === 1);
      if (!indexed) {
        hits ??= text.summaryRows(p);
        if (hits[r] !== 1) continue;
      }
    }
    if (!visit(r)) return false;
  }
  return true;
}

/** First row of `p` strictly after (at, id) in newest-first order. */
export function rowAfter(p: PartitionIndex, at: number, id: string): number {
  let lo = 0;
  let hi = p.n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const t = p.at[mid];
    const after = t < at || (t === at && p.idAt(mid) < id);
    if (after) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Whether the partition's hour lies outside [since, until]. */
export function outside(p: PartitionIndex, f: CompiledFilter): boolean {
  return p.hour > f.until || p.hour + HOUR_MS <= f.since;
}

/** Whether the whole hour lies inside [since, until] (counts can use the row count). */
export function inside(p: PartitionIndex, f: CompiledFilter): boolean {
  return p.hour >= f.since && p.hour + HOUR_MS - 1 <= f.until;
}

/**
 * Rows of `p` matching `f` when `f` is free text and a time window alone (the search box): the
 * same answer as counting scanPartition's visits, in a loop that tests only what such a filter
 * can test. Returns null for any other filter.
 */
export function countTextRows(p: PartitionIndex, f: CompiledFilter): number | null {
  const text = f.text;
  if (!text || !f.timeOnlyButText) return null;
  // A fresh array: the columns' matches are added to the summary's, one tight loop per column
  // that can match (most cannot: no type, event, address or city contains a name), then counted.
  const hits = text.summaryRows(p);
  const n = p.n;
  orInto(hits, text.person, p.cols[COLS.actor], n);
  orInto(hits, text.person, p.cols[COLS.target], n);
  orInto(hits, text.event, p.cols[COLS.event], n);
  orInto(hits, text.type, p.cols[COLS.type], n);
  orInto(hits, text.ip, p.cols[COLS.ip], n);
  orInto(hits, text.city, p.cols[COLS.city], n);
  const { at, flags } = p;
  const { since, until } = f;
  let count = 0;
  if (p.hour >= since && p.hour + HOUR_MS - 1 <= until) {
    for (let r = 0; r < n; r++) if (hits[r] === 1 && (flags[r] & FLAG_SHADOWED) === 0) count++;
  } else {
    for (let r = 0; r < n; r++)
      if (hits[r] === 1 && (flags[r] & FLAG_SHADOWED) === 0 && at[r] >= since && at[r] <= until) count++;
  }
  return count;
}

/** Marks in `hits` the rows whose value in `column` is in `mask` (nothing when no value is). */
function orInto(hits: Uint8Array, mask: Uint8Array | null, column: Uint32Array, n: number): void {
  if (mask === null) return;
  for (let r = 0; r < n; r++) if (mask[column[r]] === 1) hits[r] = 1;
}
