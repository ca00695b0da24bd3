// One row of the Users list, memoised with primitive or unchanged props so a scroll frame
// renders only the rows coming into view. Plain elements and CSS classes instead of Mantine
// Text/Badge/Group per cell: mounting seven cells of component layers per row made frames slow.
import { memo } from 'react';
import type { User } from '../../../preload/contract';
import { formatDateTime, formatRelative } from '../format';
import classes from './UserTable.module.css';
import list from './VirtualList.module.css';

function StatusBadges({ u }: { u: User }) {
  const terminated = u.termDate !== null && u.termDate <= Date.now();
  return (
    <span className={classes.badges}>
      <span className={classes.badge} data-color={u.active ? 'teal' : 'gray'}>
        {u.active ? 'Active' : 'Deactivated'}
      </span>
      {terminated && (
        <span className={classes.badge} data-color="red" title={`HR leaving date ${formatDateTime(u.termDate)}`}>
          Terminated
        </span>
      )}
      {u.admin && (
        <span className={classes.badge} data-color="violet">
          Admin
        </span>
      )}
      {!u.claimed && (
        <span className={classes.badge} data-color="yellow">
          Unclaimed
        </span>
      )}
    </span>
  );
}

export const UserTableRow = memo(function UserTableRow({
  u,
  index,
  start,
  height,
  onOpen,
}: {
  u: User;
  index: number;
  /** Offset from the top of the list, from the virtualizer. */
  start: number;
  height: number;
  onOpen(id: string): void;
}) {
  const cell = `${classes.text} ${classes.truncate}`;
  return (
    <button
      type="button"
      className={`${list.row} ${list.placed} ${classes.columns} ${classes.button}`}
      style={{ height, transform: `translateY(${start}px)` }}
      onClick={() => onOpen(u.id)}
      role="row"
      // The header is row 1.
      aria-rowindex={index + 2}
      data-row
      data-user-id={u.id}
    >
      <span role="cell">
        <span className={`${cell} ${classes.strong}`} title={u.name}>
          {u.name}
        </span>
        <span
          className={`${classes.small} ${classes.truncate} ${classes.dim}`}
          title={u.title ? `${u.email ?? u.id} · ${u.title}` : undefined}
        >
          {u.email ?? u.id}
        </span>
      </span>
      <span role="cell" className={cell} title={u.department ?? undefined}>
        {u.department ?? '—'}
      </span>
      <span role="cell">
        <StatusBadges u={u} />
      </span>
      <span role="cell" className={classes.text}>
        {u.authMethod === 'sso' ? 'SSO' : u.authMethod === 'password' ? 'Password' : '—'}
      </span>
      <span role="cell" className={`${classes.text} ${classes.num} ${u.openAlerts ? classes.bold : ''}`}>
        {u.openAlerts || '—'}
      </span>
      <span
        role="cell"
        className={`${classes.text} ${classes.num} ${classes.strong} ${u.priority ? classes.alarm : classes.dim}`}
      >
        {u.priority || '—'}
      </span>
      <span
        role="cell"
        className={`${classes.text} ${u.lastActivityAt ? '' : classes.dim}`}
        title={u.lastActivityAt ? formatDateTime(u.lastActivityAt) : undefined}
      >
        {u.lastActivityAt ? formatRelative(u.lastActivityAt) : 'Never'}
      </span>
    </button>
  );
});
