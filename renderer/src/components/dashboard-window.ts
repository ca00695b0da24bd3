// The dashboard's window: the last 30 calendar days as the admin lives them (this computer's
// time zone), not 30 UTC days. The engine is told the zone and counts days in it; the renderer
// names the same days and turns one back into a since/until range for the timeline.

export const WINDOW_DAYS = 30;

/** This computer's IANA time zone (what the days are cut in), `UTC` if the runtime names none. */
export function adminTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** `YYYY-MM-DD` of a local date (its own fields: no UTC conversion). */
function keyOf(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The window ending today: from local midnight `WINDOW_DAYS - 1` days ago, with its first and last day keys. */
export function dashboardWindow(now: number): { since: number; from: string; to: string; timeZone: string } {
  const today = new Date(now);
  const first = new Date(today.getFullYear(), today.getMonth(), today.getDate() - (WINDOW_DAYS - 1));
  return { since: first.getTime(), from: keyOf(first), to: keyOf(today), timeZone: adminTimeZone() };
}

/** One local day as the timeline filter's since/until (datetime-local strings, local time). */
export function dayAsFilterRange(day: string): { since: string; until: string } {
  return { since: `${day}T00:00`, until: `${day}T23:59:59.999` };
}
