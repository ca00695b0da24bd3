// Calendar days in the admin's time zone. Time is UTC inside the store; the screen counts days
// as the admin lives them, so an aggregate is told which zone to cut its days in.

/** Formatters are costly to build and a console uses one or two zones: keep a few. */
const MAX_CACHED_ZONES = 8;
const cache = new Map<string, (at: number) => string>();

/** Whether `timeZone` is an IANA zone this runtime knows (e.g. `Europe/Amsterdam`, `UTC`). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** `at` (epoch ms) → its `YYYY-MM-DD` calendar day in `timeZone`; throws a RangeError for an unknown zone. */
export function localDayFormatter(timeZone: string): (at: number) => string {
  const known = cache.get(timeZone);
  if (known) return known;
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  // formatToParts rather than format: the separator of en-CA is not a promise of the standard.
  const day = (at: number) => {
    let y = '';
    let m = '';
    let d = '';
    for (const part of fmt.formatToParts(at)) {
      if (part.type === 'year') y = part.value;
      else if (part.type === 'month') m = part.value;
      else if (part.type === 'day') d = part.value;
    }
    return `${y}-${m}-${d}`;
  };
  if (cache.size >= MAX_CACHED_ZONES) cache.delete(cache.keys().next().value!);
  cache.set(timeZone, day);
  return day;
}
