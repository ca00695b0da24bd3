// A screen's first page, asked for as the move to the screen starts (navigation's
// onScreenOpening), before React renders it: the engine answers while the screen renders instead
// of after. The screen's own first request takes that answer when it is the same request and
// fresh; any other request (a filter changed since, a reload) asks the engine afresh.

/** An answer asked for on opening is used only this soon after: later, the screen asks afresh. */
export const OPENING_FRESH_MS = 2_000;

let early: { key: string; at: number; answer: Promise<unknown> } | null = null;

/** Asks now, for the screen about to open; `key` names the request (operation and input). */
export function askEarly<T>(key: string, call: () => Promise<T>): void {
  const answer = call();
  // Never an unhandled rejection: the screen's own request reports a failure.
  answer.catch(() => undefined);
  early = { key, at: performance.now(), answer };
}

/** The answer asked for early when it is this request's and fresh, else `call()`. Taken once. */
export function takeEarly<T>(key: string, call: () => Promise<T>): Promise<T> {
  const got = early;
  early = null;
  if (got && got.key === key && performance.now() - got.at <= OPENING_FRESH_MS) return got.answer as Promise<T>;
  return call();
}
