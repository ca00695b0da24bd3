// What kind of network an AS is (hosting, commercial VPN, private relay, satellite, mobile),
// from the curated, sourced list in data/asn-categories.json, then keywords on the AS
// organisation name. Impossible travel over such networks is noise: their egress says nothing
// about where the person is.
import categories from './data/asn-categories.json';
import type { NetworkKind } from './ip-facts';

const KINDS: readonly NetworkKind[] = ['hosting', 'vpn-provider', 'private-relay', 'satellite', 'mobile'];

export interface NetworkKindEntry {
  asn: number;
  kind: NetworkKind;
  org: string;
  source: string;
}

function isKind(k: string): k is NetworkKind {
  return (KINDS as readonly string[]).includes(k);
}

export const CURATED_ASNS: readonly NetworkKindEntry[] = categories.asns.flatMap((e) =>
  isKind(e.kind) ? [{ asn: e.asn, kind: e.kind, org: e.org, source: e.source }] : [],
);

const BY_ASN = new Map(CURATED_ASNS.map((e) => [e.asn, e.kind]));
// Order matters: the first matching keyword wins ("Mobile VPN Hosting" is a VPN first).
const KEYWORDS = categories.orgKeywords.flatMap((k) =>
  isKind(k.kind) ? [{ kind: k.kind, pattern: new RegExp(k.pattern, 'i') }] : [],
);

/** The network kind of an AS, or null for an ordinary access network (or unknown). */
export function networkKind(asn: number | null, org: string | null): NetworkKind | null {
  if (asn !== null) {
    const curated = BY_ASN.get(asn);
    if (curated) return curated;
  }
  if (!org) return null;
  for (const k of KEYWORDS) if (k.pattern.test(org)) return k.kind;
  return null;
}
