// Where a country is on the map: its ISO numeric code (the id of its shape in world-atlas's
// countries-110m) and a representative point (for a bubble when the shape is too small to draw
// at 1:110m, e.g. Singapore). From the world-countries dataset, read once on first use.
import { createRequire } from 'node:module';

export interface CountryPlace {
  numeric: string | null;
  lat: number | null;
  lon: number | null;
}

interface CountryRecord {
  cca2: string;
  ccn3: string;
  latlng: number[];
}

let table: Map<string, CountryPlace> | null = null;

function places(): Map<string, CountryPlace> {
  if (table) return table;
  const require = createRequire(import.meta.url);
  const countries = require('world-countries/countries.json') as CountryRecord[];
  table = new Map(
    countries.map((c) => [
      c.cca2.toUpperCase(),
      {
        numeric: c.ccn3 || null,
        lat: typeof c.latlng[0] === 'number' ? c.latlng[0] : null,
        lon: typeof c.latlng[1] === 'number' ? c.latlng[1] : null,
      },
    ]),
  );
  return table;
}

/** The map place of an ISO alpha-2 code (any letter case); all null for a code the dataset lacks. */
export function countryPlace(code: string): CountryPlace {
  return places().get(code.toUpperCase()) ?? { numeric: null, lat: null, lon: null };
}
