import { Code, DataList, Text } from '@mantine/core';
import type { ConnectorStatus } from '../../../preload/contract';
import { formatRelative } from '../format';
import { nextSyncText } from '../stores/connector';
import { connectionMethodLabel } from '../theme';
import { ConnectorBadge } from './ConnectorBadge';
import { LocalTime } from './LocalTime';
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
  const at = past ? Math.min(ms, now) : ms;
  if (compact) return <LocalTime ms={at} format="relative" now={now} size="sm" />;
  return (
    <Text size="sm">
      <LocalTime ms={ms} span inherit />{' '}
      <Text span size="sm" c="dimmed">
        ({formatRelative(at, now)})
      </Text>
    </Text>
  );
}

/** "Next sync": a time only when one will really start then (stores/connector.ts nextSyncText). */
function NextSync({ status, now, compact }: { status: ConnectorStatus; now: number; compact: boolean }) {
  const next = nextSyncText(status, now);
  if (next.kind === 'text')
    return (
      <Text size="sm" c={status.progress.running ? undefined : 'dimmed'} data-testid="next-sync">
        {next.text}
      </Text>
    );
  return (
    <span data-testid="next-sync">
      <When ms={next.at} now={now} none="" compact={compact} />
    </span>
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
          <NextSync status={status} now={now} compact={compact} />
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
