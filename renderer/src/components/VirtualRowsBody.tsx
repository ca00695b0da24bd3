// The body of a virtualized list: a box as tall as every row together, with only the rows in
// view placed in it, and the "loading more" row after the last loaded one while more exist.
import type { VirtualItem } from '@tanstack/react-virtual';
import type { ReactElement } from 'react';
import { LoadingMoreRow } from './LoadingMoreRow';

export function VirtualRowsBody({
  totalSize,
  virtualItems,
  loaded,
  rowHeight,
  cellRole,
  loadingLabel,
  renderRow,
}: {
  totalSize: number;
  virtualItems: VirtualItem[];
  /** Rows loaded; an index past them is the "loading more" row. */
  loaded: number;
  rowHeight: number;
  cellRole: 'gridcell' | 'cell';
  loadingLabel: string;
  /** One loaded row (with its key), `start` px from the top. */
  renderRow(index: number, start: number): ReactElement;
}) {
  return (
    <div style={{ height: totalSize, position: 'relative' }}>
      {virtualItems.map((v) =>
        v.index < loaded ? (
          renderRow(v.index, v.start)
        ) : (
          <LoadingMoreRow
            key="more"
            start={v.start}
            height={rowHeight}
            // The header is row 1.
            rowIndex={v.index + 2}
            cellRole={cellRole}
            label={loadingLabel}
          />
        ),
      )}
    </div>
  );
}
