// The activity-policy filter (detections.md "Activity policies"): every field given must match.
// IP categories and tags are read from the intel layer at evaluation time, so a range the admin
// tags applies to the next evaluation, and replays judge history by today's knowledge.
import type { IpFacts } from '../../intel/ip-facts';
import type { ActivityPolicyFilter } from '../../store/policy-store';
import type { StoredActivity } from '../../store/types';
import { parseAddress } from '../../intel/ip-address';

/** The address's categories and tags: network kind, list ids, the admin's category and `tag:<tag>`s. */
export function tagsOf(f: IpFacts | null): string[] {
  if (!f) return [];
  const tags: string[] = [];
  if (f.network) tags.push(f.network);
  for (const l of f.lists) tags.push(l.id);
  if (f.lists.some((l) => l.kind === 'threat')) tags.push('threat');
  if (f.lists.some((l) => l.kind === 'anonymity')) tags.push('anonymous');
  if (f.range) {
    tags.push(f.range.category);
    for (const t of f.range.tags) tags.push(`tag:${t}`);
  }
  return tags;
}

function typeMatches(type: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith('*') ? type.startsWith(p.slice(0, -1)) : type === p));
}

/** `a.b.c.d` inside `a.b.0.0/16` (IPv4 and IPv6), or equal to a plain address. */
export function ipMatches(ip: string, patterns: readonly string[]): boolean {
  const key = parseAddress(ip);
  if (!key) return false;
  for (const p of patterns) {
    const [net, bitsText] = p.split('/');
    const base = parseAddress(net);
    if (!base || base.family !== key.family) continue;
    const bits = bitsText === undefined ? (key.family === 4 ? 32 : 128) : Number(bitsText);
    if (!Number.isInteger(bits) || bits < 0 || bits > (key.family === 4 ? 32 : 128)) continue;
    if (key.family === 4 && base.family === 4) {
      const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
      if ((key.v4 & mask) >>> 0 === (base.v4 & mask) >>> 0) return true;
    } else if (key.family === 6 && base.family === 6) {
      let same = true;
      for (let w = 0; w < 4 && same; w++) {
        const wbits = Math.max(0, Math.min(32, bits - 32 * w));
        const mask = wbits === 0 ? 0 : (0xffffffff << (32 - wbits)) >>> 0;
        same = (key.v6[w]! & mask) >>> 0 === (base.v6[w]! & mask) >>> 0;
      }
      if (same) return true;
    }
  }
  return false;
}

export interface FilterContext {
  facts: IpFacts | null;
  /** Names the actor goes by (audit-log name, email, id, local part), lower-case. */
  names: string[];
}

// One test per stored field, so the row filter below and the column scan of replay
// (column-filter.ts) judge every field by the very same code.

export function typePasses(f: ActivityPolicyFilter, type: string): boolean {
  return !f.types || typeMatches(type, f.types);
}

export function eventPasses(f: ActivityPolicyFilter, event: string): boolean {
  return !f.events || f.events.some((e) => e.toLowerCase() === event.toLowerCase());
}

export function flagsPass(f: ActivityPolicyFilter, admin: boolean, impersonated: boolean): boolean {
  if (f.admin !== undefined && admin !== f.admin) return false;
  return f.impersonated === undefined || impersonated === f.impersonated;
}

/** `names`: what the actor goes by (see FilterContext). */
export function actorPasses(f: ActivityPolicyFilter, names: readonly string[]): boolean {
  return !f.users || f.users.some((u) => names.includes(u.trim().toLowerCase()));
}

export function countryPasses(f: ActivityPolicyFilter, country: string | null): boolean {
  return !f.countries || (!!country && f.countries.some((c) => c.toUpperCase() === country));
}

/** The address, its network (ASN) and its categories and tags as the intel layer knows them now. */
export function ipPasses(f: ActivityPolicyFilter, ip: string | null, facts: IpFacts | null): boolean {
  if (f.ips && !(ip && ipMatches(ip, f.ips))) return false;
  if (f.asns && !(facts?.asn != null && f.asns.includes(facts.asn))) return false;
  if (f.ipTags || f.notIpTags) {
    if (!ip) return false;
    const tags = tagsOf(facts);
    if (f.ipTags && !f.ipTags.some((t) => tags.includes(t))) return false;
    if (f.notIpTags && f.notIpTags.some((t) => tags.includes(t))) return false;
  }
  return true;
}

export function userAgentPasses(f: ActivityPolicyFilter, userAgent: string | null): boolean {
  return !f.userAgentContains || (userAgent ?? '').toLowerCase().includes(f.userAgentContains.toLowerCase());
}

/** Not in the store's index: parsed from the user agent when the activity was stored. */
export function devicePasses(f: ActivityPolicyFilter, device: StoredActivity['device']): boolean {
  return !f.deviceTypes || (!!device && f.deviceTypes.includes(device.type));
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export function hourPasses(f: ActivityPolicyFilter, at: number): boolean {
  if (!f.hours) return true;
  // The UTC hour by arithmetic (a Date per row is measurable when replay checks millions of rows).
  const h = Math.floor((((at % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
  const { from, to } = f.hours;
  return from <= to ? h >= from && h < to : h >= from || h < to;
}

export function matchesFilter(a: StoredActivity, f: ActivityPolicyFilter, ctx: FilterContext): boolean {
  return (
    typePasses(f, a.type) &&
    eventPasses(f, a.event) &&
    flagsPass(f, a.admin, a.impersonated) &&
    actorPasses(f, ctx.names) &&
    countryPasses(f, a.country) &&
    ipPasses(f, a.ip, ctx.facts) &&
    devicePasses(f, a.device) &&
    userAgentPasses(f, a.userAgent) &&
    hourPasses(f, a.at)
  );
}
