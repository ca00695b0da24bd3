// The IP lists on the Settings screen (issue 9 req 1): online refresh is an opt-in (nothing is
// fetched from the Internet without it), a daily schedule on top, per-list URLs, and for each list
// when it was last refreshed, whether it is stale (detections matching it say so) and why the last
// attempt failed. Switches apply at once; URL drafts count as unsaved changes of the screen.
import { Badge, Button, Card, Group, SegmentedControl, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { IntelLists, IntelListStatus } from '../../../preload/contract';
import { formatDateTime, formatNumber, formatRelative } from '../format';
import { errorMessage, guard } from '../guard';
import { toast } from '../stores/toasts';
import { IntelListUrls } from './IntelListUrls';
import { ErrorAlert, LoadingRows } from './States';
import { useGuardQuery } from './useGuardQuery';

const SOURCE: Record<IntelListStatus['source'], string> = {
  online: 'Downloaded',
  fixture: 'Shipped sample',
  missing: 'Not downloaded yet',
};

function Freshness({ list }: { list: IntelListStatus }) {
  return (
    <Stack gap={2}>
      <Group gap={6}>
        <Text size="sm" title={list.updatedAt ? formatDateTime(list.updatedAt) : undefined}>
          {list.updatedAt ? formatRelative(list.updatedAt) : 'Never refreshed'}
        </Text>
        {list.stale ? (
          <Badge color="orange" variant="light" size="sm">
            Stale
          </Badge>
        ) : (
          <Badge color="green" variant="light" size="sm">
            Fresh
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {SOURCE[list.source]} · {formatNumber(list.entries)} entries
        {list.nextRefreshAt ? ` · next ${formatRelative(list.nextRefreshAt)}` : ''}
      </Text>
      {list.lastError && (
        <Text size="xs" c="red" data-testid={`intel-list-error-${list.id}`}>
          Last attempt failed{list.lastAttemptAt ? ` ${formatRelative(list.lastAttemptAt)}` : ''}: {list.lastError} (the
          previous copy is kept)
        </Text>
      )}
    </Stack>
  );
}

export function IntelListsCard({ onDirty }: { onDirty(dirty: boolean): void }) {
  const query = useGuardQuery(() => guard.intel.lists(), []);
  const [lists, setLists] = useState<IntelLists | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [urlErrors, setUrlErrors] = useState<Record<string, string>>({});
  const [dirtyLists, setDirtyLists] = useState<Record<string, boolean>>({});
  useEffect(() => {
    if (query.data) setLists(query.data);
  }, [query.data]);
  const anyDirty = Object.values(dirtyLists).some(Boolean);
  useEffect(() => onDirty(anyDirty), [anyDirty, onDirty]);
  const markDirty = useCallback(
    (id: string) => (dirty: boolean) => setDirtyLists((d) => (d[id] === dirty ? d : { ...d, [id]: dirty })),
    [],
  );

  const apply = (what: string, change: Parameters<typeof guard.intel.setListSettings>[0], listId?: string) => {
    setBusy(what);
    guard.intel.setListSettings(change).then(
      (next) => {
        setLists(next);
        if (listId) setUrlErrors(({ [listId]: _done, ...rest }) => rest);
        setBusy(null);
      },
      (e: unknown) => {
        if (listId) setUrlErrors((errs) => ({ ...errs, [listId]: errorMessage(e) }));
        else toast({ tone: 'error', title: 'The IP list settings were not changed', message: errorMessage(e) });
        setBusy(null);
      },
    );
  };
  const refreshNow = () => {
    setBusy('refresh');
    guard.intel.refreshLists().then(
      (r) => {
        setLists(r.lists);
        setBusy(null);
        const failed = r.results.filter((x) => x.outcome === 'failed');
        toast({
          tone: failed.length ? 'error' : 'success',
          title: failed.length
            ? `${failed.length} of ${r.results.length} lists failed to refresh`
            : 'IP lists refreshed',
          message: failed.length ? failed.map((f) => f.message).join(' ') : undefined,
        });
      },
      (e: unknown) => {
        setBusy(null);
        toast({ tone: 'error', title: 'The IP lists were not refreshed', message: errorMessage(e) });
      },
    );
  };

  return (
    <Card data-testid="intel-lists-card">
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={2} size="h4">
          IP lists
        </Title>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconRefresh size={14} />}
          loading={busy === 'refresh'}
          disabled={!lists?.online || (!!busy && busy !== 'refresh')}
          onClick={refreshNow}
        >
          Refresh now
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        Known-bad and anonymising addresses (Tor exits, botnet and hijacked networks) that detections check. Lists older
        than 7 days are marked stale, and so are the detections that match them.
      </Text>
      {query.error ? (
        <ErrorAlert title="Could not load the IP lists" error={query.error} onRetry={query.reload} />
      ) : !lists ? (
        <LoadingRows rows={3} height={40} />
      ) : (
        <Stack gap="md">
          <Switch
            label="Refresh the lists online"
            description="Off: nothing is downloaded from the Internet; the lists stay as they are."
            checked={lists.online}
            disabled={!!busy}
            onChange={(e) => apply('online', { online: e.currentTarget.checked })}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Schedule
            </Text>
            <SegmentedControl
              aria-label="Schedule"
              w={260}
              value={lists.schedule}
              disabled={!lists.online || !!busy}
              onChange={(v) => apply('schedule', { schedule: v as IntelLists['schedule'] })}
              data={[
                { value: 'off', label: 'Only when asked' },
                { value: 'daily', label: 'Daily' },
              ]}
            />
          </Stack>
          <Table verticalSpacing="sm" layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="24%">List</Table.Th>
                <Table.Th w="30%">Last refresh</Table.Th>
                <Table.Th>URLs</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lists.lists.map((list) => (
                <Table.Tr key={list.id} data-testid={`intel-list-${list.id}`} style={{ verticalAlign: 'top' }}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {list.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {list.kind === 'threat' ? 'Threat' : 'Anonymity'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Freshness list={list} />
                  </Table.Td>
                  <Table.Td>
                    <IntelListUrls
                      list={list}
                      busy={busy === `urls:${list.id}`}
                      error={urlErrors[list.id] ?? null}
                      onSave={(urls) => apply(`urls:${list.id}`, { urls: { [list.id]: urls } }, list.id)}
                      onReset={() => apply(`urls:${list.id}`, { urls: { [list.id]: null } }, list.id)}
                      onDirty={markDirty(list.id)}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Card>
  );
}
