// The connector slice's read-outs beyond the status: the history of the last syncs (kept in the
// store's meta by the sync) and the permissions the console needs, each granted, missing or not
// yet checked, as the last sync found them.
import type { ConnectorPermissions, ConsoleApi, ConnectorStatus } from '../../preload/contract';
import type { Store } from '../store/types';
import type { Connector } from '../sync/connector';
import { readSyncHistory } from '../sync/sync-history';
import { FEATURES } from '../workplace/api-error';

type ConnectorReadOuts = Pick<ConsoleApi['connector'], 'syncHistory' | 'permissions'>;

export function connectorPermissions(status: ConnectorStatus): ConnectorPermissions {
  const connected = status.state !== 'not_connected' && status.state !== 'disconnected';
  // Only a finished sync (lastSyncAt) tried every API area; before it nothing is known.
  const checkedAt = connected ? status.lastSyncAt : null;
  const missing = new Set(status.disabledFeatures.map((f) => f.permission));
  const needed = Object.values(FEATURES);
  const known = new Set<string>(needed.map((f) => f.permission));
  return {
    checkedAt,
    items: [
      ...needed.map((f) => ({
        permission: f.permission,
        feature: f.feature,
        state: missing.has(f.permission)
          ? ('missing' as const)
          : checkedAt === null
            ? ('unchecked' as const)
            : ('granted' as const),
      })),
      // A feature switched off for a permission this list does not name is still missing.
      ...status.disabledFeatures
        .filter((f) => !known.has(f.permission))
        .map((f) => ({ permission: f.permission, feature: f.feature, state: 'missing' as const })),
    ],
  };
}

export function connectorReadOutsApi(store: Store, connector: Connector): ConnectorReadOuts {
  return {
    syncHistory: async (input) => readSyncHistory(store.meta, input?.limit ?? 20),
    permissions: async () => connectorPermissions(connector.status()),
  };
}
