// Users: the whole organisation, filtered and sorted by the engine (status, admin, terminated,
// unclaimed, sign-in method, open alerts; by name, department, priority, alerts or last
// activity), in a virtualized table with the number of matches; a person opens their page.
// The filters and sort are URL params, so a reload, Back or a pasted link keeps them.
import { Button, Group, Stack, Text } from '@mantine/core';
import { useDebouncedValue, useViewportSize } from '@mantine/hooks';
import { IconSearch, IconUsers } from '@tabler/icons-react';
import { memo, useCallback, useMemo, useState } from 'react';
import type { User, UserSort } from '../../../preload/contract';
import { ConnectActions } from '../components/ConnectActions';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorAlert, LoadingRows } from '../components/States';
import { sortOf, usersListInput } from '../components/user-list-params';
import { UserDrawer } from '../components/UserDrawer';
import { USER_FILTER_KEYS, UserFilters } from '../components/UserFilters';
import { UserTable } from '../components/UserTable';
import { useDataVersion } from '../components/useDataVersion';
import { askEarly, takeEarly } from '../components/opening-page';
import { usePagedQuery } from '../components/usePagedQuery';
import { formatNumber } from '../format';
import { guard } from '../guard';
import { userPageRequest } from '../requests';
import { showActivityOf } from '../stores/activity-filter';
import { mayHaveData, useConnector } from '../stores/connector';
import { onScreenOpening, useNavigation } from '../stores/navigation';

// Scrolling loads pages of people into this screen: everything but the table is memoised (or
// given unchanged props) so a page arriving re-renders the table alone.
const Header = memo(PageHeader);
const Drawer = memo(UserDrawer);
const DESCRIPTION =
  'Everyone in the organisation as last synced. Open a person for their activity, places, alerts and actions.';

type UsersPageRequest = ReturnType<typeof userPageRequest>;
const usersPageKey = (request: UsersPageRequest) => `users.list ${JSON.stringify(request)}`;

/** The list's first page for `request`: the one asked for on opening when it is that request's and fresh. */
function firstUsersPage(request: UsersPageRequest) {
  return takeEarly(usersPageKey(request), () => guard.users.list(request));
}

/**
 * Asks for the list's first page as the Users screen opens, before it renders (opening-page.ts):
 * the engine sorts the organisation while React renders the screen. Returns the function that stops.
 */
export function prefetchUsersOnOpen(): () => void {
  return onScreenOpening((screen, params) => {
    if (screen !== 'users') return;
    const request = userPageRequest(usersListInput(params, params.q ?? ''), null);
    askEarly(usersPageKey(request), () => guard.users.list(request));
  });
}

export function UsersScreen() {
  const status = useConnector((s) => s.status);
  const go = useNavigation((s) => s.go);
  const params = useNavigation((s) => s.params);
  const setParams = useNavigation((s) => s.setParams);
  const version = useDataVersion(10_000);
  const viewport = useViewportSize();
  const [search, setSearch] = useState(params.q ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [openId, setOpenId] = useState<string | null>(null);
  const input = usersListInput(params, debounced);
  const key = JSON.stringify(input);
  // The total comes with each first page; kept with the request it answers, so a stale one never shows.
  const [total, setTotal] = useState<{ key: string; total: number } | null>(null);
  // New data reloads the list from its first page, but not under an admin who has scrolled
  // into it (that would throw them back to the top); a new filter or sort starts over.
  const [scrolledIn, setScrolledIn] = useState<string | null>(null);
  const [shownVersion, setShownVersion] = useState(version);
  if (scrolledIn !== key && shownVersion !== version) setShownVersion(version);
  const pages = usePagedQuery<User>(
    (cursor) =>
      (cursor ? guard.users.list(userPageRequest(input, cursor)) : firstUsersPage(userPageRequest(input, null))).then(
        (page) => {
          if (!cursor) setTotal({ key, total: page.total });
          return page;
        },
      ),
    [key, shownVersion],
  );
  const { items: users, error, loading, loadingMore, hasMore, loadMore } = pages;
  const shownTotal = total?.key === key ? total.total : null;
  const filtered = USER_FILTER_KEYS.some((k) => params[k]) || debounced !== '';

  const setParam = useCallback(
    (k: string, v: string) => {
      const next = { ...params, [k]: v };
      if (!v) delete next[k];
      setParams(next);
    },
    [params, setParams],
  );
  const onSearch = useCallback(
    (text: string) => {
      setSearch(text);
      setParam('q', text.trim());
    },
    [setParam],
  );
  const clear = useCallback(() => {
    setSearch('');
    const next = { ...params };
    for (const k of [...USER_FILTER_KEYS, 'q']) delete next[k];
    setParams(next);
  }, [params, setParams]);
  const onLoadMore = useCallback(() => {
    setScrolledIn(key);
    loadMore();
  }, [key, loadMore]);
  const sort = useMemo(() => sortOf(params), [params]);
  const onSort = useCallback(
    (by: UserSort, reverse: boolean) => {
      const next: Record<string, string> = { ...params, sort: by, reverse: reverse ? 'true' : '' };
      if (by === 'name') delete next.sort;
      if (!reverse) delete next.reverse;
      setParams(next);
    },
    [params, setParams],
  );
  const closeDrawer = useCallback(() => setOpenId(null), []);
  const showActivity = useCallback(
    (user: string) => {
      setOpenId(null);
      showActivityOf(user, go);
    },
    [go],
  );

  let body: React.ReactNode;
  if (error && users.length === 0) {
    body = <ErrorAlert title="Could not load users" error={error} onRetry={pages.reload} />;
  } else if (loading && users.length === 0) {
    body = <LoadingRows rows={10} />;
  } else if (users.length === 0) {
    body = filtered ? (
      <Empty
        icon={<IconSearch size={26} />}
        title="No user matches"
        actions={
          <Button variant="default" onClick={clear}>
            Clear filters
          </Button>
        }
      >
        Nobody matches these filters{debounced ? ` and “${debounced}”` : ''}.
      </Empty>
    ) : (
      <Empty
        icon={<IconUsers size={26} />}
        title="No users yet"
        actions={mayHaveData(status) ? undefined : <ConnectActions />}
      >
        {status?.progress.running
          ? 'The sync is running; users appear here once they are fetched.'
          : mayHaveData(status)
            ? 'No users have been synced. Run “Sync now”, or check the Connector screen for a missing permission.'
            : 'Connect your organisation or explore the demo community to see its people here.'}
      </Empty>
    );
  } else {
    body = (
      <Stack gap="xs">
        {error && <ErrorAlert title="Could not load more users" error={error} onRetry={loadMore} />}
        <UserTable
          items={users}
          total={shownTotal}
          hasMore={hasMore}
          loadingMore={loadingMore}
          onLoadMore={onLoadMore}
          onOpen={setOpenId}
          sort={sort}
          onSort={onSort}
          height={Math.max(320, viewport.height - 330)}
        />
      </Stack>
    );
  }

  return (
    <>
      <Header title="Users" description={DESCRIPTION} />
      <Stack gap="md">
        <UserFilters params={params} search={search} onSearch={onSearch} onChange={setParam} onClear={clear} />
        <Group justify="space-between">
          <Text size="sm" c="dimmed" data-testid="users-total" aria-live="polite">
            {shownTotal === null
              ? 'Counting…'
              : `${formatNumber(shownTotal)} ${shownTotal === 1 ? 'user matches' : 'users match'}` +
                (filtered ? ' these filters' : ' — everyone synced') +
                ` · ${formatNumber(users.length)} loaded`}
          </Text>
        </Group>
        {body}
      </Stack>
      <Drawer id={openId} onClose={closeDrawer} onShowActivity={showActivity} />
    </>
  );
}
