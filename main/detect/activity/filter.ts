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

export function matchesFilter(a: StoredActivity, f: ActivityPolicyFilter, ctx: FilterContext): boolean {
  if (f.types && !typeMatches(a.type, f.types)) return false;
  if (f.events && !f.events.some((e) => e.toLowerCase() === a.event.toLowerCase())) return false;
  if (f.admin !== undefined && a.admin !== f.admin) return false;
  if (f.impersonated !== undefined && a.impersonated !== f.impersonated) return false;
  if (f.users && !f.users.some((u) => ctx.names.includes(u.trim().toLowerCase()))) return false;
  if (f.countries && !(a.country && f.countries.some((c) => c.toUpperCase() === a.country))) return false;
  if (f.ips && !(a.ip && ipMatches(a.ip, f.ips))) return false;
  if (f.asns && !(ctx.facts?.asn != null && f.asns.includes(ctx.facts.asn))) return false;
  if (f.ipTags || f.notIpTags) {
    if (!a.ip) return false;
    const tags = tagsOf(ctx.facts);
    if (f.ipTags && !f.ipTags.some((t) => tags.includes(t))) return false;
    if (f.notIpTags && f.notIpTags.some((t) => tags.includes(t))) return false;
  }
  if (f.deviceTypes && !(a.device && f.deviceTypes.includes(a.device.type))) return false;
  if (f.userAgentContains && !(a.userAgent ?? '').toLowerCase().includes(f.userAgentContains.toLowerCase()))
    return false;
  if (f.hours) {
    const h = new Date(a.at).getUTCHours();
    const { from, to } = f.hours;
    const inside = from <= to ? h >= from && h < to : h >= from || h < to;
    if (!inside) return false;
  }
  return true;
}
