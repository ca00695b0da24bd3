// What the console knows about one IP address, as detection and the UI consume it. The intel
// layer implements IpIntel; detection asks at evaluation time, so a range the admin tags (or a
// list refreshed) applies from the next evaluation on.

/** The admin's range categories (detections.md "IP categories"). */
export type IpCategory = 'corporate' | 'vpn' | 'cloud' | 'administrative' | 'risky' | 'anonymous';

/** Kinds of network from the curated ASN list and AS-organisation keywords. */
export type NetworkKind = 'hosting' | 'vpn-provider' | 'private-relay' | 'satellite' | 'mobile';

export interface IpListMatch {
  /** Stable id: `tor`, `firehol-level1`, `spamhaus-drop`, `feodo`, or `custom:<id>`. */
  id: string;
  name: string;
  /** What the list says about the address. */
  kind: 'anonymity' | 'threat';
  /** When the list's data was last refreshed (epoch ms), null for a shipped fixture of unknown age. */
  updatedAt: number | null;
}

export interface IpRange {
  id: string;
  cidr: string;
  category: IpCategory;
  name: string | null;
  tags: string[];
  createdAt: number;
}

export interface IpFacts {
  ip: string;
  asn: number | null;
  asOrg: string | null;
  network: NetworkKind | null;
  lists: IpListMatch[];
  /** The admin's range containing the address (ranges never overlap, so at most one). */
  range: IpRange | null;
}

export interface IpIntel {
  facts(ip: string): IpFacts;
  /** True when the two ISO 3166-1 alpha-2 countries share a land border. */
  bordering(a: string, b: string): boolean;
}
