// A filter changed by a click on the open Activity screen (a chip, a suggested or saved query, a
// pivot, Back) is asked for as the click changes it, before React renders the screen again: the
// engine finds the rows and counts them while the filters, chips and chart re-render (~25–50 ms
// of the click in a Chromium trace at load ~2), instead of after. Typed text is not: it applies
// when typing pauses, which the screen decides (useSettledText).
// Both sides anchor a relative window ("last 30 days") at the same instant, `filterClock`, so the
// request asked for here is the very one the screen makes.
import type { ActivityFilter } from '../../../preload/contract';
import { guard } from '../guard';
import { activityPageRequest } from '../requests';
import { useActivityFilter, type ActivityFilterForm } from '../stores/activity-filter';
import { hasFilterProblems, toActivityFilter } from './filter-to-query';
import { askEarly } from './opening-page';
import { activityListKey } from './useActivityPages';

/** When the filter last changed, by any hand (a click, typing, the URL). */
let changedAt = Date.now();
/** The open Activity screen's applied text, or null while the screen is not open. */
let openText: string | null = null;

/** The instant a relative window of the filter applied now ends: its last change, or `since` if later. */
export function filterClock(since: number): number {
  return Math.max(changedAt, since);
}

/** The Activity screen says it is open, with the text it has applied (null when it closes). */
export function activityScreenText(text: string | null): void {
  openText = text;
}

export const activityCountKey = (filter: ActivityFilter) => `activities.countsByDay ${JSON.stringify({ filter })}`;

/** The filter the screen applies for `form`, or null when it would load nothing (ActivityScreen). */
export function appliedFilter(form: ActivityFilterForm, now: number): ActivityFilter | null {
  const { filter, problems } = toActivityFilter(form, now);
  return hasFilterProblems(problems) ? null : filter;
}

/** Follows the filter for the whole session; returns the function that stops. */
export function prefetchActivityOnFilterChange(): () => void {
  return useActivityFilter.subscribe((state, prev) => {
    if (state.form === prev.form) return;
    changedAt = Date.now();
    // A closed screen asks on opening (prefetchActivityOnOpen); typing waits for its pause.
    if (openText === null || state.form.text !== prev.form.text) return;
    const filter = appliedFilter({ ...state.form, text: openText }, changedAt);
    if (!filter) return;
    const page = activityPageRequest(filter, null);
    askEarly(activityListKey(page), () => guard.activities.list(page));
    askEarly(activityCountKey(filter), () => guard.activities.countsByDay({ filter }));
  });
}
