// Keyset paging over activities.list: the first page on every filter change, the next one
// on demand. Answers to an older filter are dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Activity, ActivityFilter } from '../../../preload/contract';
import { guard, GuardError } from '../guard';

const PAGE = 200;

export function useActivityPages(filter: ActivityFilter | null, version: number) {
  const [items, setItems] = useState<Activity[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<GuardError | null>(null);
  const gen = useRef(0);
  const key = JSON.stringify(filter);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (filter === null) return;
    const mine = ++gen.current;
    setLoading(true);
    setError(null);
    guard.activities.list({ filter, limit: PAGE }).then(
      (page) => {
        if (mine !== gen.current) return;
        setItems(page.items);
        setCursor(page.nextCursor);
        setHasMore(page.nextCursor !== null);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== gen.current) return;
        setError(e instanceof GuardError ? e : new GuardError('internal', String(e)));
        setLoading(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, version, tick]);

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore || filter === null) return;
    const mine = gen.current;
    setLoadingMore(true);
    guard.activities.list({ filter, cursor, limit: PAGE }).then(
      (page) => {
        if (mine !== gen.current) return;
        setItems((prev) => {
          const seen = new Set(prev.map((a) => a.id));
          return [...prev, ...page.items.filter((a) => !seen.has(a.id))];
        });
        setCursor(page.nextCursor);
        setHasMore(page.nextCursor !== null);
        setLoadingMore(false);
      },
      (e: unknown) => {
        if (mine !== gen.current) return;
        setError(e instanceof GuardError ? e : new GuardError('internal', String(e)));
        setHasMore(false);
        setLoadingMore(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cursor, loadingMore, key]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { items, hasMore, loading, loadingMore, error, loadMore, reload };
}
