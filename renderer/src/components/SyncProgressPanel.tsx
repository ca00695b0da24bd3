// Live sync progress from 'sync.progress': phase, counts, rate and ETA. The bar is determinate:
// step 1 (users) fills its share when the users are read, step 2 (activity) fills with the share
// of the back-fill window covered, so the bar and "time left" never disagree. The sync reads the
// activity alongside the users, so step 2 may already be moving while step 1 is still running.
import { Badge, Group, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import type { SyncProgress } from '../../../preload/contract';
import { formatDuration, formatNumber, formatRate, formatRelative } from '../format';
import { stepShares, USERS_SHARE } from './sync-steps';
import { useNow } from './useNow';

const phaseLabel: Record<SyncProgress['phase'], string> = {
  idle: 'Idle',
  users: 'Syncing users',
  activities: 'Syncing activity',
  done: 'Finished',
  cancelled: 'Cancelled',
  failed: 'Failed',
};
const phaseColor: Record<SyncProgress['phase'], string> = {
  idle: 'gray',
  users: 'blue',
  activities: 'blue',
  done: 'teal',
  cancelled: 'yellow',
  failed: 'red',
};

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Text size="lg" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </Stack>
  );
}

function StepsBar({ progress }: { progress: SyncProgress }) {
  const shares = stepShares(progress);
  const covered = progress.windowFraction;
  const step =
    progress.phase === 'users'
      ? `Step 1 of 2: reading users — ${formatNumber(progress.users)} so far`
      : `Step 2 of 2: reading activity — ${
          covered === null || covered === undefined
            ? 'measuring the window'
            : `${Math.floor(covered * 100)} % of the window`
        }, ${formatNumber(progress.activities)} stored`;
  const left = progress.etaSec === null ? 'estimating the time left' : `about ${formatDuration(progress.etaSec)} left`;
  return (
    <Stack gap={6}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm" fw={600} data-testid="sync-step">
          {step}
        </Text>
        <Text size="sm" c="dimmed">
          {progress.phase !== 'users'
            ? left
            : progress.activities > 0
              ? `activity alongside: ${formatNumber(progress.activities)} stored`
              : 'activity starting alongside'}
        </Text>
      </Group>
      <Progress.Root
        size="lg"
        aria-label={`Sync ${shares.total} % done`}
        data-testid="sync-bar"
        data-value={shares.total}
      >
        {progress.phase === 'users' ? (
          // The users step has no known total: its share pulses until the users are read.
          <Progress.Section value={USERS_SHARE} striped animated aria-label="Reading users" />
        ) : (
          <Progress.Section value={shares.users} color="teal" aria-label="Users read" />
        )}
        <Progress.Section value={shares.activities} aria-label={`Activity ${shares.total} % done`} />
      </Progress.Root>
    </Stack>
  );
}

export function SyncProgressPanel({ progress }: { progress: SyncProgress }) {
  const now = useNow(1000);
  const elapsed = progress.startedAt ? Math.max(0, (now - progress.startedAt) / 1000) : null;
  return (
    <Stack gap="md" data-testid="sync-progress" aria-live="polite">
      <Group justify="space-between">
        <Badge variant="light" color={phaseColor[progress.phase]} size="lg">
          {phaseLabel[progress.phase]}
        </Badge>
        {progress.startedAt && (
          <Text size="sm" c="dimmed">
            {progress.running ? `Started ${formatRelative(progress.startedAt, now)}` : 'Last run'}
          </Text>
        )}
      </Group>
      {progress.running && <StepsBar progress={progress} />}
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="lg">
        <Stat label="Users" value={formatNumber(progress.users)} />
        <Stat label="Activities" value={formatNumber(progress.activities)} />
        {progress.running ? (
          <>
            <Stat label="Rate" value={formatRate(progress.ratePerSec)} />
            <Stat
              label="Time left"
              value={progress.etaSec === null ? 'Estimating…' : formatDuration(progress.etaSec)}
            />
          </>
        ) : (
          <>
            <Stat label="Set aside" value={formatNumber(progress.quarantined)} />
            <Stat label="Started" value={progress.startedAt ? formatRelative(progress.startedAt, now) : 'Never'} />
          </>
        )}
      </SimpleGrid>
      {progress.running && elapsed !== null && (
        <Text size="xs" c="dimmed">
          Running for {formatDuration(elapsed)}.
        </Text>
      )}
      {progress.quarantined > 0 && (
        <Text size="sm" c="orange">
          {formatNumber(progress.quarantined)} malformed record{progress.quarantined === 1 ? '' : 's'} set aside (kept,
          not lost) so the rest of the page could be stored.
        </Text>
      )}
    </Stack>
  );
}
