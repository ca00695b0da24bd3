// Address and CIDR parsing for the intel layer, on ipaddr.js (MIT) rather than by hand.
// Every address becomes a numeric key in its family: IPv4 as one unsigned 32-bit number, IPv6 as
// four 32-bit words (most significant first). An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is
// the IPv4 address: data about 1.2.3.4 must apply to ::ffff:1.2.3.4 as well.
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export type AddressKey = { family: 4; v4: number; text: string } | { family: 6; v6: Uint32Array; text: string };

export interface CidrRange {
  family: 4 | 6;
  /** Canonical CIDR (network address / prefix), e.g. `10.0.0.0/8`, `2001:db8::/32`. */
  cidr: string;
  prefix: number;
  /** IPv4: [start, end] as unsigned numbers. */
  v4?: [number, number];
  /** IPv6: start and end as four words each. */
  v6?: [Uint32Array, Uint32Array];
}

const MAX_TEXT = 100;

function v4Key(addr: ipaddr.IPv4): number {
  const o = addr.octets;
  return ((o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3]) >>> 0;
}

function v6Words(addr: ipaddr.IPv6): Uint32Array {
  const p = addr.parts;
  const w = new Uint32Array(4);
  for (let i = 0; i < 4; i++) w[i] = ((p[2 * i] << 16) | p[2 * i + 1]) >>> 0;
  return w;
}

/**
 * Parses an address (brackets and zone ids tolerated); null for anything that is not one.
 * Validation is node's own (`isIP`, strict dotted quads only — audit logs never mean legacy forms
 * such as "0x7f.1"); IPv6 goes through ipaddr.js. This runs once per activity, so the common
 * IPv4 case avoids ipaddr.js's slower general parser.
 */
export function parseAddress(input: unknown): AddressKey | null {
  if (typeof input !== 'string') return null;
  let s = input.trim();
  if (s.length === 0 || s.length > MAX_TEXT) return null;
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const family = isIP(s);
  if (family === 4) {
    const o = s.split('.');
    const v4 = ((+o[0] << 24) | (+o[1] << 16) | (+o[2] << 8) | +o[3]) >>> 0;
    return { family: 4, v4, text: s };
  }
  if (family !== 6) return null;
  let v6: ipaddr.IPv6;
  try {
    v6 = ipaddr.IPv6.parse(s);
  } catch {
    return null;
  }
  if (v6.isIPv4MappedAddress()) {
    const v4 = v6.toIPv4Address();
    return { family: 4, v4: v4Key(v4), text: v4.toString() };
  }
  return { family: 6, v6: v6Words(v6), text: v6.toString() };
}

/** Parses `a.b.c.d/n` or `x::/n` (a bare address is a single-host range); throws with a readable message. */
export function parseCidr(input: string): CidrRange {
  const s = input.trim();
  if (s.length === 0 || s.length > MAX_TEXT) throw new Error(`"${s.slice(0, 40)}" is not an IP range (CIDR)`);
  const text = s.includes('/') ? s : `${s}/${s.includes(':') ? 128 : 32}`;
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    if (!ipaddr.isValidCIDR(text)) throw new Error('invalid');
    const slash = text.lastIndexOf('/');
    const head = text.slice(0, slash);
    if (!head.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(head)) throw new Error('invalid');
    parsed = ipaddr.parseCIDR(text);
  } catch {
    throw new Error(`"${s}" is not an IP range: expected CIDR such as 203.0.113.0/24 or 2001:db8::/32`);
  }
  let [addr, prefix] = parsed;
  // A v4-mapped IPv6 range is an IPv4 range.
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() && prefix >= 96) {
    addr = (addr as ipaddr.IPv6).toIPv4Address();
    prefix -= 96;
  }
  if (addr.kind() === 'ipv4') {
    const net = ipaddr.IPv4.networkAddressFromCIDR(`${addr.toString()}/${prefix}`);
    const bcast = ipaddr.IPv4.broadcastAddressFromCIDR(`${addr.toString()}/${prefix}`);
    return { family: 4, cidr: `${net.toString()}/${prefix}`, prefix, v4: [v4Key(net), v4Key(bcast)] };
  }
  const a6 = addr as ipaddr.IPv6;
  const net = ipaddr.IPv6.networkAddressFromCIDR(`${a6.toString()}/${prefix}`);
  const bcast = ipaddr.IPv6.broadcastAddressFromCIDR(`${a6.toString()}/${prefix}`);
  return { family: 6, cidr: `${net.toString()}/${prefix}`, prefix, v6: [v6Words(net), v6Words(bcast)] };
}

/** IPv4 start/end as an address string (for messages and caches). */
export function v4Text(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** -1, 0, 1 comparing two IPv6 keys (four words each, at offsets `ai` and `bi` of their arrays). */
export function compareV6(a: ArrayLike<number>, ai: number, b: ArrayLike<number>, bi: number): number {
  for (let k = 0; k < 4; k++) {
    const x = a[ai + k];
    const y = b[bi + k];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Special-purpose space (private, loopback, link-local, multicast, reserved…) rather than public unicast. */
export function isSpecialRange(r: CidrRange): boolean {
  const startText = r.cidr.slice(0, r.cidr.lastIndexOf('/'));
  const start = ipaddr.parse(startText);
  if (start.range() !== 'unicast') return true;
  if (r.family === 4) return ipaddr.parse(v4Text(r.v4![1])).range() !== 'unicast';
  return false;
}
