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
  IconBellOff,
  IconClockHour4,
  IconDeviceDesktopAnalytics,
  IconPlugConnectedX,
  IconShieldLock,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ConnectionDetails } from '../components/ConnectionDetails';
import { ConnectButton, DemoButton } from '../components/ConnectActions';
import { DayBarChart } from '../components/DayBarChart';
import { PageHeader } from '../components/PageHeader';
import { QuarantineBanner } from '../components/QuarantineBanner';
import { ErrorAlert, LoadingRows } from '../components/States';
import { SyncProgressPanel } from '../components/SyncProgressPanel';
import { TypeBreakdown } from '../components/TypeBreakdown';
import { useDataVersion } from '../components/useDataVersion';
import { ConnectorStoppedAlert } from '../components/ConnectorStoppedAlert';
import { useGuardQuery } from '../components/useGuardQuery';
import { dayKey, formatNumber } from '../format';
import { guard } from '../guard';
import { recentCountsRequest } from '../requests';
import { useActivityFilter } from '../stores/activity-filter';
import { mayHaveData, useConnector } from '../stores/connector';
import { useNavigation } from '../stores/navigation';

const WINDOW_DAYS = 30;

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
            <List.Item>Now: sync of users and logins, timeline with IP geolocation, per-user summaries.</List.Item>
            <List.Item>Later versions: detection policies and alerts, one-click governance, posture checks.</List.Item>
          </List>
        </Stack>
      </Card>
    </>
  );
}

function StatCard({ label, value, hint, icon }: { label: string; value: ReactNode; hint?: string; icon: ReactNode }) {
  return (
    <Card padding="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
            {label}
          </Text>
          <Text fz={28} fw={650} lh={1.1} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {value}
          </Text>
          {hint && (
            <Text size="xs" c="dimmed">
              {hint}
            </Text>
          )}
        </Stack>
        <ThemeIcon variant="light" size={36} radius="md">
          {icon}
        </ThemeIcon>
      </Group>
    </Card>
  );
}

function Overview() {
  const status = useConnector((s) => s.status)!;
  const go = useNavigation((s) => s.go);
  const setFilter = useActivityFilter((s) => s.set);
  const version = useDataVersion();
  const now = Date.now();
  const since = Date.parse(`${dayKey(now - (WINDOW_DAYS - 1) * 86_400_000)}T00:00:00Z`);
  const byDay = useGuardQuery(() => guard.activities.countsByDay(recentCountsRequest(since)), [version]);
  const byType = useGuardQuery(() => guard.activities.countsByType(recentCountsRequest(since)), [version]);
  const total = byDay.data?.reduce((n, d) => n + d.count, 0);
  const today = byDay.data?.find((d) => d.day === dayKey(now))?.count ?? 0;

  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`The last ${WINDOW_DAYS} days of your organisation’s activity, from the copy on this computer.`}
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
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <StatCard
            label={`Activities, ${WINDOW_DAYS} days`}
            value={byDay.data ? formatNumber(total) : <Skeleton h={30} w={90} />}
            icon={<IconActivity size={20} />}
          />
          <StatCard
            label="Today (UTC)"
            value={byDay.data ? formatNumber(today) : <Skeleton h={30} w={60} />}
            icon={<IconClockHour4 size={20} />}
          />
          <StatCard
            label="Open alerts"
            value="—"
            hint="Detection arrives in a later version"
            icon={<IconBellOff size={20} />}
          />
        </SimpleGrid>
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Card h="100%">
              <Group justify="space-between" mb="md">
                <Title order={2} size="h4">
                  Activity per day
                </Title>
                <Text size="xs" c="dimmed">
                  UTC calendar days
                </Text>
              </Group>
              {byDay.error ? (
                <ErrorAlert title="Could not count activity" error={byDay.error} onRetry={byDay.reload} />
              ) : !byDay.data ? (
                <Skeleton h={180} />
              ) : total === 0 ? (
                <Text c="dimmed" size="sm" py="xl" ta="center">
                  No activity in the last {WINDOW_DAYS} days
                  {status.progress.running ? ' yet — the sync is still running.' : '.'}
                </Text>
              ) : (
                <DayBarChart data={byDay.data} from={dayKey(since)} to={dayKey(now)} />
              )}
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Card h="100%">
              <Group justify="space-between" mb="md">
                <Title order={2} size="h4">
                  Connector
                </Title>
                <Button variant="subtle" size="compact-sm" onClick={() => go('connector')}>
                  Details
                </Button>
              </Group>
              <ConnectionDetails status={status} compact />
            </Card>
          </Grid.Col>
          {status.progress.running && (
            <Grid.Col span={12}>
              <Card>
                <Title order={2} size="h4" mb="md">
                  Sync in progress
                </Title>
                <SyncProgressPanel progress={status.progress} />
              </Card>
            </Grid.Col>
          )}
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Card h="100%">
              <Group justify="space-between" mb="md">
                <Title order={2} size="h4">
                  By type
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
                  No activity yet.
                </Text>
              ) : (
                <TypeBreakdown
                  data={byType.data}
                  onPick={(type) => {
                    setFilter({ type });
                    go('activity');
                  }}
                />
              )}
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Card h="100%">
              <Title order={2} size="h4" mb="md">
                Alerts
              </Title>
              <Stack gap="sm" align="flex-start">
                <Group gap="sm" wrap="nowrap">
                  <ThemeIcon variant="light" color="gray" size={36} radius="xl">
                    <IconDeviceDesktopAnalytics size={20} />
                  </ThemeIcon>
                  <Text size="sm">No alerts yet.</Text>
                </Group>
                <Text size="sm" c="dimmed">
                  Detection policies arrive in a later version. Synced activity is kept, so they can be replayed over it
                  when they do. Until then, review sign-ins and admin actions in the activity timeline.
                </Text>
                <Button variant="light" leftSection={<IconActivity size={16} />} onClick={() => go('activity')}>
                  Open the activity timeline
                </Button>
              </Stack>
            </Card>
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}
