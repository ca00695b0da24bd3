// The Activity timeline's pages: the first on every filter change (or new data), the next as
// the admin scrolls. A null filter (the form is invalid) loads nothing.
// Opening the screen asks for its first page at once (prefetchActivityOnOpen, opening-page.ts),
// while the screen is still being rendered (~100 ms of React and Mantine on a slow machine).
import type { Activity, ActivityFilter, OpInput } from '../../../preload/contract';
import { guard } from '../guard';
import { activityPageRequest } from '../requests';
import { emptyActivityFilter, useActivityFilter } from '../stores/activity-filter';
import { onScreenOpening } from '../stores/navigation';
import { toActivityFilter } from './filter-to-query';
import type { Page } from './paged-list';
import { paramsToForm, type RouteParams } from './RouteUrl';
import { askEarly, takeEarly } from './opening-page';
import { usePagedQuery, type PagedQuery } from './usePagedQuery';

type Request = OpInput<'activities', 'list'>;
export const activityListKey = (request: Request) => `activities.list ${JSON.stringify(request)}`;

/** The timeline's first page for `request`: the one asked for on opening when it is that request's and fresh. */
export function firstActivityPage(request: Request): Promise<Page<Activity>> {
  return takeEarly(activityListKey(request), () => guard.activities.list(request));
}

/**
 * The first page of the timeline as the screen will ask for it, when that request does not depend
 * on the moment it is made (a relative window, "last 24 hours", ends when the screen applies it).
 */
export function openingRequest(params: RouteParams = {}, now = Date.now()): Request | null {
  // Opened from the navigation the screen keeps its filter; a link or pivot brings its own (RouteActivityFilter).
  const form =
    Object.keys(params).length === 0 ? useActivityFilter.getState().form : paramsToForm(params, emptyActivityFilter);
  const at = toActivityFilter(form, now);
  const later = toActivityFilter(form, now + 60_000);
  if (at.problems.asn || at.problems.range || at.problems.ipCategory) return null;
  if (JSON.stringify(at.filter) !== JSON.stringify(later.filter)) return null;
  return activityPageRequest(at.filter, null);
}

/** Asks for the timeline's first page whenever the Activity screen opens; returns the function that stops. */
export function prefetchActivityOnOpen(): () => void {
  // Before the move, not after it: the call's own first step (the bridge's) then runs before React renders the screen.
  return onScreenOpening((screen, params) => {
    if (screen !== 'activity') return;
    const request = openingRequest(params);
    if (!request) return;
    askEarly(activityListKey(request), () => guard.activities.list(request));
  });
}

export function useActivityPages(filter: ActivityFilter | null, version: number): PagedQuery<Activity> {
  return usePagedQuery<Activity>(
    (cursor) =>
      cursor === null
        ? firstActivityPage(activityPageRequest(filter ?? {}, cursor))
        : guard.activities.list(activityPageRequest(filter ?? {}, cursor)),
    [JSON.stringify(filter), version],
    filter !== null,
  );
}
