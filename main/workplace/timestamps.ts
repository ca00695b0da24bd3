// The audit log's timestamp format is not documented: accept unix seconds (number or numeric
// string), milliseconds, and ISO 8601 including Graph's `+0000` offset form.

/** Below this a number is unix seconds, above it milliseconds (1e11 s is the year 5138). */
const SECONDS_LIMIT = 1e11;

export function parseTimestamp(value: unknown): number | null {
  if (typeof value === 'number') return fromNumber(value);
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (s === '') return null;
  if (/^-?\d+(\.\d+)?$/.test(s)) return fromNumber(Number(s));
  let iso = s.replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
  // An ISO date-time without a zone would be read as local time; inside we are UTC.
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(iso)) iso += 'Z';
  const ms = Date.parse(iso);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

function fromNumber(n: number): number | null {
  if (!Number.isFinite(n) || n < 0) return null;
  return Math.round(n < SECONDS_LIMIT ? n * 1000 : n);
}
