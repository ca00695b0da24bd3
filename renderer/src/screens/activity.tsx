import { Button, Stack } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { memo, startTransition, useCallback, useEffect, useMemo, useState } from 'react';
import { ActivityExport } from '../components/ActivityExport';
import { ActivityFilters } from '../components/ActivityFilters';
import { ActivityQueryMenu } from '../components/ActivityQueryMenu';
import { ActivityResults } from '../components/ActivityResults';
import { ActivityVolume } from '../components/ActivityVolume';
import { toLocalInput } from '../components/activity-pivots';
import { activityScreenText, filterClock } from '../components/activity-filter-prefetch';
import { hasFilterProblems, toActivityFilter } from '../components/filter-to-query';
import { PageHeader } from '../components/PageHeader';
import { useGuardQuery } from '../components/useGuardQuery';
import { TYPING_PAUSE_MS } from '../components/typing-pause';
import { useSettledText } from '../components/useSettledText';
import { formatNumber } from '../format';
import { guard } from '../guard';
import { useActivityFilter, type ActivityFilterForm } from '../stores/activity-filter';
import { useConnector } from '../stores/connector';

const DESCRIPTION =
  'Every synced sign-in, admin action and account change, newest first. ' +
  'Filter, pivot from any row, and export what you find.';

// Its props change only with the new-activity count: applying a filter does not re-render it.
const Header = memo(PageHeader);

/** A bar of the volume chart opens that UTC day in the timeline. */
function openDay(day: string) {
  const { form, replace } = useActivityFilter.getState();
  const start = Date.parse(`${day}T00:00:00Z`);
  replace({ ...form, preset: 'custom', since: toLocalInput(start), until: toLocalInput(start + 86_399_999) });
}

// The screen holds the filter and what depends on it alone (header, filters, volume); the pages
// of rows live in ActivityResults, so scrolling through them re-renders none of this.
export function ActivityScreen() {
  const form = useActivityFilter((s) => s.form);
  const added = useConnector((s) => s.activitiesAdded);
  const [version, setVersion] = useState(0);
  const [settledText, settleTextNow] = useSettledText(form.text, TYPING_PAUSE_MS);
  // The key keeps the applied filter the same object while the text is still settling.
  const appliedKey = JSON.stringify({ ...form, text: settledText });
  const applied = useMemo(() => JSON.parse(appliedKey) as ActivityFilterForm, [appliedKey]);
  // Relative windows ("last 24 hours") end when the filter last changed, the screen opened or the
  // timeline was refreshed: the instant a click's filter was asked for early (activity-filter-prefetch).
  const [openedAt, setOpenedAt] = useState(() => Date.now());
  const { filter, problems } = useMemo(
    () => toActivityFilter(applied, filterClock(openedAt)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [applied, version],
  );
  // What the screen applies, for a click's filter asked for before the screen renders it.
  useEffect(() => {
    activityScreenText(settledText);
    return () => activityScreenText(null);
  }, [settledText]);
  const valid = !hasFilterProblems(problems);
  const appliedFilter = valid ? filter : null;

  // The engine's word on the filter comes back with the rows; the type list waits for the first
  // rows (or a filter that loads none), so its count over the whole store never delays them.
  const [filterError, setFilterError] = useState<string | null>(null);
  const [rowsAnswered, setRowsAnswered] = useState(false);
  const onListStatus = useCallback((error: string | null, loading: boolean) => {
    setFilterError(error);
    // A transition: rendering the filters again for the type list never holds up the rows' paint.
    if (!loading) startTransition(() => setRowsAnswered(true));
  }, []);
  const typesWanted = rowsAnswered || !valid;
  const types = useGuardQuery(
    () => (typesWanted ? guard.activities.countsByType({}) : Promise.resolve(null)),
    [version, typesWanted],
  );
  // Keyed by the names, so "not asked yet" (null) and an unchanged list keep the same array and the
  // memoised filters are not rendered again for them.
  const typesKey = (types.data ?? [])
    .map((t) => t.type)
    .sort()
    .join('\n');
  const typeNames = useMemo(() => (typesKey ? typesKey.split('\n') : []), [typesKey]);

  // What is on screen is current as of now; count only what arrives from here on.
  useEffect(() => {
    useConnector.setState({ activitiesAdded: 0 });
  }, [version]);

  const refresh = useCallback(() => {
    useConnector.setState({ activitiesAdded: 0 });
    setOpenedAt(Date.now());
    setVersion((v) => v + 1);
  }, []);

  const actions = useMemo(
    () =>
      added > 0 ? (
        <Button leftSection={<IconRefresh size={16} />} onClick={refresh}>
          {formatNumber(added)} new — show
        </Button>
      ) : (
        <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={refresh}>
          Refresh
        </Button>
      ),
    [added, refresh],
  );
  const queries = useMemo(() => <ActivityQueryMenu />, []);
  const exportFilter = filterError ? null : appliedFilter;
  const exportAction = useMemo(() => <ActivityExport filter={exportFilter} />, [exportFilter]);

  return (
    <>
      <Header title="Activity" description={DESCRIPTION} actions={actions} />
      {/* The pause is on the page so the bench times a burst of typing against this build's own. */}
      <Stack gap="sm" data-typing-pause-ms={TYPING_PAUSE_MS}>
        <ActivityFilters
          types={typeNames}
          problems={problems}
          error={filterError}
          queries={queries}
          actions={exportAction}
          onSearchNow={settleTextNow}
        />
        {!filterError && <ActivityVolume filter={appliedFilter} version={version} onPickDay={openDay} />}
        <ActivityResults filter={appliedFilter} version={version} onListStatus={onListStatus} />
      </Stack>
    </>
  );
}
