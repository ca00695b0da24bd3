// Counts by activity type as labelled horizontal bars.
import { Group, Progress, Stack, Text, UnstyledButton } from '@mantine/core';
import { formatNumber, humanize } from '../format';

export function TypeBreakdown({
  data,
  limit = 8,
  onPick,
}: {
  data: { type: string; count: number }[];
  limit?: number;
  onPick?: (type: string) => void;
}) {
  const sorted = [...data].sort((a, b) => b.count - a.count);
  const shown = sorted.slice(0, limit);
  const rest = sorted.slice(limit).reduce((n, d) => n + d.count, 0);
  const max = Math.max(1, ...shown.map((d) => d.count));
  return (
    <Stack gap="sm">
      {shown.map((d) => (
        <UnstyledButton
          key={d.type}
          onClick={onPick ? () => onPick(d.type) : undefined}
          disabled={!onPick}
          aria-label={`${humanize(d.type)}: ${formatNumber(d.count)}`}
        >
          <Group justify="space-between" mb={4} wrap="nowrap">
            <Text size="sm" truncate>
              {humanize(d.type)}
            </Text>
            <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {formatNumber(d.count)}
            </Text>
          </Group>
          <Progress value={(d.count / max) * 100} size="sm" aria-hidden />
        </UnstyledButton>
      ))}
      {rest > 0 && (
        <Text size="xs" c="dimmed">
          and {formatNumber(rest)} more in {sorted.length - limit} other type{sorted.length - limit === 1 ? '' : 's'}
        </Text>
      )}
    </Stack>
  );
}
