// Land borders between countries, from the world-countries dataset (mledoze/countries,
// ODbL-1.0 — attributed in attributions.ts). Impossible travel never fires between the same or
// bordering countries at Low/Medium sensitivity: a border town's IPs geolocate either side.
import { createRequire } from 'node:module';

interface CountryRecord {
  cca2: string;
  cca3: string;
  borders: string[];
}

let table: Map<string, Set<string>> | null = null;

/** ISO alpha-2 → the alpha-2 codes of its land neighbours. Read once, on first use. */
export function landBorders(): Map<string, Set<string>> {
  if (table) return table;
  const require = createRequire(import.meta.url);
  const countries = require('world-countries/countries.json') as CountryRecord[];
  const byCca3 = new Map(countries.map((c) => [c.cca3, c.cca2.toUpperCase()]));
  const out = new Map<string, Set<string>>(countries.map((c) => [c.cca2.toUpperCase(), new Set<string>()]));
  // A land border is mutual; the dataset lists a few only on one side, so both sides are recorded.
  for (const c of countries) {
    const self = c.cca2.toUpperCase();
    for (const b of c.borders ?? []) {
      const other = byCca3.get(b);
      if (!other) continue;
      out.get(self)!.add(other);
      out.get(other)!.add(self);
    }
  }
  table = out;
  return out;
}

/** True when the two ISO 3166-1 alpha-2 countries share a land border (the same country is not "bordering"). */
export function bordering(a: string, b: string): boolean {
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  if (x === y) return false;
  return landBorders().get(x)?.has(y) ?? false;
}
