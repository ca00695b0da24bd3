// The virtualized timeline: only the rows on screen exist in the DOM, so a million-row store
// scrolls as smoothly as a hundred. Asks for the next page when the end comes into view. Rows
// are two lines high, so who did what to whom reads at 1024 px without opening a row.
// An ARIA grid: the header row and the rows group under one role="grid", each row a focusable
// role="row" of gridcells with one Tab stop (useRovingList: arrows, j/k, Enter opens).
import { Box, Group, Loader, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { Activity } from '../../../preload/contract';
import { TIMELINE_COLUMNS, gridTemplate, useTimelineColumns } from '../stores/activity-columns';
import classes from './ActivityTimeline.module.css';
import { useRovingList } from './KeyboardRovingList';
import { TimelineCell } from './TimelineCells';
import { TimelineHeader } from './TimelineHeader';

const ROW = 54;

export function ActivityTimeline({
  items,
  hasMore,
  loadingMore,
  onLoadMore,
  onOpen,
  openId,
  height,
}: {
  items: Activity[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore(): void;
  onOpen(id: string): void;
  /** The activity open in the drawer, marked in the list. */
  openId: string | null;
  height: string;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { shown, widths } = useTimelineColumns();
  const columns = TIMELINE_COLUMNS.filter((c) => shown.includes(c.id)).map((c) => c.id);
  const template = gridTemplate(shown, widths);
  const count = items.length + (hasMore ? 1 : 0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 12,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const roving = useRovingList(items.length);
  const lastIndex = virtualItems.length ? virtualItems[virtualItems.length - 1].index : -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= items.length - 15) onLoadMore();
  }, [lastIndex, hasMore, loadingMore, items.length, onLoadMore]);

  // The drawer's next/previous moves the open row: keep it in view.
  const openIndex = openId ? items.findIndex((a) => a.id === openId) : -1;
  useEffect(() => {
    if (openIndex >= 0) virtualizer.scrollToIndex(openIndex, { align: 'auto' });
  }, [openIndex, virtualizer]);

  return (
    <Box
      className={classes.frame}
      role="grid"
      aria-label="Activity timeline, newest first"
      // Rows are virtualized: the grid says how many there are (unknown while older pages remain).
      aria-rowcount={hasMore ? -1 : items.length + 1}
    >
      <TimelineHeader />
      <div
        ref={scrollRef}
        className={classes.scroll}
        style={{ height }}
        role="rowgroup"
        data-testid="activity-timeline"
        {...roving.listProps}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualItems.map((v) => {
            const a = items[v.index];
            const style = {
              position: 'absolute' as const,
              top: 0,
              left: 0,
              right: 0,
              height: ROW,
              transform: `translateY(${v.start}px)`,
            };
            if (!a) {
              return (
                <div key="more" role="row" style={style} aria-rowindex={v.index + 2}>
                  <Group role="gridcell" h="100%" justify="center" gap="xs">
                    <Loader size="xs" />
                    <Text size="sm" c="dimmed">
                      Loading older activity…
                    </Text>
                  </Group>
                </div>
              );
            }
            return (
              <div
                key={a.id}
                className={classes.row}
                style={{ ...style, gridTemplateColumns: template }}
                onClick={() => onOpen(a.id)}
                role="row"
                // The header is row 1.
                aria-rowindex={v.index + 2}
                data-row
                data-activity-id={a.id}
                data-open={a.id === openId || undefined}
                aria-current={a.id === openId ? 'true' : undefined}
                {...roving.itemProps(v.index)}
              >
                {columns.map((c) => (
                  <div key={c} role="gridcell">
                    <TimelineCell column={c} a={a} />
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </Box>
  );
}
