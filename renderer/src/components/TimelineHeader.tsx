// The timeline's header: column names with a drag (or arrow-key) handle to resize each, and the
// column chooser.
import { ActionIcon, Checkbox, Menu, Stack, Button } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';
import { memo, useRef } from 'react';
import { TIMELINE_COLUMNS, gridTemplate, useTimelineColumns, type TimelineColumn } from '../stores/activity-columns';
import classes from './ActivityTimeline.module.css';
import list from './VirtualList.module.css';

function ResizeHandle({ column }: { column: TimelineColumn }) {
  const resize = useTimelineColumns((s) => s.resize);
  const width = useTimelineColumns((s) => s.widths[column.id] ?? column.width);
  const drag = useRef<{ x: number; w: number } | null>(null);
  return (
    <div
      className={classes.resizer}
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize the ${column.label} column`}
      aria-valuenow={width}
      aria-valuemin={column.min}
      tabIndex={0}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { x: e.clientX, w: width };
      }}
      onPointerMove={(e) => {
        if (drag.current) resize(column.id, drag.current.w + e.clientX - drag.current.x);
      }}
      onPointerUp={() => {
        drag.current = null;
      }}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft') resize(column.id, width - 16);
        else if (e.key === 'ArrowRight') resize(column.id, width + 16);
      }}
    />
  );
}

export function ColumnChooser() {
  const { shown, toggle, resetLayout } = useTimelineColumns();
  return (
    <Menu position="bottom-end" shadow="md" closeOnItemClick={false}>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label="Choose columns" className={classes.chooser}>
          <IconColumns size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Columns</Menu.Label>
        <Stack gap={6} px="sm" py={4}>
          {TIMELINE_COLUMNS.map((c) => (
            <Checkbox
              key={c.id}
              label={c.label}
              checked={shown.includes(c.id)}
              disabled={c.id === 'what'}
              onChange={() => toggle(c.id)}
            />
          ))}
          <Button variant="subtle" size="compact-xs" onClick={resetLayout}>
            Reset columns
          </Button>
        </Stack>
      </Menu.Dropdown>
    </Menu>
  );
}

/** Memoised (no props): it follows the column layout store, not the rows arriving below it. */
export const TimelineHeader = memo(function TimelineHeader() {
  const { shown, widths } = useTimelineColumns();
  const columns = TIMELINE_COLUMNS.filter((c) => shown.includes(c.id));
  return (
    <div
      className={`${list.row} ${classes.head}`}
      role="row"
      aria-rowindex={1}
      style={{ gridTemplateColumns: gridTemplate(shown, widths) }}
    >
      {columns.map((c, i) => (
        <span role="columnheader" key={c.id} className={classes.headCell}>
          {c.id === 'time' ? 'Time (local)' : c.label}
          {i < columns.length - 1 && <ResizeHandle column={c} />}
          {i === columns.length - 1 && <ColumnChooser />}
        </span>
      ))}
    </div>
  );
});
