// The Activity filter in the URL: a filtered timeline survives a reload, Back returns to the
// previous filter, and a pasted link opens the same investigation. The filter store keeps its
// own shape (stores/activity-filter.ts); this only mirrors it through formToParams/paramsToForm,
// which read the shape from the empty filter.
import { emptyActivityFilter, useActivityFilter } from '../stores/activity-filter';
import { useNavigation } from '../stores/navigation';
import { formToParams, paramsToForm, sameParams } from './RouteUrl';

/** Keeps the Activity filter and the URL in step; returns the function that stops. */
export function bindActivityFilterToRoute(): () => void {
  const nav = useNavigation;
  const filter = useActivityFilter;
  const fromUrl = () => {
    const { screen, params } = nav.getState();
    if (screen !== 'activity') return;
    const current = formToParams(filter.getState().form, emptyActivityFilter);
    if (sameParams(current, params)) return;
    if (Object.keys(params).length === 0 && Object.keys(current).length > 0) {
      // Opened from the navigation: the filter is kept across screens, so the URL takes it.
      nav.getState().setParams(current);
    } else {
      filter.setState({ form: paramsToForm(params, emptyActivityFilter) });
    }
  };
  fromUrl();
  const offNav = nav.subscribe((s, prev) => {
    if (s.screen !== prev.screen || s.params !== prev.params) fromUrl();
  });
  const offFilter = filter.subscribe((s, prev) => {
    if (s.form === prev.form || nav.getState().screen !== 'activity') return;
    nav.getState().setParams(formToParams(s.form, emptyActivityFilter));
  });
  return () => {
    offNav();
    offFilter();
  };
}
