// A world map of counts per country, drawn offline: Natural Earth country shapes at 1:110m from
// the world-atlas package (TopoJSON, decoded by topojson-client) as inline SVG in an
// equirectangular projection. No tile server: the console works offline and leaks no location.
// Countries are shaded by their count (a choropleth); a country too small to have a shape at
// this scale (Singapore, Malta…) is drawn as a bubble at its centre instead.
import { useMemo, type KeyboardEvent } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries110m from 'world-atlas/countries-110m.json';

export type WorldMapPlace = {
  /** ISO alpha-2, for the label and the click. */
  country: string;
  /** ISO numeric: the world-atlas shape id. */
  numeric: string | null;
  lat: number | null;
  lon: number | null;
  count: number;
  /** Drawn in the warning colour (e.g. only failed sign-ins from there). */
  warn?: boolean;
  /** Read by screen readers and shown on hover. */
  label: string;
};

const W = 360;
// Antarctica and the far north carry no sign-ins: the frame stops at 62°S and 84°N.
const TOP = 84;
const BOTTOM = -62;
const x = (lon: number) => lon + 180;
const y = (lat: number) => TOP - lat;

/** One SVG path per country id, built once: a jump across the antimeridian starts a new run. */
let shapes: Map<string, string> | null = null;
function countryShapes(): Map<string, string> {
  if (shapes) return shapes;
  const topo = countries110m as unknown as Topology<{ countries: GeometryCollection }>;
  const fc = feature(topo, topo.objects.countries);
  const out = new Map<string, string>();
  for (const f of fc.features) {
    const g = f.geometry;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    const parts: string[] = [];
    for (const poly of polygons) {
      for (const ring of poly) {
        let prev: number | null = null;
        ring.forEach(([lon, lat], i) => {
          const cmd = i === 0 || (prev !== null && Math.abs(lon - prev) > 180) ? 'M' : 'L';
          parts.push(`${cmd}${x(lon).toFixed(1)} ${y(Math.max(BOTTOM - 5, lat)).toFixed(1)}`);
          prev = lon;
        });
      }
    }
    const key = f.id === undefined ? `unnamed-${out.size}` : String(f.id);
    out.set(key, (out.get(key) ?? '') + parts.join(''));
  }
  shapes = out;
  return shapes;
}

/** Shade from 0.25 to 1 on a log scale: one sign-in shows, and the largest country does not wash out the rest. */
function shade(count: number, max: number): number {
  if (count <= 0) return 0;
  return 0.25 + 0.75 * (Math.log1p(count) / Math.log1p(Math.max(1, max)));
}

export function WorldMap({
  places,
  onPick,
  height = 300,
  ariaLabel,
}: {
  places: WorldMapPlace[];
  onPick?: (country: string) => void;
  height?: number;
  ariaLabel: string;
}) {
  const all = useMemo(countryShapes, []);
  const byNumeric = new Map(places.filter((p) => p.numeric).map((p) => [p.numeric!, p]));
  const max = Math.max(1, ...places.map((p) => p.count));
  const bubbles = places.filter((p) => (!p.numeric || !all.has(p.numeric)) && p.lat !== null && p.lon !== null);
  const colour = (p: WorldMapPlace) => (p.warn ? 'var(--mantine-color-red-6)' : 'var(--mantine-color-blue-6)');
  const pick = (p: WorldMapPlace) =>
    onPick
      ? {
          onClick: () => onPick(p.country),
          onKeyDown: (e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && onPick(p.country),
          tabIndex: 0,
          role: 'button',
          'aria-label': p.label,
          style: { cursor: 'pointer' },
        }
      : {};
  return (
    <svg
      role="group"
      aria-label={ariaLabel}
      data-testid="world-map"
      viewBox={`0 0 ${W} ${TOP - BOTTOM}`}
      width="100%"
      height={height}
      preserveAspectRatio="xMidYMid meet"
      style={{ display: 'block', borderRadius: 8, background: 'var(--mantine-color-default-hover)' }}
    >
      {[...all].map(([id, d]) => {
        const p = byNumeric.get(id);
        if (!p) {
          return (
            <path
              key={id}
              d={d}
              fill="var(--mantine-color-body)"
              stroke="var(--mantine-color-default-border)"
              strokeWidth={0.3}
            />
          );
        }
        return (
          <path
            key={id}
            d={d}
            fill={colour(p)}
            fillOpacity={shade(p.count, max)}
            stroke="var(--mantine-color-default-border)"
            strokeWidth={0.3}
            data-country={p.country}
            {...pick(p)}
          >
            <title>{p.label}</title>
          </path>
        );
      })}
      {bubbles.map((p) => (
        <circle
          key={p.country}
          cx={x(p.lon!)}
          cy={y(p.lat!)}
          r={1.5 + 3 * shade(p.count, max)}
          fill={colour(p)}
          fillOpacity={0.85}
          stroke="var(--mantine-color-body)"
          strokeWidth={0.4}
          data-country={p.country}
          {...pick(p)}
        >
          <title>{p.label}</title>
        </circle>
      ))}
    </svg>
  );
}
