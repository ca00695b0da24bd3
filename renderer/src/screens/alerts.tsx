// Alerts: the queue (counts of open alerts by severity on top; filter and sort by severity,
// status, policy, user and time; bulk status change) and, on click, the alert's own page.
import { Anchor, Badge, Button, Card, Checkbox, Group, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { TextInput } from '@mantine/core';
import { IconBellOff } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { Alert, AlertClassification, AlertStatus } from '../../../preload/contract';
import { AlertPage } from '../components/AlertPage';
import { linkedAlertId, withoutAlertLink } from '../components/AlertLink';
import { PageHeader } from '../components/PageHeader';
import { SeverityBadge } from '../components/SeverityBadge';
import { Empty, ErrorAlert, LoadingRows } from '../components/States';
import { useGuardQuery } from '../components/useGuardQuery';
import { usePagedQuery } from '../components/usePagedQuery';
import { formatDateTime, formatRelative } from '../format';
import { alertPageRequest, type AlertFilters } from '../requests';
import { errorMessage, guard } from '../guard';
import { refreshOpenAlerts, useOpenAlerts } from '../stores/open-alerts';
import { toast } from '../stores/toasts';
import { useNavigation } from '../stores/navigation';
import { severityColor } from '../theme';

const SEVERITIES = ['High', 'Medium', 'Low', 'Informational'] as const;
const STATUS_OPTIONS = [
  { value: 'open', label: 'Open' },
  { value: 'New', label: 'New' },
  { value: 'In progress', label: 'In progress' },
  { value: 'Resolved', label: 'Resolved' },
  { value: 'all', label: 'Any status' },
];
const TIME_OPTIONS = [
  { value: 'any', label: 'Any time' },
  { value: '1', label: 'Last 24 hours' },
  { value: '7', label: 'Last 7 days' },
  { value: '30', label: 'Last 30 days' },
];
const SORT_OPTIONS = [
  { value: 'newest', label: 'Newest first' },
  { value: 'severity', label: 'Most severe first' },
  { value: 'oldest', label: 'Oldest first' },
];
export const STATUS_COLOR: Record<AlertStatus, string> = { New: 'indigo', 'In progress': 'yellow', Resolved: 'gray' };

function SeverityCounts({ onPick }: { onPick(s: (typeof SEVERITIES)[number]): void }) {
  const counts = useOpenAlerts((s) => s.counts);
  return (
    <SimpleGrid cols={4} mb="md" data-testid="alert-counts">
      {SEVERITIES.map((s) => (
        <Card key={s} p="sm" withBorder style={{ cursor: 'pointer' }} onClick={() => onPick(s)}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Open · {s}
          </Text>
          <Text size="xl" fw={700} c={counts?.open[s] ? severityColor[s] : 'dimmed'} data-testid={`open-${s}`}>
            {counts ? counts.open[s] : '…'}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}

function BulkBar({ ids, onDone }: { ids: string[]; onDone(): void }) {
  const [classification, setClassification] = useState<AlertClassification | null>(null);
  const [busy, setBusy] = useState(false);
  const set = async (status: AlertStatus) => {
    setBusy(true);
    try {
      const r = await guard.alerts.setStatus({
        ids,
        status,
        ...(status === 'Resolved' && classification ? { classification } : {}),
      });
      toast({ tone: 'success', title: `${r.updated.length} alert${r.updated.length === 1 ? '' : 's'}: ${status}` });
      refreshOpenAlerts();
      onDone();
    } catch (e) {
      toast({ tone: 'error', title: 'Status not changed', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card p="xs" mb="sm" withBorder data-testid="bulk-bar">
      <Group gap="sm">
        <Text size="sm" fw={600}>
          {ids.length} selected
        </Text>
        <Button size="xs" variant="light" loading={busy} onClick={() => void set('In progress')}>
          Mark In progress
        </Button>
        <Select
          size="xs"
          placeholder="Classification (optional)"
          aria-label="Classification"
          data={['True positive', 'Informational / expected activity', 'False positive']}
          value={classification}
          onChange={(v) => setClassification(v as AlertClassification | null)}
          clearable
          w={260}
        />
        <Button size="xs" loading={busy} onClick={() => void set('Resolved')}>
          Resolve
        </Button>
        <Button size="xs" variant="subtle" color="gray" loading={busy} onClick={() => void set('New')}>
          Reopen
        </Button>
      </Group>
    </Card>
  );
}

export function AlertsScreen() {
  // A link that opened this screen (a Dashboard count, a user's page) names its filter; unknown values are ignored.
  const [linked] = useState(() => useNavigation.getState().params);
  const [status, setStatus] = useState(() =>
    STATUS_OPTIONS.some((o) => o.value === linked.status) ? linked.status! : 'open',
  );
  const [severity, setSeverity] = useState<string | null>(() =>
    SEVERITIES.some((s) => s === linked.severity) ? linked.severity! : null,
  );
  const [policy, setPolicy] = useState<string | null>(null);
  const [user, setUser] = useState(() => (linked.user ?? '').slice(0, 320));
  const [time, setTime] = useState('any');
  const [sort, setSort] = useState<'newest' | 'severity' | 'oldest'>('newest');
  const [openId, setOpenId] = useState<string | null>(() => linkedAlertId(linked));
  // A notification clicked while this screen already shows names a new alert in the params: open it.
  const paramAlert = useNavigation((s) => linkedAlertId(s.params));
  useEffect(() => {
    if (paramAlert) setOpenId(paramAlert);
  }, [paramAlert]);
  const [selected, setSelected] = useState<string[]>([]);
  const version = useOpenAlerts((s) => s.version);
  const policies = useGuardQuery(() => guard.policies.list(), []);

  const filters = (): AlertFilters => ({
    ...(status === 'open' ? { open: true } : status !== 'all' ? { status: status as AlertStatus } : {}),
    ...(severity ? { severity: severity as Alert['severity'] } : {}),
    ...(policy ? { policy } : {}),
    ...(user.trim() ? { user: user.trim() } : {}),
    ...(time !== 'any' ? { since: Date.now() - Number(time) * 86_400_000 } : {}),
    sort,
  });
  const q = usePagedQuery<Alert>(
    (cursor) => guard.alerts.list(alertPageRequest(filters(), cursor)),
    [status, severity, policy, user, time, sort, version],
  );
  const rows = q.items;

  if (openId) {
    return (
      <AlertPage
        id={openId}
        onBack={() => {
          setOpenId(null);
          // Back to the queue: the link is spent, so a reload (or the same notification again) is not stuck on it.
          const nav = useNavigation.getState();
          nav.setParams(withoutAlertLink(nav.params));
          q.reload();
        }}
      />
    );
  }

  const policyOptions = [
    ...(policies.data?.anomaly.map((p) => ({ value: p.id, label: p.name })) ?? []),
    ...(policies.data?.activity.map((p) => ({ value: p.policy, label: p.name })) ?? []),
    { value: 'system:connector', label: 'Connector health' },
  ];
  const allChecked = rows.length > 0 && rows.every((a) => selected.includes(a.id));

  return (
    <>
      <PageHeader
        title="Alerts"
        description={
          'What detection found in the synced activity. Open one to see why it fired, ' +
          'then respond, tune or resolve it.'
        }
      />
      <SeverityCounts
        onPick={(s) => {
          setSeverity(s);
          setStatus('open');
        }}
      />
      <Group mb="sm" gap="sm" align="flex-end">
        <Select label="Status" data={STATUS_OPTIONS} value={status} onChange={(v) => setStatus(v ?? 'open')} w={150} />
        <Select
          label="Severity"
          placeholder="Any severity"
          data={[...SEVERITIES]}
          value={severity}
          onChange={setSeverity}
          clearable
          w={150}
        />
        <Select
          label="Policy"
          placeholder="Any policy"
          data={policyOptions}
          value={policy}
          onChange={setPolicy}
          clearable
          searchable
          w={230}
        />
        <TextInput
          label="User"
          placeholder="Email or name"
          value={user}
          onChange={(e) => setUser(e.currentTarget.value)}
        />
        <Select label="Raised" data={TIME_OPTIONS} value={time} onChange={(v) => setTime(v ?? 'any')} w={150} />
        <Select
          label="Sort"
          data={SORT_OPTIONS}
          value={sort}
          onChange={(v) => setSort((v as typeof sort) ?? 'newest')}
          w={170}
        />
      </Group>
      {selected.length > 0 && (
        <BulkBar
          ids={selected}
          onDone={() => {
            setSelected([]);
            q.reload();
          }}
        />
      )}
      {q.error && rows.length === 0 ? (
        <ErrorAlert title="Alerts could not be loaded" error={q.error} onRetry={q.reload} />
      ) : q.loading && rows.length === 0 ? (
        <LoadingRows />
      ) : rows.length === 0 ? (
        <Empty icon={<IconBellOff size={26} />} title="No alerts yet">
          {status === 'open' && !severity && !policy && !user
            ? 'Nothing open. Detection evaluates every sync; new alerts appear here at once.'
            : 'No alert matches these filters.'}
        </Empty>
      ) : (
        <Card p={0}>
          <Table highlightOnHover verticalSpacing="sm" data-testid="alerts-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36}>
                  <Checkbox
                    aria-label="Select all"
                    checked={allChecked}
                    onChange={() => setSelected(allChecked ? [] : rows.map((a) => a.id))}
                  />
                </Table.Th>
                <Table.Th>Severity</Table.Th>
                <Table.Th>Alert</Table.Th>
                <Table.Th>User</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Activity</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((a) => (
                <Table.Tr key={a.id} data-testid={`alert-row-${a.policy}`}>
                  <Table.Td>
                    <Checkbox
                      aria-label={`Select ${a.id}`}
                      checked={selected.includes(a.id)}
                      onChange={() =>
                        setSelected((s) => (s.includes(a.id) ? s.filter((x) => x !== a.id) : [...s, a.id]))
                      }
                    />
                  </Table.Td>
                  <Table.Td w={120}>
                    <SeverityBadge severity={a.severity} />
                  </Table.Td>
                  <Table.Td>
                    <Anchor component="button" size="sm" fw={600} onClick={() => setOpenId(a.id)} ta="left">
                      {a.title}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {a.policyName} · {a.id}
                      {a.count > 1 ? ` · fired ${a.count} times` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={220}>
                    <Text size="sm" truncate title={a.users.join(', ')}>
                      {a.users.join(', ') || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td w={120}>
                    <Badge variant="light" color={STATUS_COLOR[a.status]}>
                      {a.status}
                    </Badge>
                    {a.classification && (
                      <Text size="xs" c="dimmed">
                        {a.classification}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }} title={formatDateTime(a.createdAt)}>
                    <Text size="sm">{formatRelative(a.lastSeen)}</Text>
                    <Text size="xs" c="dimmed">
                      raised {formatRelative(a.createdAt)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      {q.error && rows.length > 0 && (
        <ErrorAlert title="More alerts could not be loaded" error={q.error} onRetry={q.loadMore} />
      )}
      {q.hasMore && (
        <Stack align="center" mt="md">
          <Button variant="default" loading={q.loadingMore} onClick={q.loadMore}>
            Load more
          </Button>
        </Stack>
      )}
    </>
  );
}
