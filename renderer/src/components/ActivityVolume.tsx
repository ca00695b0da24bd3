// How many activities match the current filter, and when: the live match count and a volume
// histogram per day (UTC days, as the store counts them). A bar opens that day in the timeline.
import { Card, Group, Loader, Stack, Text } from '@mantine/core';
import { memo, useMemo } from 'react';
import type { ActivityFilter } from '../../../preload/contract';
import { dayKey, formatNumber } from '../format';
import { guard } from '../guard';
import { activityCountKey } from './activity-filter-prefetch';
import { DayBarChart } from './DayBarChart';
import { takeEarly } from './opening-page';
import { useGuardQuery } from './useGuardQuery';

/** Days a histogram shows at most (the newest ones). */
const MAX_DAYS = 90;

/** Memoised: it re-renders when the applied filter, the data version or its count change, not with the screen. */
export const ActivityVolume = memo(function ActivityVolume({
  filter,
  version,
  onPickDay,
}: {
  filter: ActivityFilter | null;
  version: number;
  onPickDay(day: string): void;
}) {
  const key = JSON.stringify(filter);
  const counts = useGuardQuery(
    // A click's filter was asked for as the click changed it (activity-filter-prefetch).
    () =>
      filter
        ? takeEarly(activityCountKey(filter), () => guard.activities.countsByDay({ filter }))
        : Promise.resolve([]),
    [key, version],
  );
  const days = useMemo(() => [...(counts.data ?? [])].sort((a, b) => (a.day < b.day ? -1 : 1)), [counts.data]);
  const total = days.reduce((n, d) => n + d.count, 0);
  const to = dayKey(filter?.until !== undefined ? Math.min(filter.until, Date.now()) : Date.now());
  const earliest = dayKey(Date.parse(`${to}T00:00:00Z`) - (MAX_DAYS - 1) * 86_400_000);
  const firstData = days.length ? days[0].day : to;
  const start = filter?.since !== undefined ? dayKey(filter.since) : firstData;
  const from = start > earliest ? (start < to ? start : to) : earliest;
  return (
    <Card padding="sm" data-testid="activity-volume">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs">
          <Group gap={6} align="baseline" data-testid="activity-match-count">
            <Text
              size="lg"
              fw={700}
              data-testid="match-count"
              data-count={counts.data && !counts.loading ? total : undefined}
              // The free text the count is for: a bench or test can tell whose count is on screen.
              data-text={filter?.text ?? ''}
              aria-live="polite"
            >
              {counts.error ? '—' : counts.data ? formatNumber(total) : '…'}
            </Text>
            <Text size="sm" c="dimmed">
              {total === 1 ? 'activity matches' : 'activities match'}
            </Text>
            {counts.loading && <Loader size="xs" aria-label="Counting" />}
          </Group>
          {counts.error && (
            <Text size="xs" c="red">
              Could not count: {counts.error.message}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {start < earliest
              ? `Per day (UTC), the last ${MAX_DAYS} days`
              : 'Per day (UTC) — click a bar to open that day'}
          </Text>
        </Group>
        {total > 0 && <DayBarChart data={days} from={from} to={to} height={56} onPick={onPickDay} />}
      </Stack>
    </Card>
  );
});
