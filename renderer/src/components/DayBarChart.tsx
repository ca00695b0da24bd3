// Activity per day as plain bars (no chart library): one bar per calendar day, gaps filled.
// With `onPick` every bar is a button (click, or Enter on the focused bar) that opens that day.
// Each bar says its day and count in a native tooltip (title) and to a screen reader (its name):
// a Mantine Tooltip per bar put 90 floating-UI components into every render of the chart.
import { Group, Stack, Text } from '@mantine/core';
import { memo, useMemo } from 'react';
import { dayRange, formatDayKey, formatNumber } from '../format';
import classes from './DayBarChart.module.css';

type Day = { day: string; count: number };

function barStyle(d: Day, max: number) {
  return { height: d.count === 0 ? 1 : `${Math.max(2, (d.count / max) * 100)}%` };
}

/** Memoised: a screen re-rendering around it (a page of rows arriving) does not redraw the bars. */
export const DayBarChart = memo(function DayBarChart({
  data,
  from,
  to,
  height = 160,
  onPick,
}: {
  data: Day[];
  /** First and last calendar day shown (`YYYY-MM-DD`, in whatever zone `data` was counted in). */
  from: string;
  to: string;
  height?: number;
  onPick?: (day: string) => void;
}) {
  const days = useMemo(() => {
    const byDay = new Map(data.map((d) => [d.day, d.count]));
    return dayRange(from, to).map((day) => ({ day, count: byDay.get(day) ?? 0 }));
  }, [data, from, to]);
  const max = Math.max(1, ...days.map((d) => d.count));
  const labelEvery = Math.max(1, Math.ceil(days.length / 6));
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
        <div
          className={classes.plot}
          role={onPick ? 'group' : 'img'}
          aria-label={
            `Activity per day from ${formatDayKey(from)} to ${formatDayKey(to)}, ` +
            `at most ${formatNumber(max)} a day`
          }
          style={{ height }}
        >
          {days.map((d) => {
            const label = `${formatDayKey(d.day)}: ${formatNumber(d.count)} activities`;
            const bar = (
              <div
                key={d.day}
                className={classes.bar}
                data-empty={d.count === 0 || undefined}
                style={barStyle(d, max)}
                title={onPick ? undefined : label}
              />
            );
            if (!onPick) return bar;
            return (
              <button
                key={d.day}
                type="button"
                className={classes.column}
                aria-label={label}
                title={`${label} — open in the timeline`}
                data-day={d.day}
                onClick={() => onPick(d.day)}
              >
                {bar}
              </button>
            );
          })}
        </div>
      </Group>
      <div className={classes.labels} aria-hidden>
        {days.map((d, i) => (
          <span key={d.day} className={classes.label}>
            {i % labelEvery === 0 ? formatDayKey(d.day) : ''}
          </span>
        ))}
      </div>
    </Stack>
  );
});
