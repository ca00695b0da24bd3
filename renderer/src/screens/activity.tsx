import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconActivity, IconFilterOff, IconRefresh } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { ActivityDrawer } from '../components/ActivityDrawer';
import { ActivityExport } from '../components/ActivityExport';
import { ActivityFilters } from '../components/ActivityFilters';
import { ActivityQueryMenu } from '../components/ActivityQueryMenu';
import { ActivityTimeline } from '../components/ActivityTimeline';
import { ActivityVolume } from '../components/ActivityVolume';
import { pivotForm, toLocalInput } from '../components/activity-pivots';
import { ConnectActions } from '../components/ConnectActions';
import { DbIpAttribution } from '../components/DbIpAttribution';
import { toActivityFilter } from '../components/filter-to-query';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorAlert, LoadingRows } from '../components/States';
import { useActivityPages } from '../components/useActivityPages';
import { useGuardQuery } from '../components/useGuardQuery';
import { formatNumber } from '../format';
import { guard } from '../guard';
import { emptyActivityFilter, useActivityFilter } from '../stores/activity-filter';
import { mayHaveData, useConnector } from '../stores/connector';

export function ActivityScreen() {
  const form = useActivityFilter((s) => s.form);
  const replace = useActivityFilter((s) => s.replace);
  const resetFilters = useActivityFilter((s) => s.reset);
  const status = useConnector((s) => s.status);
  const added = useConnector((s) => s.activitiesAdded);
  const [version, setVersion] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  // Only typing waits (300 ms, so each keystroke is not a query); a chip, a preset or a suggested
  // query applies at once. The key keeps the applied filter stable while the text is still settling.
  const [debouncedText] = useDebouncedValue(form.text, 300);
  const appliedKey = JSON.stringify({ ...form, text: debouncedText });
  const debounced = useMemo(() => JSON.parse(appliedKey) as typeof form, [appliedKey]);
  // Relative windows ("last 24 hours") end when the filter was applied or the timeline refreshed.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const { filter, problems } = useMemo(() => toActivityFilter(debounced, Date.now()), [debounced, version]);
  const valid = !problems.asn && !problems.range && !problems.ipCategory;
  const pages = useActivityPages(valid ? filter : null, version);
  const types = useGuardQuery(() => guard.activities.countsByType({}), [version]);
  const filtered = JSON.stringify(form) !== JSON.stringify(emptyActivityFilter);
  // The engine refuses a filter it cannot read (an unknown country, a malformed range): say so at the filter.
  const filterError = pages.error?.code === 'invalid_input' ? pages.error.message : null;

  // What is on screen is current as of now; count only what arrives from here on.
  useEffect(() => {
    useConnector.setState({ activitiesAdded: 0 });
  }, [version]);

  const refresh = () => {
    useConnector.setState({ activitiesAdded: 0 });
    setVersion((v) => v + 1);
  };

  const index = openId ? pages.items.findIndex((a) => a.id === openId) : -1;
  // "Older" on the last loaded activity loads the next page, then moves on once it has come.
  const [olderPending, setOlderPending] = useState(false);
  useEffect(() => {
    if (olderPending && index >= 0 && index < pages.items.length - 1) {
      setOlderPending(false);
      setOpenId(pages.items[index + 1].id);
    } else if (olderPending && !pages.loadingMore && !pages.hasMore) setOlderPending(false);
  }, [olderPending, index, pages.items, pages.loadingMore, pages.hasMore]);
  const newer = index > 0 ? () => setOpenId(pages.items[index - 1].id) : null;
  const older =
    index >= 0 && index < pages.items.length - 1
      ? () => setOpenId(pages.items[index + 1].id)
      : index >= 0 && pages.hasMore
        ? () => {
            setOlderPending(true);
            pages.loadMore();
          }
        : null;

  return (
    <>
      <PageHeader
        title="Activity"
        description={
          'Every synced sign-in, admin action and account change, newest first. ' +
          'Filter, pivot from any row, and export what you find.'
        }
        actions={
          added > 0 ? (
            <Button leftSection={<IconRefresh size={16} />} onClick={refresh}>
              {formatNumber(added)} new — show
            </Button>
          ) : (
            <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={refresh}>
              Refresh
            </Button>
          )
        }
      />
      <Stack gap="sm">
        <ActivityFilters
          types={(types.data ?? []).map((t) => t.type).sort()}
          problems={problems}
          error={filterError}
          queries={<ActivityQueryMenu />}
          actions={<ActivityExport filter={valid && !filterError ? filter : null} />}
        />
        {!filterError && (
          <ActivityVolume
            filter={valid ? filter : null}
            version={version}
            onPickDay={(day) => {
              const start = Date.parse(`${day}T00:00:00Z`);
              replace({
                ...form,
                preset: 'custom',
                since: toLocalInput(start),
                until: toLocalInput(start + 86_399_999),
              });
            }}
          />
        )}
        {pages.error && pages.items.length === 0 ? (
          filterError ? (
            <Empty icon={<IconFilterOff size={26} />} title="This filter cannot be applied">
              {filterError}
            </Empty>
          ) : (
            <ErrorAlert title="Could not load the timeline" error={pages.error} onRetry={pages.reload} />
          )
        ) : pages.loading && pages.items.length === 0 ? (
          <LoadingRows rows={10} height={46} />
        ) : pages.items.length === 0 ? (
          filtered ? (
            <Empty
              icon={<IconFilterOff size={26} />}
              title="Nothing matches these filters"
              actions={
                <Button variant="default" onClick={resetFilters}>
                  Clear filters
                </Button>
              }
            >
              No synced activity matches. Widen the time range or remove a filter.
            </Empty>
          ) : (
            <Empty
              icon={<IconActivity size={26} />}
              title="No activity yet"
              actions={mayHaveData(status) ? undefined : <ConnectActions />}
            >
              {status?.progress.running
                ? 'The sync is running; activity appears here as it is stored.'
                : mayHaveData(status)
                  ? 'Nothing has been synced yet. Run “Sync now” from the header, or check the Connector screen.'
                  : 'Connect your organisation or explore the demo community, ' +
                    'and its sign-ins and admin actions appear here.'}
            </Empty>
          )
        ) : (
          <>
            {pages.error && (
              <ErrorAlert title="Could not load older activity" error={pages.error} onRetry={pages.reload} />
            )}
            <ActivityTimeline
              items={pages.items}
              hasMore={pages.hasMore}
              loadingMore={pages.loadingMore}
              onLoadMore={pages.loadMore}
              onOpen={setOpenId}
              openId={openId}
              height="max(320px, calc(100vh - 470px))"
            />
            <Group justify="space-between">
              <Group gap="xs">
                <Text size="xs" c="dimmed">
                  {formatNumber(pages.items.length)} loaded
                  {pages.hasMore ? ', more load as you scroll' : ' — the end of the timeline'}
                </Text>
                {filtered && (
                  <Badge size="xs" variant="light">
                    Filtered
                  </Badge>
                )}
              </Group>
              <DbIpAttribution />
            </Group>
          </>
        )}
      </Stack>
      <ActivityDrawer
        id={openId}
        onClose={() => setOpenId(null)}
        onNewer={newer}
        onOlder={older}
        onPivot={(kind, a) => {
          const next = pivotForm(kind, a, form);
          if (!next) return;
          setOpenId(null);
          replace(next);
        }}
      />
    </>
  );
}
