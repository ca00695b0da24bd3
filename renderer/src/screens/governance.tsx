// Governance: every action taken on a user — who asked, why, what Workplace answered — with the
// pending queue on top (what is waiting and why), retry for failures, revert for suspends,
// cancel for queued actions, and an export of the whole log.
import { Alert, Badge, Button, Card, Group, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconClockPause, IconDownload, IconGavel, IconRefresh, IconSend } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import type { GovernanceEntry, GovernanceState } from '../../../preload/contract';
import { GovernanceSettingsCard } from '../components/GovernanceSettingsCard';
import { PageHeader } from '../components/PageHeader';
import { Empty, ErrorAlert, LoadingRows } from '../components/States';
import { useGuardQuery } from '../components/useGuardQuery';
import { formatDateTime, humanize } from '../format';
import { errorMessage, guard, onEvent } from '../guard';
import { toast } from '../stores/toasts';

const STATE_COLOR: Record<GovernanceState, string> = {
  queued: 'yellow',
  sending: 'blue',
  succeeded: 'teal',
  failed: 'red',
  refused: 'red',
  'dry-run': 'gray',
  cancelled: 'gray',
};

const ACTION_LABEL = { suspend: 'Suspend', unsuspend: 'Unsuspend', signout: 'Sign out', notify: 'Notify' };

type Filter = 'all' | 'pending' | 'problems';
const FILTER_STATES: Record<Filter, GovernanceState[] | undefined> = {
  all: undefined,
  pending: ['queued', 'sending'],
  problems: ['failed', 'refused'],
};

function download(filename: string, mime: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function RowActions({ e, onDone }: { e: GovernanceEntry; onDone(): void }) {
  const [busy, setBusy] = useState(false);
  const act = (label: string, fn: () => Promise<GovernanceEntry>) => async () => {
    setBusy(true);
    try {
      const r = await fn();
      toast({
        tone: r.state === 'failed' ? 'error' : 'success',
        title: `${label}: ${r.state}`,
        message: r.note ?? undefined,
      });
    } catch (err) {
      toast({ tone: 'error', title: `${label} failed`, message: errorMessage(err) });
    } finally {
      setBusy(false);
      onDone();
    }
  };
  return (
    <Group gap={4} wrap="nowrap" mt={4}>
      {(e.state === 'failed' || e.state === 'cancelled') && (
        <Button
          size="compact-xs"
          variant="light"
          loading={busy}
          onClick={act('Retry', () => guard.governance.retry({ id: e.id }))}
        >
          Retry
        </Button>
      )}
      {e.action === 'suspend' && e.state === 'succeeded' && (
        <Button
          size="compact-xs"
          variant="light"
          loading={busy}
          onClick={act('Revert', () => guard.governance.revert({ id: e.id }))}
        >
          Revert
        </Button>
      )}
      {e.state === 'queued' && (
        <Button
          size="compact-xs"
          variant="subtle"
          color="gray"
          loading={busy}
          onClick={act('Cancel', () => guard.governance.cancel({ id: e.id }))}
        >
          Cancel
        </Button>
      )}
    </Group>
  );
}

function LogTable({ entries, onChanged }: { entries: GovernanceEntry[]; onChanged(): void }) {
  return (
    <Card p={0}>
      <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" data-testid="governance-log">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Requested</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>User</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th>Result</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{formatDateTime(e.requestedAt)}</Text>
                <Text size="xs" c="dimmed">
                  {e.automatic ? `automatic · ${e.requestedBy}` : e.requestedBy}
                </Text>
              </Table.Td>
              <Table.Td>{ACTION_LABEL[e.action]}</Table.Td>
              <Table.Td>
                <Text size="sm">{e.target.name}</Text>
                <Text size="xs" c="dimmed">
                  {e.target.email ?? e.target.id}
                </Text>
              </Table.Td>
              <Table.Td maw={280}>
                <Text size="sm" lineClamp={2}>
                  {e.reason}
                </Text>
              </Table.Td>
              {/* The result and what can be done about it share one cell, so the row fits at 1024 px. */}
              <Table.Td maw={320} miw={170}>
                <Badge variant="light" color={STATE_COLOR[e.state]} style={{ flexShrink: 0, overflow: 'visible' }}>
                  {humanize(e.state)}
                </Badge>
                {e.note && (
                  <Text size="xs" c="dimmed" mt={2}>
                    {e.note}
                  </Text>
                )}
                {e.providerError && (
                  <Text size="xs" c="red.8" mt={2}>
                    Workplace said: {e.providerError}
                  </Text>
                )}
                <RowActions e={e} onDone={onChanged} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

export function GovernanceScreen() {
  const [filter, setFilter] = useState<Filter>('all');
  const [search, setSearch] = useState('');
  const log = useGuardQuery(() => guard.governance.log({ states: FILTER_STATES[filter], limit: 2000 }), [filter]);
  const pending = useGuardQuery(() => guard.governance.log({ states: ['queued', 'sending'] }), []);
  const { reload } = log;
  const reloadPending = pending.reload;
  useEffect(
    () =>
      onEvent('governance.result', () => {
        reload();
        reloadPending();
      }),
    [reload, reloadPending],
  );
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    if (!log.data || !q) return log.data;
    return log.data.filter((e) =>
      [e.target.name, e.target.email ?? '', e.target.id, e.reason].some((s) => s.toLowerCase().includes(q)),
    );
  }, [log.data, search]);

  async function exportAs(format: 'csv' | 'json') {
    try {
      const f = await guard.governance.export({ format });
      download(f.filename, f.mime, f.content);
    } catch (e) {
      toast({ tone: 'error', title: 'Export failed', message: errorMessage(e) });
    }
  }

  async function sendNow() {
    try {
      const sent = await guard.governance.flush();
      const left = sent.filter((e) => e.state === 'queued').length;
      toast({ tone: left ? 'info' : 'success', title: `${sent.length - left} sent, ${left} still waiting` });
    } catch (e) {
      toast({ tone: 'error', title: 'Could not send', message: errorMessage(e) });
    } finally {
      reload();
      reloadPending();
    }
  }

  const refresh = () => {
    reload();
    reloadPending();
  };
  const waiting = pending.data ?? [];
  return (
    <>
      <PageHeader
        title="Governance"
        description={
          'Actions taken on accounts — suspend, sign out everywhere, notify — with who asked, why, and what ' +
          'Workplace answered.'
        }
      />
      <Stack gap="md">
        {waiting.length > 0 && (
          <Alert
            color="yellow"
            icon={<IconClockPause size={18} />}
            title={`${waiting.length} action(s) waiting to be sent`}
          >
            <Stack gap={6}>
              {waiting.slice(0, 5).map((e) => (
                <Text size="sm" key={e.id}>
                  {ACTION_LABEL[e.action]} {e.target.email ?? e.target.name} — {e.note}
                </Text>
              ))}
              <Group>
                <Button size="xs" leftSection={<IconSend size={14} />} onClick={() => void sendNow()}>
                  Try sending now
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        <Group justify="space-between" wrap="wrap">
          <Group gap="sm">
            <SegmentedControl
              value={filter}
              onChange={(v) => setFilter(v as Filter)}
              data={[
                { value: 'all', label: 'All' },
                { value: 'pending', label: 'Pending' },
                { value: 'problems', label: 'Failed or refused' },
              ]}
            />
            <TextInput
              placeholder="Filter by user or reason"
              aria-label="Filter by user or reason"
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              w={240}
            />
          </Group>
          <Group gap="xs">
            <Button size="xs" variant="default" leftSection={<IconRefresh size={14} />} onClick={refresh}>
              Refresh
            </Button>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconDownload size={14} />}
              onClick={() => void exportAs('csv')}
            >
              Export CSV
            </Button>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconDownload size={14} />}
              onClick={() => void exportAs('json')}
            >
              Export JSON
            </Button>
          </Group>
        </Group>
        {log.error ? (
          <ErrorAlert title="Could not load the governance log" error={log.error} onRetry={reload} />
        ) : !shown ? (
          <LoadingRows rows={4} />
        ) : shown.length === 0 ? (
          <Empty
            icon={<IconGavel size={26} />}
            title={filter === 'all' && !search ? 'No governance actions yet' : 'Nothing matches'}
          >
            {filter === 'all' && !search
              ? 'Suspend, sign out or message a user from an alert, the user page or an activity: every action is ' +
                'logged here with its reason and outcome.'
              : 'Try another filter.'}
          </Empty>
        ) : (
          <LogTable entries={shown} onChanged={refresh} />
        )}
        <GovernanceSettingsCard />
      </Stack>
    </>
  );
}
