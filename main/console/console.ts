// The facade: implements every operation of preload/contract/ (one file per feature) by composing the domains.
// It receives already-validated input (main/console/dispatch.ts) and returns plain data; transports
// (Electron IPC, the HTTP host, the CLI) never reach around it.
import type { ConnectorStatus, ConsoleApi, Settings } from '../../preload/contract';
import { attributions } from '../intel/attributions';
import { vetExternalUrl } from '../security/open-external-guard';
import type { GuardEvents } from '../runtime/events';
import type { SecretStore } from '../runtime/secrets';
import type { SettingsStore } from '../runtime/settings';
import type { Store } from '../store/types';
import { activitiesApi } from './activity-ops';
import { dashboardApi } from './dashboard-ops';
import { intelApi } from './intel-ops';
import type { IpLists } from '../intel/ip-lists';
import { usersApi } from './users-ops';
import { alertsApi, ipRangesApi, type DetectionIntel } from './detection-ops';
import { policiesApi } from './policy-ops';
import { connectorReadOutsApi } from './connector-ops';
import { governanceApi, postureApi } from './governance-ops';
import type { GovernanceWiring } from './governance-wiring';
import type { Connector } from '../sync/connector';
import { startOwnAccountAtConnect } from './own-account-at-connect';

export interface ConsoleDeps {
  shell: 'electron' | 'browser' | 'node';
  name: string;
  version: string;
  versions: Record<string, string>;
  dataDir: string;
  store: Store;
  connector: Connector;
  settings: SettingsStore;
  secrets: SecretStore;
  events: GuardEvents;
  /** Opens an already-vetted https URL in the system browser. */
  openExternal: (url: string) => Promise<void>;
  /** "Explore the demo community": starts the bundled server and connects to it. */
  connectDemo: () => Promise<ConnectorStatus>;
  /** Governance actions, their log and queue (main/console/governance-wiring.ts). */
  governance: GovernanceWiring;
  /** IP intelligence with the admin's ranges (alerts tuning, IP ranges, replay); absent, ranges are unavailable. */
  intel?: DetectionIntel | null;
  /** The threat and anonymity lists (freshness, URLs, refresh opt-ins: the intel slice); absent, it says so. */
  intelLists?: IpLists | null;
  /** Applies changed settings to running services (e.g. reschedules the sync). */
  onSettingsChanged?: (settings: Settings) => void;
}

export function createConsole(deps: ConsoleDeps): ConsoleApi {
  const { store } = deps;
  // Listens for the console's lifetime (its events bus goes with it).
  const ownAccountAtConnect = startOwnAccountAtConnect({
    store,
    events: deps.events,
    connector: deps.connector,
    onError: (message) => process.stderr.write(`${message}\n`),
  });
  return {
    app: {
      async info() {
        return {
          name: deps.name,
          version: deps.version,
          shell: deps.shell,
          versions: deps.versions,
          dataDir: deps.dataDir,
          keyring: deps.secrets.status(),
          attributions,
        };
      },
      async openExternal({ url }) {
        await deps.openExternal(vetExternalUrl(url));
        return { ok: true as const };
      },
    },
    connector: {
      status: async () => deps.connector.status(),
      connectDemo: async () => deps.connectDemo(),
      // The own account asked with the connect is kept and matched once the users are synced.
      connectToken: async ({ ownAccount, ...input }) =>
        ownAccountAtConnect.connect(ownAccount, () => deps.connector.connectToken(input)),
      connectAppCredentials: async ({ ownAccount, ...input }) =>
        ownAccountAtConnect.connect(ownAccount, () => deps.connector.connectAppCredentials(input)),
      connectConsent: async ({ ownAccount, ...input }) =>
        ownAccountAtConnect.connect(ownAccount, () => deps.connector.connectConsent(input)),
      disconnect: async () => deps.connector.disconnect(),
      syncNow: async () => deps.connector.syncNow(),
      cancelSync: async () => deps.connector.cancelSync(),
      dataHealth: async () => deps.connector.dataHealth(),
      ...connectorReadOutsApi(store, deps.connector),
    },
    activities: activitiesApi(store, deps.intel ?? null),
    users: usersApi(store),
    dashboard: dashboardApi(store),
    intel: intelApi(deps.intelLists ?? null),
    alerts: alertsApi(store, deps.intel ?? null),
    governance: governanceApi(store, deps.governance),
    policies: policiesApi(store, deps.intel ?? null),
    ipRanges: ipRangesApi(deps.intel ?? null),
    posture: postureApi(store),
    settings: {
      get: async () => deps.settings.get(),
      async update(patch) {
        const next = deps.settings.update(patch);
        deps.onSettingsChanged?.(next);
        return next;
      },
    },
  };
}
