// What an IP filter means: one address, a prefix typed as text, or a CIDR range. Matching runs
// over the dictionary of distinct addresses (thousands), never over rows.
import ipaddr from 'ipaddr.js';
import { GuardError } from '../runtime/errors';

export interface IpMatch {
  kind: 'exact' | 'prefix' | 'cidr';
  /** Canonical form, for the mask cache. */
  key: string;
  test(value: string): boolean;
  /** For an IPv4 range, its first and last address as numbers: matched without parsing each value. */
  v4Range?: [number, number];
}

/** A dotted IPv4 address as a number (0…2³²−1), or -1 when `s` is not one in plain dotted form. */
export function ipv4Number(s: string): number {
  let n = 0;
  let part = -1;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (part < 0 || dots === 3) return -1;
      n = n * 256 + part;
      part = -1;
      dots++;
    } else if (c >= 48 && c <= 57) {
      part = part < 0 ? c - 48 : part * 10 + (c - 48);
      if (part > 255) return -1;
    } else return -1;
  }
  return dots === 3 && part >= 0 ? n * 256 + part : -1;
}

function parseAddress(value: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  try {
    // IPv4-mapped IPv6 (::ffff:203.0.113.7) is the IPv4 address.
    return ipaddr.process(value);
  } catch {
    return null;
  }
}

const PARTIAL_V4 = /^\d{1,3}(\.\d{1,3}){0,2}\.?$/;
const PARTIAL_V6 = /^[0-9a-f]{1,4}(:[0-9a-f]{0,4}){0,6}:?$/i;

/** Throws a GuardError a person can act on when `query` is none of the three. */
export function ipMatcher(query: string): IpMatch {
  const q = query.trim().toLowerCase();
  if (q.includes('/')) {
    let range: [ipaddr.IPv4 | ipaddr.IPv6, number];
    try {
      range = ipaddr.parseCIDR(q);
    } catch {
      throw new GuardError(
        'invalid_input',
        `“${query.slice(0, 64)}” is not a CIDR range: write it as 203.0.113.0/24 or 2001:db8::/32.`,
      );
    }
    const [base, bits] = range;
    const kind = base.kind();
    let v4Range: [number, number] | undefined;
    if (base.kind() === 'ipv4') {
      const size = 2 ** (32 - bits);
      const start = Math.floor(ipv4Number(base.toString()) / size) * size;
      v4Range = [start, start + size - 1];
    }
    return {
      kind: 'cidr',
      key: `cidr:${base.toNormalizedString()}/${bits}`,
      test: (v) => {
        const a = parseAddress(v);
        return a !== null && a.kind() === kind && a.match(range);
      },
      v4Range,
    };
  }
  if (ipaddr.isValid(q) && (q.includes(':') || /^\d{1,3}(\.\d{1,3}){3}$/.test(q))) {
    const wanted = parseAddress(q)!.toNormalizedString();
    return {
      kind: 'exact',
      key: `exact:${wanted}`,
      test: (v) => parseAddress(v)?.toNormalizedString() === wanted,
    };
  }
  if (PARTIAL_V4.test(q)) {
    // "203.0.113" means the whole /24: a partial address matches at octet boundaries only.
    const prefix = q.endsWith('.') ? q : `${q}.`;
    return { kind: 'prefix', key: `prefix:${prefix}`, test: (v) => v.startsWith(prefix) };
  }
  if (PARTIAL_V6.test(q) && q.includes(':')) {
    const prefix = q.endsWith(':') ? q : `${q}:`;
    return { kind: 'prefix', key: `prefix:${prefix}`, test: (v) => v.toLowerCase().startsWith(prefix) };
  }
  throw new GuardError(
    'invalid_input',
    `“${query.slice(0, 64)}” is not an IP address, a prefix (203.0.113.) or a CIDR range (203.0.113.0/24).`,
  );
}
