// The frame around every screen: product name and connector state always visible, the
// navigation on the left, the screen in the middle.
import {
  AppShell,
  Button,
  Group,
  Loader,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  ThemeIcon,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconRefresh, IconShieldLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { errorMessage, guard } from '../guard';
import { isConnected, useConnector } from '../stores/connector';
import { useNavigation } from '../stores/navigation';
import { toast } from '../stores/toasts';
import { ConnectorBadge } from './ConnectorBadge';
import { navGroups } from './nav';
import { OpenAlertsBadge } from './OpenAlertsBadge';

export function Shell({ children }: { children: ReactNode }) {
  const { screen, go } = useNavigation();
  const status = useConnector((s) => s.status);
  const busy = useConnector((s) => s.busy);
  const run = useConnector((s) => s.run);
  const syncing = !!status?.progress.running;

  const syncNow = () =>
    run('sync', () => guard.connector.syncNow()).catch((e: unknown) =>
      toast({ tone: 'error', title: 'Sync did not start', message: errorMessage(e) }),
    );

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 232, breakpoint: 0 }} padding="xl">
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <UnstyledButton onClick={() => go('dashboard')} aria-label="Workplace Guard — go to the dashboard">
            <Group gap="xs" wrap="nowrap">
              <ThemeIcon size={30} radius="md" variant="filled">
                <IconShieldLock size={18} />
              </ThemeIcon>
              <Title order={2} size="h4" style={{ letterSpacing: '-0.01em', whiteSpace: 'nowrap' }}>
                Workplace Guard
              </Title>
            </Group>
          </UnstyledButton>
          <Group gap="sm" wrap="nowrap">
            {status?.organisation && (
              <Text size="sm" c="dimmed" truncate maw={260} visibleFrom="sm">
                {status.organisation.name}
              </Text>
            )}
            <UnstyledButton onClick={() => go('connector')} aria-label="Connector status">
              <ConnectorBadge status={status} testId="connector-state" />
            </UnstyledButton>
            {isConnected(status) && (
              <Button
                size="xs"
                variant="default"
                leftSection={syncing || busy === 'sync' ? <Loader size={12} /> : <IconRefresh size={14} />}
                disabled={syncing || busy === 'sync'}
                onClick={syncNow}
              >
                {syncing ? 'Syncing…' : 'Sync now'}
              </Button>
            )}
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label="Main navigation">
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap="md">
            {navGroups.map((group) => (
              <Stack gap={2} key={group.label}>
                <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pb={4} style={{ letterSpacing: '0.06em' }}>
                  {group.label}
                </Text>
                {group.items.map((item) => (
                  <NavLink
                    key={item.id}
                    component="button"
                    label={item.label}
                    leftSection={<item.icon size={18} stroke={1.7} />}
                    rightSection={item.id === 'alerts' ? <OpenAlertsBadge /> : undefined}
                    active={screen === item.id}
                    onClick={() => go(item.id)}
                    aria-current={screen === item.id ? 'page' : undefined}
                    data-nav={item.id}
                    style={{ borderRadius: 'var(--mantine-radius-md)' }}
                  />
                ))}
              </Stack>
            ))}
          </Stack>
        </AppShell.Section>
        <AppShell.Section pt="sm">
          <Text size="xs" c="dimmed" px="sm">
            Local-first: your data stays on this computer.
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
