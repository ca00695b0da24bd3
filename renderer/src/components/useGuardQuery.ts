// Loading / error / data for one engine call, re-run when `deps` change or on reload(). Stale
// answers are dropped (LatestQuery holds the logic; this is its React face).
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { GuardError } from '../guard';
import { LatestQuery } from './latest-query';

export type Query<T> = {
  data: T | undefined;
  error: GuardError | null;
  loading: boolean;
  reload(): void;
};

export function useGuardQuery<T>(fn: () => Promise<T>, deps: readonly unknown[]): Query<T> {
  const latest = useRef(fn);
  latest.current = fn;
  const [query] = useState(() => new LatestQuery<T>());
  const state = useSyncExternalStore(query.subscribe, query.getState);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    void query.run(() => latest.current());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
