// One figure on the dashboard with a label that says what it counts and over what span, so two
// figures never seem to disagree (a 30-day count beside the store's total).
import { Card, Group, Stack, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';

export function DashboardStat({
  label,
  value,
  hint,
  icon,
  color,
  onClick,
  testId,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  icon: ReactNode;
  color?: string;
  onClick?: () => void;
  testId?: string;
}) {
  const body = (
    <Group justify="space-between" align="flex-start" wrap="nowrap">
      <Stack gap={4}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
          {label}
        </Text>
        <Text fz={28} fw={650} lh={1.1} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={testId}>
          {value}
        </Text>
        {hint && (
          <Text size="xs" c="dimmed" component="div">
            {hint}
          </Text>
        )}
      </Stack>
      <ThemeIcon variant="light" size={36} radius="md" color={color}>
        {icon}
      </ThemeIcon>
    </Group>
  );
  return (
    <Card padding="md" h="100%">
      {onClick ? (
        <UnstyledButton onClick={onClick} w="100%">
          {body}
        </UnstyledButton>
      ) : (
        body
      )}
    </Card>
  );
}
