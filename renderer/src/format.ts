// Formatting for the screen. Data is epoch milliseconds UTC; people see their local time zone.
// Pure functions (no DOM), unit-tested under Node.

const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const shortDateTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
const numberFormat = new Intl.NumberFormat();

/** "12 Jun 2026, 14:03:22" in the local time zone; an em dash for nothing. */
export function formatDateTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return dateTime.format(ms);
}

/** "2026-06-12 12:03:22 UTC": the same instant in UTC, for the hover over a local time. */
export function formatUtc(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** The local zone's name as the admin's system reports it ("Europe/Berlin"), for labels. */
export function localZoneName(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
}

export function formatShortDateTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return shortDateTime.format(ms);
}

export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return numberFormat.format(n);
}

/** A duration in seconds as "45 s", "3 min 05 s", "2 h 10 min". */
export function formatDuration(sec: number | null | undefined): string {
  if (sec === null || sec === undefined || !Number.isFinite(sec) || sec < 0) return '—';
  const s = Math.round(sec);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${String(m % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** "just now", "5 min ago", "in 12 min", "3 h ago", "2 d ago" relative to `now`. */
export function formatRelative(ms: number | null | undefined, now: number = Date.now()): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const diff = ms - now;
  const abs = Math.abs(diff);
  const future = diff > 0;
  // A `now` that ticks once a second lags an event that just happened: a few seconds "ahead" is
  // still "just now", never "in a moment".
  if (abs < 45_000) return diff > 5_000 ? 'in a moment' : 'just now';
  const unit = (value: number, name: string) => (future ? `in ${value} ${name}` : `${value} ${name} ago`);
  const min = Math.round(abs / 60_000);
  if (min < 60) return unit(min, 'min');
  const h = Math.round(abs / 3_600_000);
  if (h < 48) return unit(h, 'h');
  return unit(Math.round(abs / 86_400_000), 'd');
}

export function formatRate(perSec: number | null | undefined): string {
  if (perSec === null || perSec === undefined || !Number.isFinite(perSec)) return '—';
  return `${numberFormat.format(Math.round(perSec))}/s`;
}

let regionNames: Intl.DisplayNames | null = null;
/** "DE" → "Germany" (falls back to the code). */
export function countryName(code: string | null | undefined): string {
  if (!code) return '—';
  try {
    regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** "Berlin, DE" / "DE" / "—". */
export function formatPlace(country: string | null | undefined, city: string | null | undefined): string {
  if (!country && !city) return '—';
  if (city && country) return `${city}, ${country.toUpperCase()}`;
  return city ?? country!.toUpperCase();
}

// One formatter for every call: building an Intl.DateTimeFormat costs ~0.3 ms, and the day chart
// formats each bar's label on every render of the Activity screen (each timeline page loaded).
const dayKeyFmt = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "2026-06-12" (a calendar day key) → "12 Jun". */
export function formatDayKey(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return dayKeyFmt.format(d);
}

/** Every day key from `from` to `to` inclusive (UTC calendar days), for charts with no gaps. */
export function dayRange(from: string, to: string): string[] {
  const parse = (s: string) => Date.parse(`${s}T00:00:00Z`);
  const start = parse(from);
  const end = parse(to);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return [];
  const days: string[] = [];
  for (let t = start; t <= end && days.length < 3660; t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** The UTC day key of an epoch ms. */
export function dayKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A `<input type="datetime-local">` value (local time) → epoch ms, or undefined when empty/invalid. */
export function parseLocalDateTime(value: string): number | undefined {
  if (!value) return undefined;
  const t = new Date(value).getTime();
  return Number.isFinite(t) && t >= 0 ? t : undefined;
}

/** An activity type like "LOGIN_FAILURE" or "admin_activity" → "Login failure" / "Admin activity". */
export function humanize(s: string): string {
  const words = s
    .replace(/[_.-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : s;
}

/** A short readable device string from a user agent. */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return '—';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Chrome\//.test(ua)
      ? 'Chrome'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Safari\//.test(ua)
          ? 'Safari'
          : null;
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Mac OS X|Macintosh/.test(ua)
        ? 'macOS'
        : /Android/.test(ua)
          ? 'Android'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  if (browser && os) return `${browser} on ${os}`;
  if (browser || os) return (browser ?? os)!;
  return ua.length > 60 ? `${ua.slice(0, 57)}…` : ua;
}
