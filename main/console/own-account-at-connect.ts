// The own account the connect form asks for (issue 10 req 2): kept with the connection, then
// matched against the organisation's users as soon as a sync has read them (govern/own-account.ts).
// Lives in the console because it joins the connector (when users are synced) to governance
// (what the own account is), which meet nowhere else.
import type { ConnectorStatus, SyncProgress } from '../../preload/contract';
import {
  askOwnAccount,
  governanceSettingsView,
  readAskedOwnAccount,
  settleAskedOwnAccount,
  type OwnAccountOutcome,
} from '../govern/own-account';
import type { GuardEvents } from '../runtime/events';
import type { Store } from '../store/types';
import type { Connector } from '../sync/connector';

export interface OwnAccountAtConnect {
  /** Runs a connect, then keeps the own account given with it (a blank one asks nothing). */
  connect(ownAccount: string | undefined, run: () => Promise<ConnectorStatus>): Promise<ConnectorStatus>;
  /** Matches a kept answer against the synced users, unless a users sync is still under way. */
  check(): Promise<OwnAccountOutcome>;
  stop(): void;
}

/** Users are read first in every sync that reads them: past that phase (or idle), they are in the store. */
function usersSettled(p: SyncProgress): boolean {
  return !p.running || p.phase === 'activities' || p.phase === 'done';
}

export function startOwnAccountAtConnect(deps: {
  store: Store;
  events: GuardEvents;
  connector: Connector;
  now?: () => number;
  onError?: (message: string) => void;
}): OwnAccountAtConnect {
  const { store, events, connector } = deps;
  const now = deps.now ?? Date.now;
  // One check at a time: each may write the settings, and progress events come in bursts.
  let chain: Promise<OwnAccountOutcome> = Promise.resolve({ state: 'none' });
  const settle = async (): Promise<OwnAccountOutcome> => {
    const outcome = await settleAskedOwnAccount(store.meta, store.users);
    // The Governance screen (and the connector's notice) show the outcome without a reload.
    if (outcome.state === 'set' || outcome.state === 'unmatched')
      events.emit('governance.settings', governanceSettingsView(store.meta));
    return outcome;
  };
  const check = (): Promise<OwnAccountOutcome> => {
    const run = chain.then(settle, settle);
    chain = run.catch(() => ({ state: 'none' }) as const);
    return run;
  };
  const checkInBackground = () =>
    void check().catch((err: unknown) =>
      deps.onError?.(`Your own account could not be checked: ${err instanceof Error ? err.message : String(err)}`),
    );
  let lastPhase: SyncProgress['phase'] | null = null;
  const offProgress = events.on('sync.progress', (p) => {
    // Once per sync, when it moves from users to activities (progress events repeat the phase).
    if (p.phase !== lastPhase && p.phase === 'activities' && readAskedOwnAccount(store.meta)) checkInBackground();
    lastPhase = p.phase;
  });
  const offStatus = events.on('connector.status', (s) => {
    if (s.state === 'connected' && usersSettled(s.progress) && readAskedOwnAccount(store.meta)) checkInBackground();
  });
  return {
    async connect(ownAccount, run) {
      const status = await run();
      if (!ownAccount?.trim()) return status;
      await askOwnAccount(store.meta, ownAccount, now());
      // The connect's sync may already have read the users (or the store holds this
      // organisation's users from before): match now rather than wait for the next sync.
      if (usersSettled(connector.status().progress)) await check();
      return connector.status();
    },
    check,
    stop() {
      offProgress();
      offStatus();
    },
  };
}
