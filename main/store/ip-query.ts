// What an IP filter means: one address, a prefix typed as text, or a CIDR range. Matching runs
// over the dictionary of distinct addresses (thousands), never over rows.
import ipaddr from 'ipaddr.js';
import { GuardError } from '../runtime/errors';

export interface IpMatch {
  kind: 'exact' | 'prefix' | 'cidr';
  /** Canonical form, for the mask cache. */
  key: string;
  test(value: string): boolean;
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
    return {
      kind: 'cidr',
      key: `cidr:${base.toNormalizedString()}/${bits}`,
      test: (v) => {
        const a = parseAddress(v);
        return a !== null && a.kind() === kind && a.match(range);
      },
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
