// One activity in full: the normalised details (file name, failure reason…), where it came from
// on a small map, what is known about its IP (with one-click tagging), pivots to related
// activity, next/previous through the timeline, and the raw event exactly as Workplace sent it.
import { Badge, Button, Code, DataList, Drawer, Group, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import type { Activity } from '../../../preload/contract';
import { countryName, describeUserAgent, formatDateTime, formatPlace, humanize } from '../format';
import { guard } from '../guard';
import { ActivityIpFacts } from './ActivityIpFacts';
import { ActivityPlaceMap } from './ActivityPlaceMap';
import { ActivityRespond } from './ActivityRespond';
import { activityTypeColor } from './activity-style';
import type { PivotKind } from './activity-pivots';
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

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      {children}
    </Stack>
  );
}

function deviceText(a: Activity): string {
  const d = a.device;
  if (!d) return describeUserAgent(a.userAgent);
  const what = d.app ?? ([d.browser, d.os].filter(Boolean).join(' on ') || describeUserAgent(a.userAgent));
  return d.type === 'unknown' ? what : `${what} (${d.type})`;
}

function ActivityDetails({ id, onPivot }: { id: string; onPivot(kind: PivotKind, a: Activity): void }) {
  const { data: a, error, loading, reload } = useGuardQuery(() => guard.activities.get({ id }), [id]);
  if (error) return <ErrorAlert title="Could not load this activity" error={error} onRetry={reload} />;
  if (loading || !a) return <LoadingRows rows={8} height={24} />;
  let raw: string;
  try {
    raw = JSON.stringify(a.raw, null, 2) ?? 'null';
  } catch {
    raw = String(a.raw);
  }
  const details = Object.entries(a.details);
  const place = formatPlace(a.country, a.city);
  const pivot = (kind: PivotKind, label: string, enabled = true) => (
    <Button key={kind} size="compact-sm" variant="light" disabled={!enabled} onClick={() => onPivot(kind, a)}>
      {label}
    </Button>
  );
  return (
    <Stack gap="lg" data-testid="activity-details">
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
        <Text size="sm" c="dimmed" title={new Date(a.at).toISOString()}>
          {formatDateTime(a.at)} (your time) · {new Date(a.at).toISOString().slice(0, 19).replace('T', ' ')} UTC
        </Text>
      </Stack>
      <DataList labelWidth={130} withDivider gap="xs">
        <Item label="Event">
          <Code>{a.event}</Code>
        </Item>
        <Item label="Actor">{a.actor ?? '—'}</Item>
        <Item label="Target">{a.target ?? '—'}</Item>
        {details.map(([k, v]) => (
          <Item key={k} label={humanize(k.replace(/([a-z])([A-Z])/g, '$1 $2'))}>
            <Text size="sm" style={{ wordBreak: 'break-word' }} data-testid={`detail-${k}`}>
              {v}
            </Text>
          </Item>
        ))}
        <Item label="IP address">
          <Text ff="monospace" size="sm">
            {a.ip ?? '—'}
          </Text>
        </Item>
        <Item label="Location">
          {place}
          {a.country && (
            <Text span size="sm" c="dimmed">
              {' '}
              · {countryName(a.country)}
            </Text>
          )}
        </Item>
        <Item label="Device">
          <Text size="sm">{deviceText(a)}</Text>
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
      {a.lat !== null && a.lon !== null && (
        <ActivityPlaceMap lat={a.lat} lon={a.lon} label={a.city ?? countryName(a.country) ?? place} />
      )}
      {a.ip && (
        <Section title="About this IP address">
          <ActivityIpFacts ip={a.ip} facts={a.ipFacts} onTagged={reload} />
        </Section>
      )}
      <Section title="Pivot">
        <Group gap="xs" data-testid="pivots">
          {pivot('user', 'This user', !!a.actor)}
          {pivot('target', 'This target', !!a.target)}
          {pivot('ip', 'This IP', !!a.ip)}
          {pivot('type', 'This type')}
          {pivot('around', '±24 h')}
        </Group>
      </Section>
      {a.actor && (
        <Section title="Respond">
          <ActivityRespond actor={a.actor} reason={`Activity ${a.event} on ${formatDateTime(a.at)}`} />
        </Section>
      )}
      <Section title="Raw event, as received">
        {/* Focusable, so a keyboard user can scroll a long event too. */}
        <ScrollArea.Autosize
          mah={360}
          type="auto"
          viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': 'Raw event' }}
        >
          <Code block data-testid="raw-event">
            {raw}
          </Code>
        </ScrollArea.Autosize>
      </Section>
      <DbIpAttribution />
    </Stack>
  );
}

export function ActivityDrawer({
  id,
  onClose,
  onPivot,
  onNewer,
  onOlder,
}: {
  id: string | null;
  onClose(): void;
  onPivot(kind: PivotKind, a: Activity): void;
  /** Open the newer / older activity of the timeline (null at its ends). */
  onNewer: (() => void) | null;
  onOlder: (() => void) | null;
}) {
  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close the activity details' }}
      title={
        <Group gap="xs">
          <Text fw={600}>Activity details</Text>
          <Button.Group>
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<IconChevronUp size={14} />}
              disabled={!onNewer}
              onClick={() => onNewer?.()}
              aria-label="Newer activity"
            >
              Newer
            </Button>
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<IconChevronDown size={14} />}
              disabled={!onOlder}
              onClick={() => onOlder?.()}
              aria-label="Older activity"
            >
              Older
            </Button>
          </Button.Group>
        </Group>
      }
    >
      {id && <ActivityDetails id={id} onPivot={onPivot} />}
    </Drawer>
  );
}
