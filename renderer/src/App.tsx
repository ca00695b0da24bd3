import { useEffect, type ComponentType } from 'react';
import { Shell } from './components/Shell';
import { Toasts } from './components/Toasts';
import { startConnectorStore } from './stores/connector';
import { followAlertEvents } from './stores/open-alerts';
import { followNavigationEvents, startRouting, useNavigation, type ScreenId } from './stores/navigation';
import { bindActivityFilterToRoute } from './components/RouteActivityFilter';
import { prefetchActivityOnFilterChange } from './components/activity-filter-prefetch';
import { prefetchActivityOnOpen } from './components/useActivityPages';
import { AboutScreen } from './screens/about';
import { ActivityScreen } from './screens/activity';
import { AlertsScreen } from './screens/alerts';
import { ConnectorScreen } from './screens/connector';
import { DashboardScreen } from './screens/dashboard';
import { GovernanceScreen } from './screens/governance';
import { IpRangesScreen } from './screens/ip-ranges';
import { PoliciesScreen } from './screens/policies';
import { PostureScreen } from './screens/posture';
import { SettingsScreen } from './screens/settings';
import { prefetchUsersOnOpen, UsersScreen } from './screens/users';

const screens: Record<ScreenId, ComponentType> = {
  dashboard: DashboardScreen,
  activity: ActivityScreen,
  alerts: AlertsScreen,
  users: UsersScreen,
  governance: GovernanceScreen,
  policies: PoliciesScreen,
  'ip-ranges': IpRangesScreen,
  posture: PostureScreen,
  connector: ConnectorScreen,
  settings: SettingsScreen,
  about: AboutScreen,
};

export function App() {
  const screen = useNavigation((s) => s.screen);
  useEffect(() => startConnectorStore(), []);
  useEffect(() => followNavigationEvents(), []);
  // The screen and the Activity filter follow the URL: reload, Back/Forward and pasted links.
  useEffect(() => startRouting(), []);
  useEffect(() => bindActivityFilterToRoute(), []);
  useEffect(() => prefetchActivityOnOpen(), []);
  useEffect(() => prefetchActivityOnFilterChange(), []);
  useEffect(() => prefetchUsersOnOpen(), []);
  useEffect(() => followAlertEvents(), []);
  const Screen = screens[screen];
  return (
    <>
      <Shell>
        <Screen key={screen} />
      </Shell>
      <Toasts />
    </>
  );
}
