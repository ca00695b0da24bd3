// The Users list as a virtualized table: only the rows in view are in the DOM (10,000 people
// scroll as smoothly as 10), the next page is asked for as the end comes into view, and every
// column header sorts (the engine sorts the whole organisation, not just the rows loaded).
import { UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { memo, useCallback, useEffect, useRef } from 'react';
import type { User, UserSort } from '../../../preload/contract';
import classes from './UserTable.module.css';
import { UserTableRow } from './UserTableRow';
import { useVirtualPages } from './useVirtualPages';
import { VirtualRowsBody } from './VirtualRowsBody';
import list from './VirtualList.module.css';

// A fixed row height: the virtualizer never measures a row, so scrolling causes no layout reads.
const ROW = 56;

/** Memoised: its props stay the same while pages of people arrive. */
const SortHeader = memo(function SortHeader({
  label,
  sort,
  current,
  onSort,
  align,
}: {
  label: string;
  sort?: UserSort;
  current: { sort: UserSort; reverse: boolean };
  onSort: (sort: UserSort, reverse: boolean) => void;
  align?: 'right';
}) {
  if (!sort) {
    return (
      <span role="columnheader" style={{ textAlign: align }}>
        <span className={classes.sortButton}>{label}</span>
      </span>
    );
  }
  const active = current.sort === sort;
  // Text columns read A→Z first; figures (priority, alerts, last activity) largest or newest first.
  const natural = sort === 'name' || sort === 'email' || sort === 'department' ? 'ascending' : 'descending';
  const direction = active
    ? current.reverse
      ? natural === 'ascending'
        ? 'descending'
        : 'ascending'
      : natural
    : 'none';
  return (
    <span role="columnheader" aria-sort={direction} style={{ textAlign: align }}>
      <UnstyledButton
        className={classes.sortButton}
        data-active={active || undefined}
        onClick={() => onSort(sort, active ? !current.reverse : false)}
        aria-label={`Sort by ${label}`}
      >
        {label}
        {active && (direction === 'ascending' ? <IconArrowUp size={12} /> : <IconArrowDown size={12} />)}
      </UnstyledButton>
    </span>
  );
});

/** Memoised: a page of people arriving re-renders the table, not the filters above it. */
export const UserTable = memo(function UserTable({
  items,
  total,
  hasMore,
  loadingMore,
  onLoadMore,
  onOpen,
  sort,
  onSort,
  height,
}: {
  items: User[];
  total: number | null;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  onOpen: (id: string) => void;
  sort: { sort: UserSort; reverse: boolean };
  onSort: (sort: UserSort, reverse: boolean) => void;
  height: number;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { virtualizer, virtualItems } = useVirtualPages({
    rows: items.length,
    rowHeight: ROW,
    hasMore,
    loadingMore,
    onLoadMore,
    scrollRef,
  });
  // A stable callback for the memoised rows (the screen passes a new one each render).
  const latestOnOpen = useRef(onOpen);
  useEffect(() => {
    latestOnOpen.current = onOpen;
  });
  const openRow = useCallback((id: string) => latestOnOpen.current(id), []);
  // A new sort or filter starts at the top.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [sort.sort, sort.reverse]);

  const head = { current: sort, onSort };
  return (
    <div
      className={list.frame}
      role="table"
      aria-label="Users"
      // Rows are virtualized: the table says how many there are, its header row included.
      aria-rowcount={total === null ? undefined : total + 1}
    >
      <div className={`${list.row} ${classes.columns} ${classes.head}`} role="row" aria-rowindex={1}>
        <SortHeader label="Name" sort="name" {...head} />
        <SortHeader label="Department" sort="department" {...head} />
        <SortHeader label="Status" {...head} />
        <SortHeader label="Sign-in" {...head} />
        <SortHeader label="Alerts" sort="openAlerts" align="right" {...head} />
        <SortHeader label="Priority" sort="priority" align="right" {...head} />
        <SortHeader label="Last active" sort="lastActivity" {...head} />
      </div>
      <div ref={scrollRef} className={list.scroll} style={{ height }} role="rowgroup" data-testid="users-table">
        <VirtualRowsBody
          totalSize={virtualizer.getTotalSize()}
          virtualItems={virtualItems}
          loaded={items.length}
          rowHeight={ROW}
          cellRole="cell"
          loadingLabel="Loading more people…"
          renderRow={(index, start) => (
            <UserTableRow
              key={items[index].id}
              u={items[index]}
              index={index}
              start={start}
              height={ROW}
              onOpen={openRow}
            />
          )}
        />
      </div>
    </div>
  );
});
