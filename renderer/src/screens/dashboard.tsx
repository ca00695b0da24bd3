// The security overview: open alerts and who to look at first, where people sign in from, what
// happened day by day in the admin's own time zone, and whether the data behind it is healthy.
import {
  Alert,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  List,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import {
  IconActivity,
  IconBell,
  IconDatabase,
  IconPlugConnectedX,
  IconShieldCheck,
  IconShieldLock,
} from '@tabler/icons-react';
import { useState } from 'react';
import { ConnectionDetails } from '../components/ConnectionDetails';
import { ConnectButton, DemoButton } from '../components/ConnectActions';
import { ConnectorStoppedAlert } from '../components/ConnectorStoppedAlert';
import { DashboardAlerts } from '../components/DashboardAlerts';
import { DashboardIntel } from '../components/DashboardIntel';
import { DashboardSignInMap } from '../components/DashboardSignInMap';
import { DashboardStat } from '../components/DashboardStat';
import { DashboardTopUsers } from '../components/DashboardTopUsers';
import { DayBarChart } from '../components/DayBarChart';
import { dashboardWindow, dayAsFilterRange, WINDOW_DAYS } from '../components/dashboard-window';
import { PageHeader } from '../components/PageHeader';
import { QuarantineBanner } from '../components/QuarantineBanner';
import { ErrorAlert, LoadingRows } from '../components/States';
import { SyncProgressPanel } from '../components/SyncProgressPanel';
import { TypeBreakdown } from '../components/TypeBreakdown';
import { UserDrawer } from '../components/UserDrawer';
import { useDataVersion } from '../components/useDataVersion';
import { useGuardQuery } from '../components/useGuardQuery';
import { useNow } from '../components/useNow';
import { formatNumber } from '../format';
import { guard } from '../guard';
import { recentCountsRequest } from '../requests';
import {
  activityFilterFrom,
  showActivityOf,
  useActivityFilter,
  type ActivityFilterPatch,
} from '../stores/activity-filter';
import { mayHaveData, useConnector } from '../stores/connector';
import { useNavigation } from '../stores/navigation';
import { useOpenAlerts } from '../stores/open-alerts';

export function DashboardScreen() {
  const status = useConnector((s) => s.status);
  const loadError = useConnector((s) => s.loadError);
  const refresh = useConnector((s) => s.refresh);
  if (!status) {
    return (
      <>
        <PageHeader title="Dashboard" />
        {loadError ? (
          <ErrorAlert title="Could not read the connector status" error={loadError} onRetry={() => void refresh()} />
        ) : (
          <LoadingRows rows={4} height={80} />
        )}
      </>
    );
  }
  if (!mayHaveData(status)) return <FirstRun />;
  return <Overview />;
}

function FirstRun() {
  return (
    <>
      <PageHeader title="Dashboard" />
      <QuarantineBanner mb="lg" />
      <Card p={40}>
        <Stack gap="lg" maw={760}>
          <ThemeIcon size={56} radius="md" variant="light">
            <IconShieldLock size={32} />
          </ThemeIcon>
          <Title order={2} size="h1" style={{ letterSpacing: '-0.02em' }}>
            Know who signs in to your Workplace, and from where.
          </Title>
          <Text size="lg" c="dimmed">
            Workplace Guard copies your organisation’s users and security activity to this computer, keeps it current,
            and lets you review it even offline. Start with the demo community, or connect your own organisation.
          </Text>
          <Group gap="sm">
            <DemoButton size="md" />
            <ConnectButton size="md" />
          </Group>
          <List size="sm" spacing={6} c="dimmed" mt="sm">
            <List.Item>Users and their sign-ins, synced to this computer and reviewable offline.</List.Item>
            <List.Item>Alerts from detection policies, with the evidence that made them fire.</List.Item>
            <List.Item>One-click response: suspend, sign out everywhere, or message a user.</List.Item>
          </List>
        </Stack>
      </Card>
    </>
  );
}

function Overview() {
  const status = useConnector((s) => s.status)!;
  const go = useNavigation((s) => s.go);
  const version = useDataVersion();
  const alertsVersion = useOpenAlerts((s) => s.version);
  const counts = useOpenAlerts((s) => s.counts);
  const [openUser, setOpenUser] = useState<string | null>(null);
  // The window moves only when a local midnight passes (since is that midnight), not on every tick.
  const win = dashboardWindow(useNow(60_000));
  const byDay = useGuardQuery(
    () => guard.dashboard.activityByDay({ since: win.since, timeZone: win.timeZone }),
    [win.since, win.timeZone, version],
  );
  const byType = useGuardQuery(
    () => guard.activities.countsByType(recentCountsRequest(win.since)),
    [win.since, version],
  );
  const totals = useGuardQuery(() => guard.dashboard.totals(), [version]);
  const posture = useGuardQuery(() => guard.posture.report(), [version, alertsVersion]);
  const today = byDay.data?.days.find((d) => d.day === win.to)?.count ?? 0;

  const openTimeline = (patch: ActivityFilterPatch) => {
    useActivityFilter.setState({ form: activityFilterFrom(patch) });
    go('activity');
  };
  const windowRange = { since: `${win.from}T00:00` };

  return (
    <>
      <PageHeader
        title="Dashboard"
        description={
          `Security first: what needs a decision, who to look at, and where people sign in from. ` +
          `Days are cut in your time zone (${win.timeZone}).`
        }
      />
      <Stack gap="lg">
        <QuarantineBanner />
        {status.state === 'disconnected' && (
          <Alert
            color="gray"
            variant="light"
            icon={<IconPlugConnectedX size={18} />}
            title="Disconnected — showing the data kept on this computer"
          >
            Nothing new arrives until you connect again from the Connector screen.
          </Alert>
        )}
        {status.state === 'error' && status.error && (
          <ConnectorStoppedAlert>
            {status.error.message}{' '}
            <Button variant="subtle" size="compact-sm" color="red" onClick={() => go('connector')}>
              Fix it on the Connector screen
            </Button>
          </ConnectorStoppedAlert>
        )}
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <DashboardStat
            label="Open alerts"
            testId="stat-open-alerts"
            value={counts ? formatNumber(counts.openTotal) : <Skeleton h={30} w={60} />}
            hint={counts ? `${formatNumber(counts.open.High)} High · all time, not only 30 days` : undefined}
            icon={<IconBell size={20} />}
            color={counts && counts.open.High > 0 ? 'red' : undefined}
            onClick={() => go('alerts', { status: 'open' })}
          />
          <DashboardStat
            label="Posture score"
            testId="stat-posture"
            value={
              posture.data ? (
                `${Math.round(posture.data.score)} / 100`
              ) : posture.error ? (
                '—'
              ) : (
                <Skeleton h={30} w={80} />
              )
            }
            hint={
              posture.data
                ? `${posture.data.recommendations.filter((r) => !r.passed).length} recommendations open`
                : posture.error
                  ? 'Could not evaluate'
                  : undefined
            }
            icon={<IconShieldCheck size={20} />}
            onClick={() => go('posture')}
          />
          <DashboardStat
            label={`Activities, last ${WINDOW_DAYS} days`}
            testId="stat-activities-window"
            value={byDay.data ? formatNumber(byDay.data.total) : <Skeleton h={30} w={90} />}
            hint={byDay.data ? `${formatNumber(today)} today (${win.timeZone})` : undefined}
            icon={<IconActivity size={20} />}
          />
          <DashboardStat
            label="Stored on this computer"
            testId="stat-stored"
            value={totals.data ? formatNumber(totals.data.activities) : <Skeleton h={30} w={90} />}
            hint={totals.data ? `all activities ever synced · ${formatNumber(totals.data.users)} users` : undefined}
            icon={<IconDatabase size={20} />}
          />
        </SimpleGrid>
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <DashboardAlerts />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <DashboardTopUsers onOpen={setOpenUser} />
          </Grid.Col>
          <Grid.Col span={12}>
            <DashboardSignInMap
              since={win.since}
              version={version}
              onPick={(country) => openTimeline({ ...windowRange, country, type: 'login.success' })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Card h="100%" data-testid="dashboard-days">
              <Group justify="space-between" mb="md">
                <Title order={2} size="h4">
                  Activity per day
                </Title>
                <Text size="xs" c="dimmed">
                  Last {WINDOW_DAYS} days · your time zone · click a day to open it
                </Text>
              </Group>
              {byDay.error ? (
                <ErrorAlert title="Could not count activity" error={byDay.error} onRetry={byDay.reload} />
              ) : !byDay.data ? (
                <Skeleton h={180} />
              ) : byDay.data.total === 0 ? (
                <Text c="dimmed" size="sm" py="xl" ta="center">
                  No activity in the last {WINDOW_DAYS} days
                  {status.progress.running ? ' yet — the sync is still running.' : '.'}
                </Text>
              ) : (
                <DayBarChart
                  data={byDay.data.days}
                  from={win.from}
                  to={win.to}
                  onPick={(day) => openTimeline(dayAsFilterRange(day))}
                />
              )}
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Card h="100%" data-testid="dashboard-types">
              <Group justify="space-between" mb="md">
                <Title order={2} size="h4">
                  By type, last {WINDOW_DAYS} days
                </Title>
                <Badge variant="light" color="gray">
                  {byType.data ? `${byType.data.length} types` : '…'}
                </Badge>
              </Group>
              {byType.error ? (
                <ErrorAlert title="Could not count activity types" error={byType.error} onRetry={byType.reload} />
              ) : !byType.data ? (
                <LoadingRows rows={5} height={28} />
              ) : byType.data.length === 0 ? (
                <Text c="dimmed" size="sm">
                  No activity in the last {WINDOW_DAYS} days.
                </Text>
              ) : (
                <TypeBreakdown data={byType.data} onPick={(type) => openTimeline({ ...windowRange, type })} />
              )}
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Card h="100%" data-testid="dashboard-sync">
              <Group justify="space-between" mb="md">
                <Title order={2} size="h4">
                  Sync health
                </Title>
                <Button variant="subtle" size="compact-sm" onClick={() => go('connector')}>
                  Connector
                </Button>
              </Group>
              {status.progress.running && <SyncProgressPanel progress={status.progress} />}
              <ConnectionDetails status={status} compact />
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <DashboardIntel version={version} />
          </Grid.Col>
        </Grid>
      </Stack>
      <UserDrawer
        id={openUser}
        onClose={() => setOpenUser(null)}
        onShowActivity={(user) => {
          setOpenUser(null);
          showActivityOf(user, go);
        }}
      />
    </>
  );
}
