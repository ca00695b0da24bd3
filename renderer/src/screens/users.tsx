import { Badge, Button, Card, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import type { User } from '../../../preload/contract';
import { ConnectActions } from '../components/ConnectActions';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorAlert, LoadingRows } from '../components/States';
import { UserDrawer } from '../components/UserDrawer';
import { useDataVersion } from '../components/useDataVersion';
import { usePagedQuery } from '../components/usePagedQuery';
import { formatDateTime, formatNumber, formatRelative } from '../format';
import { guard } from '../guard';
import { userPageRequest } from '../requests';
import { showActivityOf } from '../stores/activity-filter';
import { mayHaveData, useConnector } from '../stores/connector';
import { useNavigation } from '../stores/navigation';

export function UsersScreen() {
  const status = useConnector((s) => s.status);
  const go = useNavigation((s) => s.go);
  const version = useDataVersion(10_000);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [openId, setOpenId] = useState<string | null>(null);
  const pages = usePagedQuery<User>(
    (cursor) => guard.users.list(userPageRequest(debounced, cursor)),
    [debounced, version],
  );
  const { items: users, error, loading, loadingMore, hasMore, loadMore } = pages;

  // The list only knows last activity when the engine computes it; no column of dashes otherwise.
  const showLast = users.some((u) => u.lastActivityAt !== null);
  let body: React.ReactNode;
  if (error && users.length === 0) {
    body = <ErrorAlert title="Could not load users" error={error} onRetry={pages.reload} />;
  } else if (loading && users.length === 0) {
    body = <LoadingRows rows={10} />;
  } else if (users.length === 0) {
    body = debounced ? (
      <Empty
        icon={<IconSearch size={26} />}
        title="No user matches"
        actions={
          <Button variant="default" onClick={() => setSearch('')}>
            Clear search
          </Button>
        }
      >
        Nobody’s name, email, title or department matches “{debounced}”.
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
      <Stack gap="sm">
        {error && <ErrorAlert title="Could not load more users" error={error} onRetry={loadMore} />}
        <Card p={0}>
          <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Department</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Sign-in</Table.Th>
                {showLast && <Table.Th>Last activity</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.map((u) => (
                <Table.Tr
                  key={u.id}
                  onClick={() => setOpenId(u.id)}
                  style={{ cursor: 'pointer' }}
                  tabIndex={0}
                  onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && setOpenId(u.id)}
                  data-user-id={u.id}
                >
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {u.name}
                    </Text>
                    {u.title && (
                      <Text size="xs" c="dimmed">
                        {u.title}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{u.email ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{u.department ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge size="sm" variant="light" color={u.active ? 'teal' : 'gray'}>
                        {u.active ? 'Active' : 'Deactivated'}
                      </Badge>
                      {u.termDate !== null && u.termDate <= Date.now() && (
                        <Badge
                          size="sm"
                          variant="light"
                          color="red"
                          title={`HR termination date ${formatDateTime(u.termDate)}`}
                        >
                          Terminated
                        </Badge>
                      )}
                      {u.admin && (
                        <Badge size="sm" variant="light" color="violet">
                          Admin
                        </Badge>
                      )}
                      {!u.claimed && (
                        <Badge size="sm" variant="light" color="yellow">
                          Unclaimed
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {u.authMethod === 'sso' ? 'SSO' : u.authMethod === 'password' ? 'Password' : '—'}
                    </Text>
                  </Table.Td>
                  {showLast && (
                    <Table.Td>
                      <Text size="sm" c={u.lastActivityAt ? undefined : 'dimmed'}>
                        {u.lastActivityAt ? formatRelative(u.lastActivityAt) : '—'}
                      </Text>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {formatNumber(users.length)} shown
            {hasMore || error ? '' : debounced ? ' — all matches' : ' — everyone synced'}
          </Text>
          {hasMore && (
            <Button variant="default" size="xs" loading={loadingMore} onClick={loadMore}>
              Load more
            </Button>
          )}
        </Group>
      </Stack>
    );
  }

  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone in the organisation as last synced. Click a person for where and from what they sign in."
      />
      <Stack gap="md">
        <TextInput
          placeholder="Search by name, email, title or department"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          maw={480}
          maxLength={200}
          aria-label="Search users"
        />
        {body}
      </Stack>
      <UserDrawer
        id={openId}
        onClose={() => setOpenId(null)}
        onShowActivity={(user) => {
          setOpenId(null);
          showActivityOf(user, go);
        }}
      />
    </>
  );
}
