// One hook for every cursor-paged list (the Activity timeline, the Users list): PagedList's
// state as React state, reloaded from the first page whenever `deps` change.
import { useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { PagedList, type FetchPage, type PagedState } from './paged-list';

export type PagedQuery<T> = PagedState<T> & { loadMore(): void; reload(): void };

/** `fetchPage` may change on every render; the latest one is used. Nothing loads while `enabled` is false. */
export function usePagedQuery<T extends { id: string }>(
  fetchPage: FetchPage<T>,
  deps: readonly unknown[],
  enabled = true,
): PagedQuery<T> {
  const latest = useRef(fetchPage);
  latest.current = fetchPage;
  const [list] = useState(() => new PagedList<T>((cursor) => latest.current(cursor)));
  const state = useSyncExternalStore(list.subscribe, list.getState);
  // A layout effect: the first page is asked for before the screen's other calls (its counts,
  // charts and settings load in passive effects), so the engine answers the rows first.
  useLayoutEffect(() => {
    if (enabled) void list.load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, enabled]);
  // PagedList's methods are stable and their promises never reject: safe to hand out as they are.
  return { ...state, loadMore: list.loadMore, reload: list.load };
}
