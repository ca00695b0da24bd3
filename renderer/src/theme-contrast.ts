// Text colours that pass WCAG AA (4.5:1) on the surfaces they are drawn on. Mantine's defaults
// do not everywhere: dimmed grey is 3.3:1 on white, and `c="orange"` text (shade 7) about 3:1.
// Each colour is kept as close to its palette shade as it can be while passing, so the look
// stays the same and only the failing ones move. Pure functions, unit-tested.

/** The WCAG AA ratio for body text, with a little headroom for anti-aliasing. */
export const MIN_TEXT_CONTRAST = 4.6;

type Rgb = [number, number, number];

function parseHex(hex: string): Rgb {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`Not a #rrggbb colour: ${hex}`);
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const toHex = (c: Rgb) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

function luminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG contrast ratio of two opaque colours, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** `a` moved `t` (0..1) of the way to `b`. */
export function mix(a: string, b: string, t: number): string {
  const x = parseHex(a);
  const y = parseHex(b);
  return toHex([0, 1, 2].map((i) => x[i] + (y[i] - x[i]) * t) as Rgb);
}

/**
 * `color`, darkened (on light surfaces) or lightened (on dark ones) in small steps until it
 * reaches `min` against every surface. Returns `color` itself when it already passes.
 */
export function readableOn(color: string, surfaces: string[], min = MIN_TEXT_CONTRAST): string {
  const dark = surfaces.every((s) => luminance(s) < 0.18);
  const toward = dark ? '#ffffff' : '#000000';
  for (let step = 0; step <= 20; step++) {
    const candidate = mix(color, toward, step / 20);
    if (surfaces.every((s) => contrast(candidate, s) >= min)) return candidate;
  }
  return toward;
}
