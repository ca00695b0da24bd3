// Adds what the audit log does not say to each activity: location from the offline
// geolocation database; ASN, AS organisation and IP categories from IpIntel; the device from
// the user agent; details lifted out of extra_data. Audit logs repeat the same few thousand
// IPs and user agents millions of times, so lookups are cached (bounded) per enricher.
import { openGeolocation, type Geolocation } from '../intel/geolocation';
import type { IpFacts, IpIntel } from '../intel/ip-facts';
import { ipTagsOf } from '../intel/ip-intel';
import type { StoredActivity } from '../store/types';
import { createDeviceParser } from './device';
import { liftDetails } from './normalise';

export type Place = Pick<StoredActivity, 'country' | 'city' | 'lat' | 'lon' | 'radiusKm'>;

/** The enrichment fields of StoredActivity besides the place. */
export type Enrichment = Required<Pick<StoredActivity, 'asn' | 'asOrg' | 'ipTags' | 'device' | 'details'>>;

export interface EnrichInput {
  ip: string | null;
  userAgent: string | null;
  extra?: Record<string, unknown> | null;
}

export interface Enricher {
  /** Where an IP is (all fields null when unknown); cached. */
  locate(ip: string | null): Place;
  /** ASN, AS org, IP tags, device and details for one event; cached per IP and user agent. */
  describe(e: EnrichInput): Enrichment;
  enrich(a: StoredActivity): StoredActivity;
  close(): void;
}

const NOWHERE: Place = { country: null, city: null, lat: null, lon: null, radiusKm: null };
interface NetworkFields {
  asn: number | null;
  asOrg: string | null;
  ipTags: string[];
}
const NO_NETWORK: NetworkFields = { asn: null, asOrg: null, ipTags: [] };

export function createEnricher(geo: Geolocation | null, cacheSize = 50_000, intel: IpIntel | null = null): Enricher {
  const cache = new Map<string, Place>();
  const device = createDeviceParser();
  const place = (ip: string): Place => {
    const hit = cache.get(ip);
    if (hit) return hit;
    let p = NOWHERE;
    try {
      const g = geo?.lookup(ip);
      if (g)
        p = {
          country: g.country ?? null,
          city: g.city ?? null,
          lat: g.lat ?? null,
          lon: g.lon ?? null,
          radiusKm: g.radiusKm ?? null,
        };
    } catch {
      // A bad address or a damaged database must not lose the activity; it just has no location.
    }
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
    cache.set(ip, p);
    return p;
  };
  // IpIntel caches facts itself and hands out a new object once ranges or lists change, so the
  // tags derived from a facts object are kept only while intel returns that same object.
  const derived = new Map<string, { facts: IpFacts; network: NetworkFields }>();
  const network = (ip: string | null) => {
    if (!ip || !intel) return NO_NETWORK;
    try {
      const f = intel.facts(ip);
      const hit = derived.get(ip);
      if (hit && hit.facts === f) return hit.network;
      const n = { asn: f.asn, asOrg: f.asOrg, ipTags: ipTagsOf(f) };
      if (derived.size >= cacheSize) derived.delete(derived.keys().next().value as string);
      derived.set(ip, { facts: f, network: n });
      return n;
    } catch {
      return NO_NETWORK;
    }
  };
  const describe = (e: EnrichInput): Enrichment => {
    const n = network(e.ip);
    return {
      asn: n.asn,
      asOrg: n.asOrg,
      ipTags: [...n.ipTags],
      device: device(e.userAgent),
      details: liftDetails(e.extra),
    };
  };
  return {
    locate: (ip) => (ip ? place(ip) : NOWHERE),
    describe,
    enrich(a) {
      const rawExtra = (a.raw as { extra_data?: unknown } | null)?.extra_data;
      const extra = rawExtra && typeof rawExtra === 'object' ? (rawExtra as Record<string, unknown>) : null;
      const more = describe({ ip: a.ip, userAgent: a.userAgent, extra });
      const p = a.ip ? place(a.ip) : NOWHERE;
      return p === NOWHERE ? { ...a, ...more } : { ...a, ...p, ...more };
    },
    close() {
      cache.clear();
      derived.clear();
      geo?.close();
    },
  };
}

/** Opens the bundled geolocation data; without it activities are kept, unlocated. */
export async function openEnricher(dir?: string, intel: IpIntel | null = null): Promise<Enricher> {
  let geo: Geolocation | null;
  try {
    geo = await openGeolocation(dir);
  } catch {
    geo = null;
  }
  return createEnricher(geo, 50_000, intel);
}
