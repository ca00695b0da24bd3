// The three states every screen has besides "data": loading, error, empty.
import { Alert, Button, Card, EmptyState, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { GuardError } from '../guard';

export function ErrorAlert({ title, error, onRetry }: { title: string; error: GuardError; onRetry?: () => void }) {
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={title} role="alert">
      <Stack gap="xs">
        <Text size="sm">{error.message}</Text>
        <Group gap="sm">
          {onRetry && (
            <Button size="xs" variant="white" color="red" leftSection={<IconRefresh size={14} />} onClick={onRetry}>
              Try again
            </Button>
          )}
          <Text size="xs" c="dimmed" ff="monospace">
            {error.code}
          </Text>
        </Group>
      </Stack>
    </Alert>
  );
}

export function LoadingRows({ rows = 6, height = 36 }: { rows?: number; height?: number }) {
  return (
    <Stack gap="xs" aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height={height} radius="sm" />
      ))}
    </Stack>
  );
}

export function LoadingCards({ count = 3 }: { count?: number }) {
  return (
    <Group grow align="stretch" aria-busy="true" aria-label="Loading">
      {Array.from({ length: count }, (_, i) => (
        <Card key={i}>
          <Skeleton height={12} width="40%" mb="md" />
          <Skeleton height={28} width="60%" />
        </Card>
      ))}
    </Group>
  );
}

export function Empty({
  icon,
  title,
  children,
  actions,
}: {
  icon: ReactNode;
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Card py={48}>
      <EmptyState icon={icon} title={title} description={children} withIndicatorBackground size="md">
        {actions && <EmptyState.Actions mt="sm">{actions}</EmptyState.Actions>}
      </EmptyState>
    </Card>
  );
}
