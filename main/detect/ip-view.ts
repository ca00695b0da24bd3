// What the detections read from IpFacts: is the address anonymous, listed as hostile, placeless
// (a tunnel or a hosting network, so its geolocation says nothing about where the user is),
// corporate. The admin's range wins over built-in data (detections.md "IP categories").
import type { IpFacts, IpListMatch } from '../intel/ip-facts';

export function adminCategory(f: IpFacts | null): string | null {
  return f?.range?.category ?? null;
}

/** The admin says the range is theirs (office or company VPN): built-in anonymity data does not apply. */
export function isOwnNetwork(f: IpFacts | null): boolean {
  const c = adminCategory(f);
  return c === 'corporate' || c === 'vpn' || c === 'administrative';
}

export function isCorporate(f: IpFacts | null): boolean {
  return adminCategory(f) === 'corporate';
}

/**
 * No physical location for the location detections: a range the admin tagged VPN, a hosting or
 * cloud network (servers, anycast), a commercial VPN or relay egress.
 */
export function isPlaceless(f: IpFacts | null): { placeless: boolean; why: string | null } {
  if (!f) return PLACED;
  const c = adminCategory(f);
  if (c === 'vpn') return { placeless: true, why: `range ${f.range!.cidr} tagged VPN by the admin` };
  if (c === 'cloud') return { placeless: true, why: `range ${f.range!.cidr} tagged Cloud provider by the admin` };
  if (c === 'corporate') return PLACED;
  // Satellite operators egress from a few ground stations, often another country from the user.
  if (
    f.network === 'hosting' ||
    f.network === 'vpn-provider' ||
    f.network === 'private-relay' ||
    f.network === 'satellite'
  )
    return { placeless: true, why: `${f.network} network (AS${f.asn ?? '?'} ${f.asOrg ?? ''})`.trim() };
  return PLACED;
}

/** The common answer, shared: asked for every activity, and read only. */
const PLACED = Object.freeze({ placeless: false, why: null });

export function threatLists(f: IpFacts | null): IpListMatch[] {
  return f ? f.lists.filter((l) => l.kind === 'threat') : [];
}

export function anonymityLists(f: IpFacts | null): IpListMatch[] {
  return f ? f.lists.filter((l) => l.kind === 'anonymity') : [];
}

/** A list match as evidence: which list, and how old its data is. */
export function listEvidence(l: IpListMatch, now: number): Record<string, unknown> {
  return {
    list: l.id,
    name: l.name,
    updatedAt: l.updatedAt,
    ageHours: l.updatedAt === null ? null : Math.round(((now - l.updatedAt) / 3_600_000) * 10) / 10,
  };
}

export function rangeEvidence(f: IpFacts | null): Record<string, unknown> | null {
  const r = f?.range;
  return r ? { range: r.cidr, category: r.category, name: r.name, tags: r.tags } : null;
}

/**
 * Mobile carriers egress through a few national gateways (carrier-grade NAT): the database's
 * city is the gateway's, so the place is known only to about the country's size.
 */
export function effectiveRadiusKm(f: IpFacts | null, radiusKm: number | null, mobileRadiusKm: number): number {
  const r = radiusKm ?? 0;
  return f?.network === 'mobile' ? Math.max(r, mobileRadiusKm) : r;
}
