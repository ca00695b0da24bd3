// The audit log's timestamp format is not documented: accept unix seconds (number or numeric
// string), milliseconds, ISO 8601 including Graph's `+0000` offset form, and RFC 2822 dates.
// A time written without a zone is UTC: JavaScript would read it in the machine's zone, and
// then the same record would land hours apart on two admins' laptops.

/** Below this a number is unix seconds, above it milliseconds (1e11 s is the year 5138). */
const SECONDS_LIMIT = 1e11;
/** The largest time a Date can hold (year 275760); anything beyond is not a time at all. */
const MAX_DATE_MS = 8.64e15;

const ISO = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?)\s*(Z|UTC|GMT|[+-]\d\d(?::?\d\d)?)?$/i;
const HAS_ZONE = /(?:\bZ|\bUTC|\bGMT|[+-]\d\d:?\d\d)\s*$/i;

export function parseTimestamp(value: unknown): number | null {
  if (typeof value === 'number') return fromNumber(value);
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (s === '' || s.length > 64) return null;
  if (/^-?\d+(\.\d+)?$/.test(s)) return fromNumber(Number(s));
  return valid(Date.parse(normalise(s)));
}

/** A string Date.parse reads the same in every time zone. */
function normalise(s: string): string {
  const iso = ISO.exec(s);
  if (iso) {
    const [, date, time, zone] = iso;
    return `${date}T${time.replace(',', '.')}${isoZone(zone)}`;
  }
  if (/^\d{4}-\d\d-\d\d$/.test(s)) return s; // a bare ISO date is already UTC
  return HAS_ZONE.test(s) ? s : `${s} UTC`;
}

function isoZone(zone: string | undefined): string {
  if (!zone || /^(Z|UTC|GMT)$/i.test(zone)) return 'Z';
  const m = /^([+-]\d\d):?(\d\d)?$/.exec(zone)!;
  return `${m[1]}:${m[2] ?? '00'}`;
}

function fromNumber(n: number): number | null {
  if (!Number.isFinite(n) || n < 0) return null;
  return valid(Math.round(n < SECONDS_LIMIT ? n * 1000 : n));
}

function valid(ms: number): number | null {
  return Number.isFinite(ms) && ms >= 0 && ms <= MAX_DATE_MS ? ms : null;
}
