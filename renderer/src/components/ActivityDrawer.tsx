// One activity in full, with the raw event exactly as Workplace sent it.
import { Badge, Button, Code, DataList, Drawer, Group, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { GovernanceButtons } from './GovernanceButtons';
import { IconUserSearch } from '@tabler/icons-react';
import { countryName, describeUserAgent, formatDateTime, formatPlace, humanize } from '../format';
import { guard } from '../guard';
import { activityTypeColor } from './activity-style';
import { DbIpAttribution } from './DbIpAttribution';
import { ErrorAlert, LoadingRows } from './States';
import { useGuardQuery } from './useGuardQuery';

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

function ActivityDetails({ id, onShowUser }: { id: string; onShowUser(user: string): void }) {
  const { data: a, error, loading, reload } = useGuardQuery(() => guard.activities.get({ id }), [id]);
  if (error) return <ErrorAlert title="Could not load this activity" error={error} onRetry={reload} />;
  if (loading || !a) return <LoadingRows rows={8} height={24} />;
  let raw: string;
  try {
    raw = JSON.stringify(a.raw, null, 2) ?? 'null';
  } catch {
    raw = String(a.raw);
  }
  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Group gap="xs">
          <Badge variant="light" color={activityTypeColor(a.type, a.event)} tt="none">
            {humanize(a.type)}
          </Badge>
          {a.admin && (
            <Badge variant="outline" color="violet">
              Admin
            </Badge>
          )}
          {a.impersonated && (
            <Badge variant="filled" color="orange">
              Impersonated
            </Badge>
          )}
        </Group>
        <Title order={3} size="h4">
          {a.summary ?? humanize(a.event)}
        </Title>
        <Text size="sm" c="dimmed">
          {formatDateTime(a.at)}
        </Text>
      </Stack>
      <DataList labelWidth={130} withDivider gap="xs">
        <Item label="Event">
          <Code>{a.event}</Code>
        </Item>
        <Item label="Actor">{a.actor ?? '—'}</Item>
        <Item label="Target">{a.target ?? '—'}</Item>
        <Item label="IP address">
          <Text ff="monospace" size="sm">
            {a.ip ?? '—'}
          </Text>
        </Item>
        <Item label="Location">
          {formatPlace(a.country, a.city)}
          {a.country && (
            <Text span size="sm" c="dimmed">
              {' '}
              · {countryName(a.country)}
            </Text>
          )}
        </Item>
        <Item label="Device">
          <Text size="sm">{describeUserAgent(a.userAgent)}</Text>
          {a.userAgent && (
            <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
              {a.userAgent}
            </Text>
          )}
        </Item>
        <Item label="Activity id">
          <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {a.id}
          </Text>
        </Item>
      </DataList>
      {a.actor && (
        <Group>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconUserSearch size={14} />}
            onClick={() => onShowUser(a.actor!)}
          >
            All activity of {a.actor}
          </Button>
        </Group>
      )}
      {a.actor && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            Respond
          </Text>
          <GovernanceButtons user={a.actor} active reason={`Activity ${a.event} on ${formatDateTime(a.at)}`} />
        </Stack>
      )}
      <Stack gap={6}>
        <Text size="sm" fw={600}>
          Raw event, as received
        </Text>
        <ScrollArea.Autosize mah={360} type="auto">
          <Code block data-testid="raw-event">
            {raw}
          </Code>
        </ScrollArea.Autosize>
      </Stack>
      <DbIpAttribution />
    </Stack>
  );
}

export function ActivityDrawer({
  id,
  onClose,
  onShowUser,
}: {
  id: string | null;
  onClose(): void;
  onShowUser(user: string): void;
}) {
  return (
    <Drawer opened={id !== null} onClose={onClose} position="right" size="lg" title="Activity details">
      {id && <ActivityDetails id={id} onShowUser={onShowUser} />}
    </Drawer>
  );
}
