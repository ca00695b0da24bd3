// A small offline map of two places (impossible travel): Natural Earth land at 1:110m from the
// world-atlas package (TopoJSON, decoded by topojson-client), drawn as inline SVG in an
// equirectangular projection. No tile server: the console works offline and leaks no location.
import { useMemo } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import land110m from 'world-atlas/land-110m.json';

export type MapPlace = { lat: number; lon: number; label: string };

const W = 360;
const H = 180;
const x = (lon: number) => lon + 180;
const y = (lat: number) => 90 - lat;

/** The land outline as one SVG path, built once: a jump across the antimeridian starts a new run. */
let landPath: string | null = null;
export function land(): string {
  if (landPath) return landPath;
  const topo = land110m as unknown as Topology<{ land: GeometryCollection }>;
  const fc = feature(topo, topo.objects.land);
  const parts: string[] = [];
  for (const f of fc.features) {
    const g = f.geometry;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    for (const poly of polygons) {
      for (const ring of poly) {
        let prev: number | null = null;
        ring.forEach(([lon, lat], i) => {
          const cmd = i === 0 || (prev !== null && Math.abs(lon - prev) > 180) ? 'M' : 'L';
          parts.push(`${cmd}${x(lon).toFixed(1)} ${y(lat).toFixed(1)}`);
          prev = lon;
        });
      }
    }
  }
  landPath = parts.join('');
  return landPath;
}

/** The two places, framed with a margin (at least 40° wide), joined by the straight line of the projection. */
export function TravelMap({ from, to, height = 240 }: { from: MapPlace; to: MapPlace; height?: number }) {
  const path = useMemo(land, []);
  const minX = Math.min(x(from.lon), x(to.lon));
  const maxX = Math.max(x(from.lon), x(to.lon));
  const minY = Math.min(y(from.lat), y(to.lat));
  const maxY = Math.max(y(from.lat), y(to.lat));
  // Wide margins: each label reads inward, toward the other place, and must fit in the frame.
  const w = Math.max(40, (maxX - minX) * 1.5);
  const h = Math.max(w / 2.2, (maxY - minY) * 1.4);
  const vx = Math.max(0, Math.min(W - w, (minX + maxX) / 2 - w / 2));
  const vy = Math.max(0, Math.min(H - h, (minY + maxY) / 2 - h / 2));
  const unit = w / 120; // marker and text sizes follow the zoom
  const marker = (p: MapPlace, color: string, anchor: 'start' | 'end') => (
    <g>
      <circle cx={x(p.lon)} cy={y(p.lat)} r={2.2 * unit} fill={color} stroke="#fff" strokeWidth={0.6 * unit} />
      <text
        x={x(p.lon) + (anchor === 'start' ? 1 : -1) * unit}
        y={y(p.lat) - 3.5 * unit}
        fontSize={3.6 * unit}
        fontWeight={600}
        textAnchor={anchor}
        fill="#1a1b1e"
        stroke="#fff"
        strokeWidth={1 * unit}
        paintOrder="stroke"
      >
        {p.label}
      </text>
    </g>
  );
  const westFirst = x(from.lon) <= x(to.lon);
  return (
    <svg
      role="img"
      aria-label={`Map: ${from.label} to ${to.label}`}
      data-testid="travel-map"
      viewBox={`${vx} ${vy} ${w} ${h}`}
      width="100%"
      height={height}
      preserveAspectRatio="xMidYMid meet"
      style={{ background: '#dbeafe', borderRadius: 8, display: 'block' }}
    >
      <path d={path} fill="#f1f5f9" stroke="#94a3b8" strokeWidth={0.3 * unit} />
      <line
        x1={x(from.lon)}
        y1={y(from.lat)}
        x2={x(to.lon)}
        y2={y(to.lat)}
        stroke="#e03131"
        strokeWidth={0.9 * unit}
        strokeDasharray={`${2.5 * unit} ${1.5 * unit}`}
      />
      {marker(from, '#1971c2', westFirst ? 'start' : 'end')}
      {marker(to, '#e03131', westFirst ? 'end' : 'start')}
    </svg>
  );
}
