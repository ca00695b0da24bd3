import { Code, DataList, Text, Tooltip } from '@mantine/core';
import type { ConnectorStatus } from '../../../preload/contract';
import { formatDateTime, formatRelative } from '../format';
import { connectionMethodLabel } from '../theme';
import { ConnectorBadge } from './ConnectorBadge';
import { useNow } from './useNow';

function When({
  ms,
  now,
  none,
  compact,
  past,
}: {
  ms: number | null;
  now: number;
  none: string;
  compact?: boolean;
  past?: boolean;
}) {
  if (ms === null)
    return (
      <Text size="sm" c="dimmed">
        {none}
      </Text>
    );
  // "now" ticks every 30 s; an event that just happened must not read as "in a moment".
  const rel = formatRelative(past ? Math.min(ms, now) : ms, now);
  if (compact) {
    return (
      <Tooltip label={formatDateTime(ms)}>
        <Text size="sm">{rel}</Text>
      </Tooltip>
    );
  }
  return (
    <Text size="sm">
      {formatDateTime(ms)}{' '}
      <Text span size="sm" c="dimmed">
        ({rel})
      </Text>
    </Text>
  );
}

export function ConnectionDetails({ status, compact = false }: { status: ConnectorStatus; compact?: boolean }) {
  const now = useNow();
  return (
    <DataList labelWidth={compact ? 130 : 170} gap="sm" withDivider={!compact}>
      <DataList.Item>
        <DataList.ItemLabel>Organisation</DataList.ItemLabel>
        <DataList.ItemValue>
          {status.organisation ? (
            <Text size="sm" fw={600}>
              {status.organisation.name}{' '}
              {!compact && (
                <Text span size="xs" c="dimmed" ff="monospace">
                  {status.organisation.id}
                </Text>
              )}
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              Not known yet
            </Text>
          )}
        </DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>State</DataList.ItemLabel>
        <DataList.ItemValue>
          <ConnectorBadge status={status} size="md" />
        </DataList.ItemValue>
      </DataList.Item>
      {!compact && (
        <DataList.Item>
          <DataList.ItemLabel>Method</DataList.ItemLabel>
          <DataList.ItemValue>
            <Text size="sm">{status.method ? connectionMethodLabel[status.method] : '—'}</Text>
          </DataList.ItemValue>
        </DataList.Item>
      )}
      {!compact && status.apiBase && (
        <DataList.Item>
          <DataList.ItemLabel>API base</DataList.ItemLabel>
          <DataList.ItemValue>
            <Code>{status.apiBase}</Code>
          </DataList.ItemValue>
        </DataList.Item>
      )}
      <DataList.Item>
        <DataList.ItemLabel>Last sync</DataList.ItemLabel>
        <DataList.ItemValue>
          <When ms={status.lastSyncAt} now={now} none="Not finished yet" past compact={compact} />
        </DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Next sync</DataList.ItemLabel>
        <DataList.ItemValue>
          <When ms={status.nextSyncAt} now={now} none="Not scheduled" compact={compact} />
        </DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Last activity</DataList.ItemLabel>
        <DataList.ItemValue>
          <When ms={status.lastActivityAt} now={now} none="None received yet" past compact={compact} />
        </DataList.ItemValue>
      </DataList.Item>
    </DataList>
  );
}
