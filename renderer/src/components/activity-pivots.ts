// Pivots from one activity: the timeline of this user, this target, this IP or this type (each a
// fresh filter), or everything within a day either side of it (the current filter kept).
import type { Activity } from '../../../preload/contract';
import { emptyActivityFilter, type ActivityFilterForm } from '../stores/activity-filter';

export type PivotKind = 'user' | 'target' | 'ip' | 'type' | 'around';

const DAY = 24 * 3_600_000;

/** A `datetime-local` value (local time, to the second) for an epoch ms. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}` +
    `T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
  );
}

/** The filter a pivot opens, or null when the activity has nothing to pivot on. */
export function pivotForm(kind: PivotKind, a: Activity, current: ActivityFilterForm): ActivityFilterForm | null {
  switch (kind) {
    case 'user':
      return a.actor ? { ...emptyActivityFilter, user: a.actor } : null;
    case 'target':
      return a.target ? { ...emptyActivityFilter, user: a.target } : null;
    case 'ip':
      return a.ip ? { ...emptyActivityFilter, ip: a.ip } : null;
    case 'type':
      return { ...emptyActivityFilter, types: [a.type] };
    case 'around':
      return { ...current, preset: 'custom', since: toLocalInput(a.at - DAY), until: toLocalInput(a.at + DAY) };
  }
}
