// A screen's first answers, asked for before React renders what needs them: as the move to the
// screen starts (navigation's onScreenOpening), or as a click changes the Activity filter
// (activity-filter-prefetch.ts). The engine answers while the screen renders instead of after.
// The screen's own request takes that answer when it is the same request and fresh; any other
// request (a filter changed since, a reload) asks the engine afresh.

/** An answer asked for early is used only this soon after: later, the screen asks afresh. */
export const OPENING_FRESH_MS = 2_000;

/** By request key (operation and input): a filter change asks for its rows and its count at once. */
const early = new Map<string, { at: number; answer: Promise<unknown> }>();

function fresh(entry: { at: number } | undefined, now: number): boolean {
  return entry !== undefined && now - entry.at <= OPENING_FRESH_MS;
}

/** Asks now, unless the same request was asked for early and is still fresh; `key` names the request. */
export function askEarly<T>(key: string, call: () => Promise<T>): void {
  const now = performance.now();
  for (const [k, entry] of early) if (!fresh(entry, now)) early.delete(k);
  if (early.has(key)) return;
  const answer = call();
  // Never an unhandled rejection: the screen's own request reports a failure.
  answer.catch(() => undefined);
  early.set(key, { at: now, answer });
}

/** The answer asked for early when it is this request's and fresh, else `call()`. Taken once. */
export function takeEarly<T>(key: string, call: () => Promise<T>): Promise<T> {
  const got = early.get(key);
  early.delete(key);
  if (got && fresh(got, performance.now())) return got.answer as Promise<T>;
  return call();
}
