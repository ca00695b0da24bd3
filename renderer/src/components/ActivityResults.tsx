// What the Activity screen shows under its filters: the timeline's pages (or why there are none),
// the open activity's drawer with next/previous, and pivots from it. The pages live here, not in
// the screen, so a page arriving while the admin scrolls re-renders this and the timeline only —
// never the filters, the volume chart or the header above.
import { Badge, Button, Group, Text } from '@mantine/core';
import { IconActivity, IconFilterOff } from '@tabler/icons-react';
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import type { Activity, ActivityFilter } from '../../../preload/contract';
import { formatNumber } from '../format';
import { emptyActivityFilter, useActivityFilter } from '../stores/activity-filter';
import { mayHaveData, useConnector } from '../stores/connector';
import { ActivityDrawer } from './ActivityDrawer';
import { pivotForm, type PivotKind } from './activity-pivots';
import { ActivityTimeline } from './ActivityTimeline';
import { ConnectActions } from './ConnectActions';
import { DbIpAttribution } from './DbIpAttribution';
import { Empty, ErrorAlert, LoadingRows } from './States';
import { useActivityPages } from './useActivityPages';

const TIMELINE_MIN = 320;
/** The header, filters and volume chart above the timeline, and the line below it. */
const TIMELINE_OFFSET = 470;
const TIMELINE_HEIGHT = `max(${TIMELINE_MIN}px, calc(100vh - ${TIMELINE_OFFSET}px))`;

// The drawer, closed, is still a tree of Mantine components: it re-renders only when its props change.
const Drawer = memo(ActivityDrawer);

function pivot(kind: PivotKind, a: Activity): boolean {
  const { form, replace } = useActivityFilter.getState();
  const next = pivotForm(kind, a, form);
  if (next) replace(next);
  return next !== null;
}

function NoActivity() {
  const filtered = useActivityFilter((s) => JSON.stringify(s.form) !== JSON.stringify(emptyActivityFilter));
  const mayHave = useConnector((s) => mayHaveData(s.status));
  const running = useConnector((s) => s.status?.progress.running ?? false);
  if (filtered) {
    return (
      <Empty
        icon={<IconFilterOff size={26} />}
        title="Nothing matches these filters"
        actions={
          <Button variant="default" onClick={() => useActivityFilter.getState().reset()}>
            Clear filters
          </Button>
        }
      >
        No synced activity matches. Widen the time range or remove a filter.
      </Empty>
    );
  }
  return (
    <Empty icon={<IconActivity size={26} />} title="No activity yet" actions={mayHave ? undefined : <ConnectActions />}>
      {running
        ? 'The sync is running; activity appears here as it is stored.'
        : mayHave
          ? 'Nothing has been synced yet. Run “Sync now” from the header, or check the Connector screen.'
          : 'Connect your organisation or explore the demo community, ' +
            'and its sign-ins and admin actions appear here.'}
    </Empty>
  );
}

/** Memoised: props change only when the applied filter or the data version does. */
export const ActivityResults = memo(function ActivityResults({
  filter,
  version,
  onListStatus,
}: {
  /** The applied filter; null when the form cannot be turned into one (nothing loads). */
  filter: ActivityFilter | null;
  version: number;
  /** The engine's refusal of the filter (shown at the filters), and whether the first page is still coming. */
  onListStatus(filterError: string | null, loading: boolean): void;
}) {
  const pages = useActivityPages(filter, version);
  const [openId, setOpenId] = useState<string | null>(null);
  const filtered = useActivityFilter((s) => JSON.stringify(s.form) !== JSON.stringify(emptyActivityFilter));
  // The engine refuses a filter it cannot read (an unknown country, a malformed range): say so at the filter.
  const filterError = pages.error?.code === 'invalid_input' ? pages.error.message : null;
  useEffect(() => onListStatus(filterError, pages.loading), [filterError, pages.loading, onListStatus]);

  const index = openId ? pages.items.findIndex((a) => a.id === openId) : -1;
  // "Older" on the last loaded activity loads the next page, then moves on once it has come.
  const [olderPending, setOlderPending] = useState(false);
  useEffect(() => {
    if (olderPending && index >= 0 && index < pages.items.length - 1) {
      setOlderPending(false);
      setOpenId(pages.items[index + 1].id);
    } else if (olderPending && !pages.loadingMore && !pages.hasMore) setOlderPending(false);
  }, [olderPending, index, pages.items, pages.loadingMore, pages.hasMore]);
  // Stable next/previous for the memoised drawer, reading the latest pages when clicked.
  const latest = useRef({ items: pages.items, index, hasMore: pages.hasMore, loadMore: pages.loadMore });
  useEffect(() => {
    latest.current = { items: pages.items, index, hasMore: pages.hasMore, loadMore: pages.loadMore };
  });
  const newer = useCallback(() => {
    const { items, index } = latest.current;
    if (index > 0) setOpenId(items[index - 1].id);
  }, []);
  const older = useCallback(() => {
    const { items, index, hasMore, loadMore } = latest.current;
    if (index >= 0 && index < items.length - 1) setOpenId(items[index + 1].id);
    else if (index >= 0 && hasMore) {
      setOlderPending(true);
      loadMore();
    }
  }, []);
  const hasNewer = index > 0;
  const hasOlder = index >= 0 && (index < pages.items.length - 1 || pages.hasMore);
  const close = useCallback(() => setOpenId(null), []);
  const onPivot = useCallback((kind: PivotKind, a: Activity) => {
    if (pivot(kind, a)) setOpenId(null);
  }, []);

  let body: React.ReactNode;
  if (pages.error && pages.items.length === 0) {
    body = filterError ? (
      <Empty icon={<IconFilterOff size={26} />} title="This filter cannot be applied">
        {filterError}
      </Empty>
    ) : (
      <ErrorAlert title="Could not load the timeline" error={pages.error} onRetry={pages.reload} />
    );
  } else if (pages.loading && pages.items.length === 0) {
    body = <LoadingRows rows={10} height={46} />;
  } else if (pages.items.length === 0) {
    body = <NoActivity />;
  } else {
    body = (
      <>
        {pages.error && <ErrorAlert title="Could not load older activity" error={pages.error} onRetry={pages.reload} />}
        <ActivityTimeline
          items={pages.items}
          hasMore={pages.hasMore}
          loadingMore={pages.loadingMore}
          loading={pages.loading}
          onLoadMore={pages.loadMore}
          onOpen={setOpenId}
          openId={openId}
          height={TIMELINE_HEIGHT}
          initialHeight={Math.max(TIMELINE_MIN, window.innerHeight - TIMELINE_OFFSET)}
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
    );
  }

  return (
    <>
      {body}
      <Drawer
        id={openId}
        onClose={close}
        onNewer={hasNewer ? newer : null}
        onOlder={hasOlder ? older : null}
        onPivot={onPivot}
      />
    </>
  );
});
