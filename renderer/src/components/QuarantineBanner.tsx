// The banner for what the store set aside (connector.dataHealth): damaged files not yet
// repaired, a damaged sync state file, audit records refused lately — in plain words, with
// the fix. Shown on the Connector screen and the Dashboard; silent when there is nothing to say.
import { Alert, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { guard } from '../guard';
import { useConnector } from '../stores/connector';
import { useGuardQuery } from './useGuardQuery';

/** `mb`: space below, where the banner sits outside a Stack. */
export function QuarantineBanner({ mb }: { mb?: string } = {}) {
  // Re-read whenever the connector moves on (a sync ended, a reconnect): that is when it changes.
  const lastSyncAt = useConnector((s) => s.status?.lastSyncAt ?? null);
  const state = useConnector((s) => s.status?.state ?? null);
  const health = useGuardQuery(() => guard.connector.dataHealth(), [lastSyncAt, state]);
  const h = health.data;
  if (!h || !h.attention) return null;
  const title = h.metaDamaged
    ? 'The sync state file was damaged'
    : h.files.some((f) => f.repairedAt === null)
      ? 'Damaged files were set aside'
      : 'Some audit records were set aside';
  return (
    <Alert
      color={h.metaDamaged || h.files.some((f) => f.repairedAt === null) ? 'orange' : 'yellow'}
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={title}
      data-testid="quarantine-banner"
      mb={mb}
    >
      <Stack gap="xs">
        <List size="sm" spacing={4}>
          {h.lines.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
        {h.fix && (
          <Text size="sm">
            <Text span fw={600} size="sm">
              How to fix it:{' '}
            </Text>
            {h.fix}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
