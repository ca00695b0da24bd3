// A warning log that cannot be turned into a flood: anyone who can send requests (or
// messages) can make a refusal happen thousands of times a second, and each one logged would
// fill the disk and bury the line that matters. Per key, the first warning is written at once;
// more within `intervalMs` are counted, and the count rides on the next line written.
export interface RateLimitedLog {
  warn(key: string, message: string): void;
}

export interface RateLimitedLogOptions {
  intervalMs: number;
  log: (line: string) => void;
  /** Injected clock for tests; epoch milliseconds. */
  now?: () => number;
  /** Most keys remembered at once; the oldest is forgotten first, so hostile keys stay bounded. */
  maxKeys?: number;
}

interface KeyState {
  lastWrittenAt: number;
  suppressed: number;
}

export function createRateLimitedLog(opts: RateLimitedLogOptions): RateLimitedLog {
  const now = opts.now ?? Date.now;
  const maxKeys = opts.maxKeys ?? 1000;
  const keys = new Map<string, KeyState>();
  return {
    warn(key, message) {
      const at = now();
      const state = keys.get(key);
      if (state && at - state.lastWrittenAt < opts.intervalMs) {
        state.suppressed++;
        return;
      }
      const suppressed = state?.suppressed ?? 0;
      keys.delete(key); // re-inserted below, so Map order is least recently written first
      if (keys.size >= maxKeys) keys.delete(keys.keys().next().value as string);
      keys.set(key, { lastWrittenAt: at, suppressed: 0 });
      opts.log(suppressed > 0 ? `${message} (${suppressed} more like this not shown)` : message);
    },
  };
}
