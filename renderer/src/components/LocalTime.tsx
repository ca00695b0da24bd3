// A time as the admin reads it: in the local zone on screen, the same instant in UTC on hover
// (and in the element's datetime, for tools). Data is epoch ms UTC (DESIGN.md, Time).
import { Text, Tooltip, type TextProps } from '@mantine/core';
import { formatDateTime, formatRelative, formatShortDateTime, formatUtc } from '../format';

export function LocalTime({
  ms,
  format = 'full',
  now,
  ...text
}: {
  ms: number | null;
  /** full: "12 Jun 2026, 14:03:22"; short: "Jun 12, 14:03"; relative: "5 min ago" (needs `now`). */
  format?: 'full' | 'short' | 'relative';
  now?: number;
} & TextProps) {
  if (ms === null || !Number.isFinite(ms)) return <Text {...text}>—</Text>;
  const shown =
    format === 'relative' ? formatRelative(ms, now) : format === 'short' ? formatShortDateTime(ms) : formatDateTime(ms);
  const utc = formatUtc(ms);
  return (
    <Tooltip label={format === 'relative' ? `${formatDateTime(ms)} · ${utc}` : utc}>
      <Text component="time" dateTime={new Date(ms).toISOString()} {...text}>
        {shown}
      </Text>
    </Tooltip>
  );
}
