// The Activity timeline's pages: the first on every filter change (or new data), the next as
// the admin scrolls. A null filter (the form is invalid) loads nothing.
import type { Activity, ActivityFilter } from '../../../preload/contract';
import { guard } from '../guard';
import { activityPageRequest } from '../requests';
import { usePagedQuery, type PagedQuery } from './usePagedQuery';

export function useActivityPages(filter: ActivityFilter | null, version: number): PagedQuery<Activity> {
  return usePagedQuery<Activity>(
    (cursor) => guard.activities.list(activityPageRequest(filter ?? {}, cursor)),
    [JSON.stringify(filter), version],
    filter !== null,
  );
}
