// Adds location to activities from the offline geolocation database. Audit logs repeat the
// same few thousand IPs millions of times, so lookups are cached (bounded) per enricher.
import { openGeolocation, type Geolocation } from '../intel/geolocation';
import type { StoredActivity } from '../store/types';

export type Place = Pick<StoredActivity, 'country' | 'city' | 'lat' | 'lon' | 'radiusKm'>;

export interface Enricher {
  /** Where an IP is (all fields null when unknown); cached. */
  locate(ip: string | null): Place;
  enrich(a: StoredActivity): StoredActivity;
  close(): void;
}

const NOWHERE: Place = { country: null, city: null, lat: null, lon: null, radiusKm: null };

export function createEnricher(geo: Geolocation | null, cacheSize = 50_000): Enricher {
  const cache = new Map<string, Place>();
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
  return {
    locate: (ip) => (ip ? place(ip) : NOWHERE),
    enrich(a) {
      if (!a.ip) return a;
      const p = place(a.ip);
      if (p === NOWHERE) return a;
      return { ...a, ...p };
    },
    close() {
      cache.clear();
      geo?.close();
    },
  };
}

/** Opens the bundled geolocation data; without it activities are kept, unlocated. */
export async function openEnricher(dir?: string): Promise<Enricher> {
  let geo: Geolocation | null;
  try {
    geo = await openGeolocation(dir);
  } catch {
    geo = null;
  }
  return createEnricher(geo);
}
