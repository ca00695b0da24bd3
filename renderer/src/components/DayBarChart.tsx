// Activity per day as plain bars (no chart library): one bar per calendar day, gaps filled.
// With `onPick` every bar is a button (click, or Enter on the focused bar) that opens that day.
import { Box, Group, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { dayRange, formatDayKey, formatNumber } from '../format';

export function DayBarChart({
  data,
  from,
  to,
  height = 160,
  onPick,
}: {
  data: { day: string; count: number }[];
  /** First and last calendar day shown (`YYYY-MM-DD`, in whatever zone `data` was counted in). */
  from: string;
  to: string;
  height?: number;
  onPick?: (day: string) => void;
}) {
  const byDay = new Map(data.map((d) => [d.day, d.count]));
  const days = dayRange(from, to).map((day) => ({ day, count: byDay.get(day) ?? 0 }));
  const max = Math.max(1, ...days.map((d) => d.count));
  const labelEvery = Math.max(1, Math.ceil(days.length / 6));
  const bar = (d: { day: string; count: number }) => ({
    flex: 1,
    minWidth: 2,
    height: d.count === 0 ? 1 : `${Math.max(2, (d.count / max) * 100)}%`,
    background: d.count === 0 ? 'var(--mantine-color-default-border)' : 'var(--mantine-primary-color-filled)',
    borderRadius: '3px 3px 0 0',
    opacity: d.count === 0 ? 0.6 : 0.9,
  });
  return (
    <Stack gap={6}>
      <Group gap={0} align="stretch" wrap="nowrap">
        <Stack justify="space-between" h={height} pr={8} style={{ flex: '0 0 auto' }}>
          <Text size="xs" c="dimmed" ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatNumber(max)}
          </Text>
          <Text size="xs" c="dimmed" ta="right">
            0
          </Text>
        </Stack>
        <Box
          role={onPick ? 'group' : 'img'}
          aria-label={
            `Activity per day from ${formatDayKey(from)} to ${formatDayKey(to)}, ` +
            `at most ${formatNumber(max)} a day`
          }
          h={height}
          style={{
            flex: 1,
            display: 'flex',
            alignItems: 'flex-end',
            gap: 3,
            borderBottom: '1px solid var(--mantine-color-default-border)',
            borderLeft: '1px solid var(--mantine-color-default-border)',
            paddingLeft: 4,
          }}
        >
          {days.map((d) => {
            const label = `${formatDayKey(d.day)}: ${formatNumber(d.count)} activities`;
            return (
              <Tooltip key={d.day} label={onPick ? `${label} — open in the timeline` : label}>
                {onPick ? (
                  // The whole column is the target (an empty day is a 1 px bar, too thin to hit).
                  <UnstyledButton
                    aria-label={label}
                    data-day={d.day}
                    onClick={() => onPick(d.day)}
                    style={{ flex: 1, minWidth: 2, height: '100%', display: 'flex', alignItems: 'flex-end' }}
                  >
                    <Box style={{ ...bar(d), width: '100%' }} />
                  </UnstyledButton>
                ) : (
                  <Box style={bar(d)} />
                )}
              </Tooltip>
            );
          })}
        </Box>
      </Group>
      <Group gap={0} wrap="nowrap" pl={40} aria-hidden>
        {days.map((d, i) => (
          <Text
            key={d.day}
            size="xs"
            c="dimmed"
            style={{ flex: 1, minWidth: 0, whiteSpace: 'nowrap', overflow: 'visible' }}
          >
            {i % labelEvery === 0 ? formatDayKey(d.day) : ''}
          </Text>
        ))}
      </Group>
    </Stack>
  );
}
