// One cell per timeline column, each two lines, so who did what to whom reads without opening
// the row: time (date / time), what (type and flags / summary), who (actor / → target), where
// (IP / place), network (AS org / ASN and tags), device.
// Plain elements and CSS classes, not Mantine Text/Badge/Group: a scroll frame mounts a few new
// rows of six cells each, and a component layer per line made that frame cost ~50 ms.
import type { Activity } from '../../../preload/contract';
import { formatPlace, humanize } from '../format';
import { activityTypeColor } from './activity-style';
import type { TimelineColumnId } from '../stores/activity-columns';
import classes from './ActivityTimeline.module.css';

const dateFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const timeFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function utc(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

export function deviceLabel(a: Activity): string | null {
  const d = a.device;
  if (!d) return null;
  return d.app ?? ([d.browser, d.os].filter(Boolean).join(' on ') || null);
}

/** A cell of two lines in one element: the second after a line break, the first styled by `::first-line`. */
function TwoLines({ first, second, look }: { first: string; second: string; look: string }) {
  return (
    <div role="gridcell" className={look}>
      {`${first}\n${second}`}
    </div>
  );
}

/**
 * One cell, the gridcell itself. Two-line cells are one element each (a scroll frame mounts a
 * few rows, and every element costs it style, layout and paint); their tooltips are set when the
 * pointer reaches them (cellTooltip), not on every row a frame mounts.
 */
export function TimelineCell({ column, a }: { column: TimelineColumnId; a: Activity }) {
  switch (column) {
    case 'time':
      return <TwoLines look={classes.timeCell} first={dateFmt.format(a.at)} second={timeFmt.format(a.at)} />;
    case 'what':
      return (
        <div role="gridcell">
          <div className={classes.flags}>
            {/* The colour comes from a data attribute the stylesheet maps, so no style per row. */}
            <span className={classes.badge} data-color={activityTypeColor(a.type, a.event)}>
              {humanize(a.type)}
            </span>
            {a.admin && (
              <span className={`${classes.badge} ${classes.flag}`} data-color="violet" data-variant="outline">
                Admin
              </span>
            )}
            {a.impersonated && (
              <span className={`${classes.badge} ${classes.flag}`} data-color="orange" data-variant="filled">
                Impersonated
              </span>
            )}
          </div>
          <div className={a.summary ? classes.line : `${classes.line} ${classes.dim} ${classes.mono}`}>
            {a.summary ?? a.event}
          </div>
        </div>
      );
    case 'who':
      return (
        <TwoLines
          look={classes.textCell}
          first={a.actor ?? '—'}
          second={a.target && a.target !== a.actor ? `→ ${a.target}` : a.target ? '→ themselves' : '→ —'}
        />
      );
    case 'where':
      return <TwoLines look={classes.ipCell} first={a.ip ?? '—'} second={formatPlace(a.country, a.city)} />;
    case 'network':
      return (
        <TwoLines
          look={classes.textCell}
          first={a.asOrg ?? '—'}
          second={[a.asn !== null ? `AS${a.asn}` : null, ...a.ipTags].filter(Boolean).join(' · ') || '—'}
        />
      );
    case 'device':
      return (
        <TwoLines
          look={classes.textCell}
          first={deviceLabel(a) ?? '—'}
          second={a.device ? humanize(a.device.type) : ''}
        />
      );
  }
}

/**
 * What a cell shows on hover: the UTC instant for the time, the whole text (type, summary and event;
 * the user agent) where a line may be cut short.
 */
export function cellTooltip(column: TimelineColumnId, a: Activity): string {
  switch (column) {
    case 'time':
      return utc(a.at);
    case 'what':
      return [a.type, a.summary, a.event].filter(Boolean).join(' — ');
    case 'who':
      return [a.actor ?? '—', a.target ?? '—'].join(' → ');
    case 'where':
      return `${a.ip ?? '—'} — ${formatPlace(a.country, a.city)}`;
    case 'network':
      return [a.asOrg, a.asn !== null ? `AS${a.asn}` : null, ...a.ipTags].filter(Boolean).join(' · ') || '—';
    case 'device':
      return a.userAgent ?? deviceLabel(a) ?? '—';
  }
}
