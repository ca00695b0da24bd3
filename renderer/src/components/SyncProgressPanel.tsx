// Live sync progress from 'sync.progress': phase, counts, rate and ETA.
import { Badge, Group, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import type { SyncProgress } from '../../../preload/contract';
import { formatDuration, formatNumber, formatRate, formatRelative } from '../format';
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
      {progress.running && <Progress value={100} striped animated size="sm" aria-label="Sync in progress" />}
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
