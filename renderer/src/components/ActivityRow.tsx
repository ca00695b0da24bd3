// One timeline row, memoised: every prop is a primitive or stays the same object between scroll
// frames (the activity, the column list, stable callbacks), so a scroll frame renders only the
// rows that come into view instead of all thirty on screen.
import { memo } from 'react';
import type { Activity } from '../../../preload/contract';
import type { TimelineColumnId } from '../stores/activity-columns';
import { ROVING_ITEM_ATTR } from './KeyboardRovingList';
import { TimelineCell, cellTooltip } from './TimelineCells';
import classes from './ActivityTimeline.module.css';
import list from './VirtualList.module.css';

export const ActivityRow = memo(function ActivityRow({
  a,
  index,
  start,
  height,
  columns,
  open,
  tabStop,
  onOpen,
  onFocusRow,
}: {
  a: Activity;
  index: number;
  /** Offset from the top of the list, from the virtualizer. */
  start: number;
  height: number;
  columns: readonly TimelineColumnId[];
  open: boolean;
  /** The row holding the list's one Tab stop (useRovingList). */
  tabStop: boolean;
  onOpen(id: string): void;
  onFocusRow(index: number): void;
}) {
  return (
    <div
      className={`${list.row} ${list.placed} ${classes.columns}`}
      style={{ height, transform: `translateY(${start}px)` }}
      onClick={() => onOpen(a.id)}
      role="row"
      // The header is row 1.
      aria-rowindex={index + 2}
      data-row
      data-activity-id={a.id}
      data-open={open || undefined}
      aria-current={open ? 'true' : undefined}
      {...{ [ROVING_ITEM_ATTR]: '' }}
      tabIndex={tabStop ? 0 : -1}
      onFocus={() => onFocusRow(index)}
      onMouseOver={(e) => {
        // A cell's tooltip is set when the pointer first reaches it, not for every row a scroll frame mounts.
        const cell = (e.target as Element).closest('[role="gridcell"]');
        if (!cell || cell.hasAttribute('title') || cell.parentElement !== e.currentTarget) return;
        const column = columns[Array.prototype.indexOf.call(e.currentTarget.children, cell) as number];
        if (column) cell.setAttribute('title', cellTooltip(column, a));
      }}
    >
      {columns.map((c) => (
        <TimelineCell key={c} column={c} a={a} />
      ))}
    </div>
  );
});
