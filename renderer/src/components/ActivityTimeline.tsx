// The virtualized timeline: only the rows on screen exist in the DOM, so a million-row store
// scrolls as smoothly as a hundred. Asks for the next page when the end comes into view. Rows
// are two lines high, so who did what to whom reads at 1024 px without opening a row.
// An ARIA grid: the header row and the rows group under one role="grid", each row a focusable
// role="row" of gridcells with one Tab stop (useRovingList: arrows, j/k, Enter opens).
import { memo, useCallback, useEffect, useMemo, useRef, type CSSProperties } from 'react';
import type { Activity } from '../../../preload/contract';
import { TIMELINE_COLUMNS, gridTemplate, useTimelineColumns } from '../stores/activity-columns';
import { ActivityRow } from './ActivityRow';
import classes from './ActivityTimeline.module.css';
import { useRovingList } from './KeyboardRovingList';
import { TimelineHeader } from './TimelineHeader';
import { useVirtualPages } from './useVirtualPages';
import { VirtualRowsBody } from './VirtualRowsBody';
import list from './VirtualList.module.css';

// A fixed row height: the virtualizer never measures a row, so scrolling causes no layout reads.
const ROW = 54;

/** Memoised: it re-renders when its rows, the open row or the loading state change, not with the screen. */
export const ActivityTimeline = memo(function ActivityTimeline({
  items,
  hasMore,
  loadingMore,
  loading,
  onLoadMore,
  onOpen,
  openId,
  height,
  initialHeight,
}: {
  items: Activity[];
  hasMore: boolean;
  loadingMore: boolean;
  /** A new filter's first page is on its way: the rows shown are the previous filter's. */
  loading: boolean;
  onLoadMore(): void;
  onOpen(id: string): void;
  /** The activity open in the drawer, marked in the list. */
  openId: string | null;
  /** CSS height of the scrolling viewport. */
  height: string;
  /** That height in px now, for the first render (useVirtualPages). */
  initialHeight: number;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { shown, widths } = useTimelineColumns();
  // The same array while the layout is unchanged, so memoised rows are not re-rendered.
  const columns = useMemo(() => TIMELINE_COLUMNS.filter((c) => shown.includes(c.id)).map((c) => c.id), [shown]);
  const template = gridTemplate(shown, widths);
  const { virtualizer, virtualItems } = useVirtualPages({
    rows: items.length,
    rowHeight: ROW,
    hasMore,
    loadingMore,
    onLoadMore,
    scrollRef,
    initialHeight,
  });
  const roving = useRovingList(items.length);
  // Stable callbacks for the memoised rows, calling the latest props and roving state.
  const latest = useRef({ onOpen, roving });
  useEffect(() => {
    latest.current = { onOpen, roving };
  });
  const openRow = useCallback((id: string) => latest.current.onOpen(id), []);
  const focusRow = useCallback((index: number) => latest.current.roving.itemProps(index).onFocus(), []);

  // The drawer's next/previous moves the open row: keep it in view.
  const openIndex = openId ? items.findIndex((a) => a.id === openId) : -1;
  useEffect(() => {
    if (openIndex >= 0) virtualizer.scrollToIndex(openIndex, { align: 'auto' });
  }, [openIndex, virtualizer]);

  return (
    <div
      className={list.frame}
      role="grid"
      aria-label="Activity timeline, newest first"
      // Rows are virtualized: the grid says how many there are (unknown while older pages remain).
      aria-rowcount={hasMore ? -1 : items.length + 1}
      aria-busy={loading || undefined}
      // The rows take their columns from here: one declaration for the grid instead of one per row,
      // and resizing a column re-renders no row.
      style={{ '--timeline-columns': template } as CSSProperties}
    >
      <TimelineHeader />
      <div
        ref={scrollRef}
        className={`${list.scroll} ${classes.scroll}`}
        style={{ height }}
        role="rowgroup"
        data-testid="activity-timeline"
        {...roving.listProps}
      >
        <VirtualRowsBody
          totalSize={virtualizer.getTotalSize()}
          virtualItems={virtualItems}
          loaded={items.length}
          rowHeight={ROW}
          cellRole="gridcell"
          loadingLabel="Loading older activity…"
          renderRow={(index, start) => {
            const a = items[index];
            return (
              <ActivityRow
                key={a.id}
                a={a}
                index={index}
                start={start}
                height={ROW}
                columns={columns}
                open={a.id === openId}
                tabStop={roving.itemProps(index).tabIndex === 0}
                onOpen={openRow}
                onFocusRow={focusRow}
              />
            );
          }}
        />
      </div>
    </div>
  );
});
