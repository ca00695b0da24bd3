// One user's page: who they are, their investigation priority and alerts, the governance
// actions, where they sign in from (on the offline map), their IPs, devices and latest activity.
import {
  Badge,
  Button,
  Card,
  DataList,
  Drawer,
  Group,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconActivity } from '@tabler/icons-react';
import { countryName, describeUserAgent, formatDateTime, formatNumber, formatRelative } from '../format';
import { guard } from '../guard';
import { DbIpAttribution } from './DbIpAttribution';
import { GovernanceButtons } from './GovernanceButtons';
import { ErrorAlert, LoadingRows } from './States';
import { useGuardQuery } from './useGuardQuery';
import { UserAlerts } from './UserAlerts';
import { UserPriority } from './UserPriority';
import { UserRecentActivity } from './UserRecentActivity';
import { WorldMap } from './WorldMap';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        {title}
      </Text>
      {children}
    </Stack>
  );
}

function UserSummaryView({ id, onShowActivity }: { id: string; onShowActivity(user: string): void }) {
  const { data: s, error, loading, reload } = useGuardQuery(() => guard.users.summary({ id }), [id]);
  if (error) return <ErrorAlert title="Could not load this user" error={error} onRetry={reload} />;
  if (loading || !s) return <LoadingRows rows={8} height={24} />;
  const u = s.user;
  const topCountry = Math.max(1, ...s.countries.map((c) => c.count));
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={3} size="h3">
          {u.name}
        </Title>
        <Text c="dimmed" size="sm">
          {[u.title, u.department].filter(Boolean).join(' · ') || 'No title or department'}
        </Text>
        <Group gap="xs" mt={4}>
          <Badge variant="light" color={u.active ? 'teal' : 'gray'}>
            {u.active ? 'Active' : 'Inactive'}
          </Badge>
          {u.admin && (
            <Badge variant="light" color="violet">
              Admin
            </Badge>
          )}
          {!u.claimed && (
            <Badge variant="light" color="yellow">
              Unclaimed
            </Badge>
          )}
          {u.authMethod && (
            <Badge variant="outline" color="gray">
              {u.authMethod === 'sso' ? 'SSO' : 'Password'}
            </Badge>
          )}
          {u.openAlerts > 0 && (
            <Badge variant="filled" color="red" data-testid="user-open-alerts">
              {u.openAlerts} open alert{u.openAlerts === 1 ? '' : 's'} · priority {u.priority}
            </Badge>
          )}
        </Group>
      </Stack>
      <GovernanceButtons user={u.id} active={u.active} />
      <Section title="Investigation priority">
        <UserPriority priority={s.priority} />
      </Section>
      <Section title="Alerts">
        <UserAlerts user={u.email ?? u.id} />
      </Section>
      <DataList labelWidth={130} withDivider gap="xs">
        <DataList.Item>
          <DataList.ItemLabel>Email</DataList.ItemLabel>
          <DataList.ItemValue>{u.email ?? '—'}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>User id</DataList.ItemLabel>
          <DataList.ItemValue>
            <Text size="sm" ff="monospace">
              {u.id}
            </Text>
          </DataList.ItemValue>
        </DataList.Item>
        {u.termDate !== null && (
          <DataList.Item>
            <DataList.ItemLabel>Leaving date</DataList.ItemLabel>
            <DataList.ItemValue>{formatDateTime(u.termDate)}</DataList.ItemValue>
          </DataList.Item>
        )}
      </DataList>
      <SimpleGrid cols={2}>
        <Card padding="sm">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Activities
          </Text>
          <Text fz={22} fw={650}>
            {formatNumber(s.activityCount)}
          </Text>
        </Card>
        <Card padding="sm">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Last activity
          </Text>
          <Text fz={16} fw={600} mt={4}>
            {s.lastActivityAt ? formatRelative(s.lastActivityAt) : 'Never'}
          </Text>
          {s.lastActivityAt && (
            <Text size="xs" c="dimmed">
              {formatDateTime(s.lastActivityAt)}
            </Text>
          )}
        </Card>
      </SimpleGrid>
      <Section title="Places">
        {s.countries.length > 0 && (
          <WorldMap
            height={180}
            ariaLabel={`Map of where ${u.name} signs in from: ${s.countries
              .slice(0, 5)
              .map((c) => `${countryName(c.country)} (${c.count})`)
              .join(', ')}`}
            places={s.countries.map((c) => ({
              country: c.country,
              numeric: c.numeric,
              lat: c.lat,
              lon: c.lon,
              count: c.count,
              label: `${countryName(c.country)}: ${formatNumber(c.count)} activities`,
            }))}
          />
        )}
        {s.countries.length === 0 ? (
          <Text size="sm" c="dimmed">
            No located activity.
          </Text>
        ) : (
          s.countries.slice(0, 8).map((c) => (
            <div key={c.country}>
              <Group justify="space-between" mb={2}>
                <Text size="sm">
                  {countryName(c.country)}{' '}
                  <Text span size="xs" c="dimmed">
                    {c.country}
                  </Text>
                </Text>
                <Text size="sm" fw={600}>
                  {formatNumber(c.count)}
                </Text>
              </Group>
              <Progress value={(c.count / topCountry) * 100} size="xs" />
            </div>
          ))
        )}
      </Section>
      <Section title="IP addresses">
        {s.ips.length === 0 ? (
          <Text size="sm" c="dimmed">
            None recorded.
          </Text>
        ) : (
          <Table withTableBorder verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>IP</Table.Th>
                <Table.Th>Country</Table.Th>
                <Table.Th ta="right">Events</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.ips.slice(0, 12).map((ip) => (
                <Table.Tr key={ip.ip}>
                  <Table.Td ff="monospace">{ip.ip}</Table.Td>
                  <Table.Td>{ip.country ?? '—'}</Table.Td>
                  <Table.Td ta="right">{formatNumber(ip.count)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {s.ips.length > 12 && (
          <Text size="xs" c="dimmed">
            and {s.ips.length - 12} more
          </Text>
        )}
      </Section>
      <Section title="Devices">
        {s.devices.length === 0 ? (
          <Text size="sm" c="dimmed">
            None recorded.
          </Text>
        ) : (
          s.devices.slice(0, 8).map((d) => (
            <Group key={d.userAgent} justify="space-between" wrap="nowrap">
              <Text size="sm" truncate title={d.userAgent}>
                {describeUserAgent(d.userAgent)}
              </Text>
              <Text size="sm" fw={600}>
                {formatNumber(d.count)}
              </Text>
            </Group>
          ))
        )}
      </Section>
      <Section title="Latest activity">
        <UserRecentActivity user={u.email ?? u.id} />
      </Section>
      <Group>
        <Button
          variant="light"
          leftSection={<IconActivity size={16} />}
          onClick={() => onShowActivity(u.email ?? u.id)}
        >
          Show this user’s activity
        </Button>
      </Group>
      <DbIpAttribution />
    </Stack>
  );
}

export function UserDrawer({
  id,
  onClose,
  onShowActivity,
}: {
  id: string | null;
  onClose(): void;
  onShowActivity(user: string): void;
}) {
  return (
    <Drawer opened={id !== null} onClose={onClose} position="right" size="xl" title="User" data-testid="user-drawer">
      {id && <UserSummaryView id={id} onShowActivity={onShowActivity} />}
    </Drawer>
  );
}
