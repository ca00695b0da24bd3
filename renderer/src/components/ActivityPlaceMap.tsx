// Where one activity came from, on a small offline map (the same Natural Earth land as the
// travel map, no tile server). The circle is the geolocation's accuracy where it is known.
import { useMemo } from 'react';
import { land } from './TravelMap';

const W = 360;
const H = 180;
const x = (lon: number) => lon + 180;
const y = (lat: number) => 90 - lat;

export function ActivityPlaceMap({
  lat,
  lon,
  label,
  height = 160,
}: {
  lat: number;
  lon: number;
  label: string;
  height?: number;
}) {
  const path = useMemo(land, []);
  // A 60°-wide frame around the place, kept inside the world.
  const w = 60;
  const h = w / 2.2;
  const vx = Math.max(0, Math.min(W - w, x(lon) - w / 2));
  const vy = Math.max(0, Math.min(H - h, y(lat) - h / 2));
  const unit = w / 120;
  const anchor = x(lon) - vx > w * 0.6 ? 'end' : 'start';
  return (
    <svg
      role="img"
      aria-label={`Map: ${label}`}
      data-testid="place-map"
      viewBox={`${vx} ${vy} ${w} ${h}`}
      width="100%"
      height={height}
      preserveAspectRatio="xMidYMid meet"
      style={{ background: '#dbeafe', borderRadius: 8, display: 'block' }}
    >
      <path d={path} fill="#f1f5f9" stroke="#94a3b8" strokeWidth={0.3 * unit} />
      <circle cx={x(lon)} cy={y(lat)} r={2.4 * unit} fill="#e03131" stroke="#fff" strokeWidth={0.6 * unit} />
      <text
        x={x(lon) + (anchor === 'start' ? 3 : -3) * unit}
        y={y(lat) + 1.2 * unit}
        fontSize={3.8 * unit}
        fontWeight={600}
        textAnchor={anchor}
        fill="#1a1b1e"
        stroke="#fff"
        strokeWidth={1 * unit}
        paintOrder="stroke"
      >
        {label}
      </text>
    </svg>
  );
}
