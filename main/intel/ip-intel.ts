// IpIntel: everything the console knows about one address — ASN and AS organisation, the kind
// of network, the threat/anonymity lists it is on, and the admin's range holding it — in one
// lookup. Audit logs repeat a few thousand addresses millions of times, so facts are cached
// (bounded); the cache is dropped whenever the admin's ranges or the lists change, so a range
// tagged a moment ago applies to the very next evaluation.
import type { AsnTable } from './asn-table';
import { bordering } from './borders';
import type { IpFacts, IpIntel } from './ip-facts';
import { parseAddress } from './ip-address';
import type { IpLists } from './ip-lists';
import type { IpRanges } from './ip-ranges';
import { networkKind } from './network-kind';

export interface IpIntelService extends IpIntel {
  readonly asn: AsnTable | null;
  readonly lists: IpLists;
  readonly ranges: IpRanges;
}

export interface IpIntelParts {
  /** Null when the ASN data could not be opened: addresses then have no ASN, nothing else is lost. */
  asn: AsnTable | null;
  lists: IpLists;
  ranges: IpRanges;
  cacheSize?: number;
}

/** The activity's `ipTags` (StoredActivity): network kind, lists, the range's category and `tag:<tag>`s. */
export function ipTagsOf(facts: IpFacts): string[] {
  const tags: string[] = [];
  if (facts.network) tags.push(facts.network);
  for (const l of facts.lists) tags.push(l.id);
  if (facts.range) {
    tags.push(facts.range.category);
    for (const t of facts.range.tags) tags.push(`tag:${t}`);
  }
  return tags;
}

function unknownFacts(ip: string): IpFacts {
  return { ip, asn: null, asOrg: null, network: null, lists: [], range: null };
}

export function createIpIntel(parts: IpIntelParts): IpIntelService {
  const limit = parts.cacheSize ?? 50_000;
  const cache = new Map<string, IpFacts>();
  let seen = { lists: parts.lists.version, ranges: parts.ranges.revision };

  const compute = (ip: string): IpFacts => {
    const key = parseAddress(ip);
    if (!key) return unknownFacts(ip);
    const as = parts.asn?.lookupKey(key) ?? null;
    return {
      ip: key.text,
      asn: as?.asn ?? null,
      asOrg: as?.org ?? null,
      network: as ? networkKind(as.asn, as.org) : null,
      lists: parts.lists.match(key),
      range: parts.ranges.match(key),
    };
  };

  return {
    asn: parts.asn,
    lists: parts.lists,
    ranges: parts.ranges,
    facts(ip) {
      if (seen.lists !== parts.lists.version || seen.ranges !== parts.ranges.revision) {
        cache.clear();
        seen = { lists: parts.lists.version, ranges: parts.ranges.revision };
      }
      const hit = cache.get(ip);
      if (hit) return hit;
      const facts = compute(ip);
      if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
      cache.set(ip, facts);
      return facts;
    },
    bordering,
  };
}
