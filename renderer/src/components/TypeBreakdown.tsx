// Counts by activity type as labelled horizontal bars, security types ranked before file traffic
// (DashboardTypeRank.ts): a few password resets must not sink below thousands of downloads.
import { Group, Progress, Stack, Text, UnstyledButton } from '@mantine/core';
import { formatNumber, humanize } from '../format';
import { rankTypes, TYPE_GROUP_TITLES } from './DashboardTypeRank';

function TypeBar({
  d,
  max,
  color,
  onPick,
}: {
  d: { type: string; count: number };
  max: number;
  color: string;
  onPick?: (type: string) => void;
}) {
  return (
    <UnstyledButton onClick={onPick ? () => onPick(d.type) : undefined} disabled={!onPick} data-type={d.type}>
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Text size="sm" truncate>
          {humanize(d.type)}
        </Text>
        <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatNumber(d.count)}
        </Text>
      </Group>
      <Progress value={(d.count / max) * 100} size="sm" color={color} aria-hidden />
    </UnstyledButton>
  );
}

export function TypeBreakdown({
  data,
  limit = 6,
  onPick,
}: {
  data: { type: string; count: number }[];
  /** Most types shown per group; the rest are summed in one line. */
  limit?: number;
  onPick?: (type: string) => void;
}) {
  const groups = rankTypes(data);
  return (
    <Stack gap="md">
      {groups.map(({ group, items }) => {
        const shown = items.slice(0, limit);
        const rest = items.slice(limit);
        const max = Math.max(1, ...shown.map((d) => d.count));
        const color = group === 'security' ? 'red' : group === 'files' ? 'blue' : 'gray';
        return (
          <Stack key={group} gap="sm" data-type-group={group}>
            <Text size="xs" fw={700} tt="uppercase" c="dimmed" style={{ letterSpacing: '0.04em' }}>
              {TYPE_GROUP_TITLES[group]}
            </Text>
            {shown.map((d) => (
              <TypeBar key={d.type} d={d} max={max} color={color} onPick={onPick} />
            ))}
            {rest.length > 0 && (
              <Text size="xs" c="dimmed">
                and {formatNumber(rest.reduce((n, d) => n + d.count, 0))} more in {rest.length} other type
                {rest.length === 1 ? '' : 's'}
              </Text>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}
