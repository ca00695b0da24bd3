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

function Line({
  children,
  dim,
  mono,
  title,
}: {
  children: React.ReactNode;
  dim?: boolean;
  mono?: boolean;
  title?: string;
}) {
  const className = [classes.line, dim && classes.dim, mono && classes.mono].filter(Boolean).join(' ');
  return (
    <div className={className} title={title}>
      {children}
    </div>
  );
}

export function deviceLabel(a: Activity): string | null {
  const d = a.device;
  if (!d) return null;
  return d.app ?? ([d.browser, d.os].filter(Boolean).join(' on ') || null);
}

/** One cell, the gridcell itself: no wrapper per cell, as a scroll frame creates six per new row. */
export function TimelineCell({ column, a }: { column: TimelineColumnId; a: Activity }) {
  switch (column) {
    case 'time':
      return (
        <div role="gridcell" title={utc(a.at)}>
          <Line mono>{dateFmt.format(a.at)}</Line>
          <Line mono dim>
            {timeFmt.format(a.at)}
          </Line>
        </div>
      );
    case 'what':
      return (
        <div role="gridcell">
          <div className={classes.flags}>
            {/* The colour comes from a data attribute the stylesheet maps, so no style per row. */}
            <span className={classes.badge} data-color={activityTypeColor(a.type, a.event)} title={a.type}>
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
          <Line title={`${a.summary ?? ''}${a.summary ? ' — ' : ''}${a.event}`} dim={!a.summary} mono={!a.summary}>
            {a.summary ?? a.event}
          </Line>
        </div>
      );
    case 'who':
      return (
        <div role="gridcell">
          <Line title={a.actor ?? undefined}>{a.actor ?? '—'}</Line>
          <Line dim title={a.target ?? undefined}>
            {a.target && a.target !== a.actor ? `→ ${a.target}` : a.target ? '→ themselves' : '→ —'}
          </Line>
        </div>
      );
    case 'where':
      return (
        <div role="gridcell">
          <Line mono title={a.ip ?? undefined}>
            {a.ip ?? '—'}
          </Line>
          <Line dim title={formatPlace(a.country, a.city)}>
            {formatPlace(a.country, a.city)}
          </Line>
        </div>
      );
    case 'network':
      return (
        <div role="gridcell">
          <Line title={a.asOrg ?? undefined}>{a.asOrg ?? '—'}</Line>
          <Line dim>{[a.asn !== null ? `AS${a.asn}` : null, ...a.ipTags].filter(Boolean).join(' · ') || '—'}</Line>
        </div>
      );
    case 'device':
      return (
        <div role="gridcell">
          <Line title={a.userAgent ?? undefined}>{deviceLabel(a) ?? '—'}</Line>
          <Line dim>{a.device ? humanize(a.device.type) : ''}</Line>
        </div>
      );
  }
}
