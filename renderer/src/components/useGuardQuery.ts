// Loading / error / data for one engine call, with a retry. Stale answers are dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import { toGuardError, type GuardError } from '../guard';

export type Query<T> = {
  data: T | undefined;
  error: GuardError | null;
  loading: boolean;
  reload(): void;
};

export function useGuardQuery<T>(fn: () => Promise<T>, deps: readonly unknown[]): Query<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<GuardError | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    fn().then(
      (value) => {
        if (mine !== seq.current) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setError(toGuardError(e));
        setLoading(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
