import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconActivity, IconFilterOff, IconRefresh } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { ActivityDrawer } from '../components/ActivityDrawer';
import { ActivityFilters } from '../components/ActivityFilters';
import { ActivityTimeline } from '../components/ActivityTimeline';
import { ConnectActions } from '../components/ConnectActions';
import { DbIpAttribution } from '../components/DbIpAttribution';
import { toActivityFilter } from '../components/filter-to-query';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorAlert, LoadingRows } from '../components/States';
import { useActivityPages } from '../components/useActivityPages';
import { useGuardQuery } from '../components/useGuardQuery';
import { formatNumber } from '../format';
import { guard } from '../guard';
import { emptyActivityFilter, showActivityOf, useActivityFilter } from '../stores/activity-filter';
import { mayHaveData, useConnector } from '../stores/connector';
import { useNavigation } from '../stores/navigation';

export function ActivityScreen() {
  const form = useActivityFilter((s) => s.form);
  const resetFilters = useActivityFilter((s) => s.reset);
  const status = useConnector((s) => s.status);
  const added = useConnector((s) => s.activitiesAdded);
  const go = useNavigation((s) => s.go);
  const [version, setVersion] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(form, 350);
  const { filter, problems } = useMemo(() => toActivityFilter(debounced), [debounced]);
  const valid = !problems.country && !problems.range;
  const pages = useActivityPages(valid ? filter : null, version);
  const types = useGuardQuery(() => guard.activities.countsByType({}), [version]);
  const filtered = JSON.stringify(form) !== JSON.stringify(emptyActivityFilter);

  // What is on screen is current as of now; count only what arrives from here on.
  useEffect(() => {
    useConnector.setState({ activitiesAdded: 0 });
  }, [version]);

  const refresh = () => {
    useConnector.setState({ activitiesAdded: 0 });
    setVersion((v) => v + 1);
  };

  return (
    <>
      <PageHeader
        title="Activity"
        description={
          'Every synced sign-in, admin action and account change, newest first. ' + 'Click a row for the full event.'
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
      <Stack gap="md">
        <ActivityFilters
          types={(types.data ?? []).map((t) => t.type).sort()}
          countryError={problems.country}
          rangeError={problems.range}
        />
        {pages.error && pages.items.length === 0 ? (
          <ErrorAlert title="Could not load the timeline" error={pages.error} onRetry={pages.reload} />
        ) : pages.loading && pages.items.length === 0 ? (
          <LoadingRows rows={10} height={38} />
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
              No synced activity matches. Widen the time range or clear a filter.
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
              height="max(320px, calc(100vh - 432px))"
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
        onShowUser={(user) => {
          setOpenId(null);
          showActivityOf(user, go);
        }}
      />
    </>
  );
}
