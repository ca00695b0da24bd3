import { Badge, Loader } from '@mantine/core';
import type { ConnectorStatus } from '../../../preload/contract';
import { connectorStateColor, connectorStateLabel } from '../theme';

export function ConnectorBadge({
  status,
  size = 'lg',
  testId,
}: {
  status: ConnectorStatus | null;
  size?: 'sm' | 'md' | 'lg';
  testId?: string;
}) {
  if (!status) {
    return (
      <Badge size={size} variant="light" color="gray" leftSection={<Loader size={10} color="gray" />}>
        Checking…
      </Badge>
    );
  }
  const busy = status.state === 'connecting' || status.state === 'first_sync' || status.progress.running;
  return (
    <Badge
      size={size}
      variant="light"
      color={connectorStateColor[status.state]}
      leftSection={busy ? <Loader size={10} color={connectorStateColor[status.state]} /> : undefined}
      data-testid={testId}
      data-state={status.state}
    >
      {connectorStateLabel[status.state]}
    </Badge>
  );
}
