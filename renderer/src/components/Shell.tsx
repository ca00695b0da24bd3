// The frame around every screen: product name and connector state always visible, the
// navigation on the left (icons only below 1200 px, so a 1024 px window keeps its width for
// data), the offline banner above the screen, and the keyboard shortcuts.
import {
  ActionIcon,
  AppShell,
  Box,
  Button,
  Group,
  Loader,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  ThemeIcon,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  IconKeyboard,
  IconLayoutSidebarLeftCollapse,
  IconLayoutSidebarLeftExpand,
  IconRefresh,
  IconShieldLock,
} from '@tabler/icons-react';
import { memo, useCallback, useRef, useState, type ReactNode } from 'react';
import { errorMessage, guard } from '../guard';
import { isConnected, useConnector } from '../stores/connector';
import { useNavigation } from '../stores/navigation';
import { toast } from '../stores/toasts';
import { connectorStateLabel } from '../theme';
import { ConnectorBadge } from './ConnectorBadge';
import { ROVING_ITEM_ATTR, useRovingList } from './KeyboardRovingList';
import { KeyboardShortcuts, useKeyboardHelp } from './KeyboardShortcuts';
import { navGroups, navItems, type NavItem } from './nav';
import { OfflineBanner } from './OfflineBanner';
import { OpenAlertsBadge } from './OpenAlertsBadge';
import { RouteLeaveConfirm } from './RouteLeaveConfirm';

/** Below this width the navigation shows icons only, unless the admin expands it. */
export const WIDE_LAYOUT_QUERY = '(min-width: 1200px)';
const NAV_WIDE = 232;
const NAV_RAIL = 64;

export function Shell({ children }: { children: ReactNode }) {
  const wide = useMediaQuery(WIDE_LAYOUT_QUERY, true, { getInitialValueInEffect: false });
  const [expanded, setExpanded] = useState(false);
  const rail = !wide && !expanded;
  const toggleNav = useCallback(() => setExpanded((e) => !e), []);
  const picked = useCallback(() => !wide && setExpanded(false), [wide]);
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: rail ? NAV_RAIL : NAV_WIDE, breakpoint: 0 }}
      padding={wide ? 'xl' : 'md'}
    >
      <AppShell.Header px="md">
        <Header narrow={!wide} expanded={expanded} onToggleNav={toggleNav} />
      </AppShell.Header>

      <AppShell.Navbar p={rail ? 'xs' : 'sm'} aria-label="Main navigation">
        {/* Expanded over a narrow window, the navigation folds back once a screen is picked. */}
        <Navigation rail={rail} onPicked={picked} />
      </AppShell.Navbar>

      <AppShell.Main style={{ minWidth: 0 }}>
        {/* minWidth 0 lets wide tables scroll inside their card instead of pushing the page sideways. */}
        <Box style={{ minWidth: 0, maxWidth: '100%' }}>
          <OfflineBanner />
          {children}
        </Box>
      </AppShell.Main>
      <Shortcuts />
      <LeaveConfirm />
    </AppShell>
  );
}

// The parts of the frame that do not depend on the screen are memoised: a new screen re-renders
// the frame around it (its children change), and that should cost the screen alone.
const Shortcuts = memo(KeyboardShortcuts);
const LeaveConfirm = memo(RouteLeaveConfirm);

const Header = memo(function Header({
  narrow,
  expanded,
  onToggleNav,
}: {
  narrow: boolean;
  expanded: boolean;
  onToggleNav(): void;
}) {
  const go = useNavigation((s) => s.go);
  const status = useConnector((s) => s.status);
  const busy = useConnector((s) => s.busy);
  const run = useConnector((s) => s.run);
  const toggleHelp = useKeyboardHelp((s) => s.toggle);
  const syncing = !!status?.progress.running;
  const stateLabel = status ? connectorStateLabel[status.state] : 'Checking…';

  const syncNow = () =>
    run('sync', () => guard.connector.syncNow()).catch((e: unknown) =>
      toast({ tone: 'error', title: 'Sync did not start', message: errorMessage(e) }),
    );

  return (
    <Group h="100%" justify="space-between" wrap="nowrap">
      <Group gap="xs" wrap="nowrap">
        {narrow && (
          <Tooltip label={expanded ? 'Show icons only' : 'Show the navigation labels'}>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              onClick={onToggleNav}
              aria-label={expanded ? 'Collapse the navigation' : 'Expand the navigation'}
              aria-expanded={expanded}
            >
              {expanded ? <IconLayoutSidebarLeftCollapse size={20} /> : <IconLayoutSidebarLeftExpand size={20} />}
            </ActionIcon>
          </Tooltip>
        )}
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
      </Group>
      <Group gap="sm" wrap="nowrap">
        {status?.organisation && (
          <Text size="sm" c="dimmed" truncate maw={260} visibleFrom="md">
            {status.organisation.name}
          </Text>
        )}
        {/* Named by its visible state ("Connected"), so what is said is what is seen (WCAG 2.5.3). */}
        <UnstyledButton
          onClick={() => go('connector')}
          aria-label={`${stateLabel}: connector status, open the Connector screen`}
        >
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
        <Tooltip label="Keyboard shortcuts (?)">
          <ActionIcon variant="subtle" color="gray" size="lg" onClick={toggleHelp} aria-label="Keyboard shortcuts">
            <IconKeyboard size={20} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Group>
  );
});

/**
 * One screen's entry, memoised: a click or a focus changes two entries (the current screen, the
 * Tab stop), so only those two re-render, not all eleven.
 */
const NavEntry = memo(function NavEntry({
  item,
  index,
  rail,
  current,
  tabStop,
  onPick,
  onFocusIndex,
}: {
  item: NavItem;
  index: number;
  rail: boolean;
  current: boolean;
  tabStop: boolean;
  onPick(id: NavItem['id']): void;
  onFocusIndex(index: number): void;
}) {
  const link = (
    <NavLink
      component="button"
      label={rail ? undefined : item.label}
      aria-label={rail ? item.label : undefined}
      leftSection={<item.icon size={rail ? 22 : 18} stroke={1.7} />}
      rightSection={item.id === 'alerts' && !rail ? <OpenAlertsBadge /> : undefined}
      active={current}
      onClick={() => onPick(item.id)}
      aria-current={current ? 'page' : undefined}
      aria-keyshortcuts={`g ${item.jump}`}
      data-nav={item.id}
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
      {...{ [ROVING_ITEM_ATTR]: '' }}
      tabIndex={tabStop ? 0 : -1}
      onFocus={() => onFocusIndex(index)}
    />
  );
  return rail ? (
    <Tooltip label={`${item.label}  (g ${item.jump})`} position="right">
      {link}
    </Tooltip>
  ) : (
    link
  );
});

/** The screens, grouped; one Tab stop with the arrow keys within (KeyboardRovingList.ts). */
function Navigation({ rail, onPicked }: { rail: boolean; onPicked(): void }) {
  const screen = useNavigation((s) => s.screen);
  const go = useNavigation((s) => s.go);
  const roving = useRovingList(navItems.length);
  // Stable callbacks for the memoised entries, calling the latest props and roving state.
  const latest = useRef({ onPicked, roving });
  latest.current = { onPicked, roving };
  const pick = useCallback(
    (id: NavItem['id']) => {
      go(id);
      latest.current.onPicked();
    },
    [go],
  );
  const focusIndex = useCallback((index: number) => latest.current.roving.itemProps(index).onFocus(), []);
  return (
    <>
      <AppShell.Section grow component={ScrollArea}>
        <Stack gap="md" {...roving.listProps}>
          {navGroups.map((group) => (
            <Stack gap={2} key={group.label} role="group" aria-label={group.label}>
              {rail ? (
                <Box h={1} bg="var(--mantine-color-default-border)" mx="xs" aria-hidden />
              ) : (
                <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pb={4} style={{ letterSpacing: '0.06em' }}>
                  {group.label}
                </Text>
              )}
              {group.items.map((item) => {
                const index = navItems.indexOf(item);
                return (
                  <NavEntry
                    key={item.id}
                    item={item}
                    index={index}
                    rail={rail}
                    current={screen === item.id}
                    tabStop={roving.itemProps(index).tabIndex === 0}
                    onPick={pick}
                    onFocusIndex={focusIndex}
                  />
                );
              })}
            </Stack>
          ))}
        </Stack>
      </AppShell.Section>
      {!rail && (
        <AppShell.Section pt="sm">
          <Text size="xs" c="dimmed" px="sm">
            Local-first: your data stays on this computer.
          </Text>
        </AppShell.Section>
      )}
    </>
  );
}
