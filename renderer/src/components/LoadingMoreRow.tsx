// The row a virtualized list shows below its last loaded row while the next page is on its way.
import { Loader } from '@mantine/core';
import classes from './VirtualList.module.css';

export function LoadingMoreRow({
  start,
  height,
  rowIndex,
  cellRole,
  label,
}: {
  /** Offset from the top of the list, from the virtualizer. */
  start: number;
  height: number;
  /** aria-rowindex: counted from 1, the header included. */
  rowIndex: number;
  /** "gridcell" in a grid, "cell" in a table. */
  cellRole: 'gridcell' | 'cell';
  label: string;
}) {
  return (
    <div
      className={classes.placed}
      style={{ height, transform: `translateY(${start}px)` }}
      role="row"
      aria-rowindex={rowIndex}
    >
      <div role={cellRole} className={classes.more}>
        <Loader size="xs" />
        {label}
      </div>
    </div>
  );
}
