// A virtualized list over pages that arrive as the admin scrolls: fixed-height rows (the
// virtualizer never measures one, so a scroll frame reads no layout), a "loading more" row while
// more pages exist, and the next page asked for well before the end comes into view.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, type RefObject } from 'react';

// Rows rendered beyond the viewport on each side; a few spare rows hide a fast wheel's edge.
const OVERSCAN = 6;
// Ask for the next page this many rows before the last loaded one shows: a fast scroll covers
// about ten rows a frame, and a page takes a few frames to come, so the list rarely runs dry.
const PREFETCH_ROWS = 80;

export function useVirtualPages({
  rows,
  rowHeight,
  hasMore,
  loadingMore,
  onLoadMore,
  scrollRef,
  initialHeight = 0,
}: {
  /** Rows loaded. */
  rows: number;
  rowHeight: number;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore(): void;
  scrollRef: RefObject<HTMLDivElement | null>;
  /**
   * The viewport's height before it is measured: with it the first render already places the rows
   * that fill the list, instead of a few and then the rest once the list has been measured.
   */
  initialHeight?: number;
}) {
  const virtualizer = useVirtualizer({
    count: rows + (hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN,
    initialRect: { width: 0, height: initialHeight },
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastIndex = virtualItems.length ? virtualItems[virtualItems.length - 1].index : -1;
  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= rows - PREFETCH_ROWS) onLoadMore();
  }, [lastIndex, hasMore, loadingMore, rows, onLoadMore]);
  return { virtualizer, virtualItems };
}
