// Builds a running console for one data directory: store, connector, scheduler and the
// facade, with the shell's own settings/secrets/consent implementations plugged in.
// Shared by the Electron glue, the browser host (`workplace-guard serve`) and the tests.
import type { ConsoleApi } from '../../preload/contract';
import { createConsole } from './console';
import { startAutomaticActions } from './automatic-actions';
import { openGovernance } from './governance-wiring';
import { readGovernanceSettings, writeGovernanceSettings } from '../govern/settings';
import type { DetectionPipeline } from '../detect/pipeline';
import type { TerminationLookup } from '../detect/detection';
import type { IpIntelService } from '../intel/ip-intel';
import { startListRefreshSchedule } from '../intel/list-refresh-schedule';
import { packageInfo } from '../runtime/package-info';
import { GuardEvents } from '../runtime/events';
import { FileSecretStore, type SecretStore } from '../runtime/secrets';
import { FileSettingsStore, type SettingsStore } from '../runtime/settings';
import { openStore } from '../store/index';
import type { Store } from '../store/types';
import { readConnection } from '../sync/connection';
import { createConnector, type Connector } from '../sync/connector';
import { openSyncDetection } from '../sync/sync-detection';
import { switchableStore } from '../sync/switchable-store';
import { startInAppDemo, type DemoServer } from './in-app-demo';
import type { ConsentFlow } from '../workplace/consent';
import { createDemoAutoConsentFlow } from '../workplace/consent-auto';
import { createLoopbackConsentFlow } from '../workplace/consent-loopback';

export interface OpenConsoleOptions {
  shell: 'electron' | 'browser' | 'node';
  dataDir: string;
  settings?: SettingsStore;
  secrets?: SecretStore;
  events?: GuardEvents;
  /** The embedded consent window (Electron only); otherwise the system browser + loopback flow is used. */
  windowConsentFlow?: () => ConsentFlow;
  /** Opens a vetted URL in the system browser. */
  openExternal?: (url: string) => Promise<void>;
  versions?: Record<string, string>;
  /** Demo community size (the bench and tests choose their own). */
  demo?: { users?: number; days?: number; seed?: number | string; liveRatePerMin?: number };
  /**
   * What detection knows about addresses (lists, ranges, ASNs). Without it the console opens the
   * admin's ranges and the cached lists of this data dir (no ASN table: it is the caller's to load).
   */
  ipIntel?: IpIntelService;
  /** The admin's imported termination list, for the terminated-user policy. */
  terminations?: TerminationLookup;
  /** Start the periodic sync scheduler (the app and `serve` do; one-shot commands do not). */
  schedule?: boolean;
}

export interface RunningConsole {
  api: ConsoleApi;
  events: GuardEvents;
  store: Store;
  connector: Connector;
  /** Detection of the synced activities (settled() resolves once everything committed is evaluated). */
  detection: DetectionPipeline;
  settings: SettingsStore;
  secrets: SecretStore;
  demo(): DemoServer | null;
  close(): Promise<void>;
}

export async function openConsole(opts: OpenConsoleOptions): Promise<RunningConsole> {
  const events = opts.events ?? new GuardEvents();
  const settings = opts.settings ?? new FileSettingsStore(opts.dataDir);
  const secrets = opts.secrets ?? new FileSecretStore(opts.dataDir);
  // Switchable: connecting another organisation may archive or clear the store (sync/organisation.ts).
  const store = switchableStore(await openStore(opts.dataDir), () => openStore(opts.dataDir));
  const pkg = packageInfo();
  const openExternal = opts.openExternal ?? (async () => {});
  // The browser host cannot open a window for consent: its page is already in the admin's
  // browser, so the consent page is handed to it as a link (a tab opened by the admin's click).
  const openConsentPage =
    opts.openExternal ??
    (async (url: string) => {
      events.emit('connector.consent', { url });
    });
  let demo: DemoServer | null = null;
  // Set only while connecting to the bundled demo community. In Electron the admin sees its
  // real consent window; elsewhere, and when a restarted console reconnects to a demo it had
  // already consented to, its form is completed by HTTP (there is nothing left to decide).
  let connectingToDemo: 'interactive' | 'auto' | null = null;

  const consentFlow = (): ConsentFlow => {
    if (connectingToDemo === 'auto' || (connectingToDemo && !opts.windowConsentFlow))
      return createDemoAutoConsentFlow();
    if (opts.windowConsentFlow && (connectingToDemo || settings.get().consentMode === 'window'))
      return opts.windowConsentFlow();
    return createLoopbackConsentFlow(openConsentPage);
  };

  // IP intel and detection, wired as for every sync (sync/sync-detection.ts; the CLI's too).
  const syncDetection = await openSyncDetection({
    store,
    events,
    dataDir: opts.dataDir,
    ipIntel: opts.ipIntel,
    terminations: opts.terminations,
  });
  const { intel: ipIntel, pipeline: detection } = syncDetection;
  const connector = createConnector({
    ...syncDetection.connectorDeps,
    store,
    secrets,
    settings,
    events,
    consentFlow,
    userAgent: `WorkplaceGuard/${pkg.version} (+security console; ${opts.shell})`,
  });

  const userAgent = `WorkplaceGuard/${pkg.version} (+security console; ${opts.shell})`;
  const governance = await openGovernance({
    store,
    secrets,
    userAgent,
    onChange: (entry) => events.emit('governance.result', entry),
  });
  // Queued actions go out when the organisation is reachable again: after every sync that
  // ends connected (the connection works), each with a fresh safety check.
  // Automatic actions detection queued go to governance (dry run, cap and safety rules apply).
  const automaticActions = startAutomaticActions(store, governance);
  const drainAutomatic = () =>
    void automaticActions
      .drain()
      .catch((err) => process.stderr.write(`Automatic governance actions failed: ${(err as Error).message}\n`));
  const offAutomatic = events.on('alerts.new', drainAutomatic);
  drainAutomatic();
  const offGovernanceFlush = events.on('connector.status', (s) => {
    if (s.state === 'connected' && governance.governance.pendingCount() > 0)
      void governance.governance
        .flush()
        .catch((err) =>
          process.stderr.write(`Queued governance actions could not be sent: ${(err as Error).message}\n`),
        );
  });

  async function startDemo(): Promise<DemoServer> {
    demo ??= await startInAppDemo(store, opts.dataDir, opts.demo ?? {});
    return demo;
  }

  /** Connects to the in-app demo; `auto` completes its consent form by HTTP (see consentFlow). */
  async function connectDemo(auto: boolean) {
    const server = await startDemo();
    connectingToDemo = auto ? 'auto' : 'interactive';
    try {
      const status = await connector.connectConsent({
        appId: server.appId,
        appSecret: server.appSecret,
        apiBase: server.baseUrl,
        demo: true,
      });
      // In the demo the admin who consented is known: mark it as the own account (never
      // suspended or signed out), as the connect form asks a real admin to.
      if (!readGovernanceSettings(store.meta).ownAccount)
        await writeGovernanceSettings(store.meta, { ownAccount: server.inspect.connectedAdminId });
      return status;
    } finally {
      connectingToDemo = null;
    }
  }

  const api = createConsole({
    shell: opts.shell,
    name: pkg.productName,
    version: pkg.version,
    versions: opts.versions ?? { node: process.versions.node },
    dataDir: opts.dataDir,
    store,
    connector,
    settings,
    secrets,
    events,
    openExternal,
    connectDemo: () => connectDemo(false),
    governance,
    intel: ipIntel,
    intelLists: ipIntel.lists,
    onSettingsChanged: () => {
      if (opts.schedule) connector.startScheduler();
    },
  });

  if (opts.schedule) connector.startScheduler();
  // The IP lists' daily refresh, for consoles that stay open; it acts only if the admin opted in.
  const listSchedule = opts.schedule
    ? startListRefreshSchedule({
        lists: ipIntel.lists,
        onRefreshed: (results) =>
          results
            .filter((r) => !r.ok)
            .forEach((r) => process.stderr.write(`Scheduled IP list refresh: ${r.message}\n`)),
        onError: (message) => process.stderr.write(`${message}\n`),
      })
    : null;

  // The demo community lives in this process: after a restart, bring it back and reconnect,
  // so the admin finds the demo as they left it. In the background: opening must stay fast.
  const record = readConnection(store.meta);
  if (record?.method === 'demo' && record.disconnectedAt === null) {
    // If it cannot come back, the next sync fails against the old address and the connector
    // itself reports Error with its fix; the cause is logged here.
    void connectDemo(true).catch((err) =>
      process.stderr.write(`The demo community could not be restarted: ${(err as Error).message}\n`),
    );
  }

  return {
    api,
    events,
    store,
    connector,
    detection,
    settings,
    secrets,
    demo: () => demo,
    async close() {
      connector.stopScheduler();
      listSchedule?.stop();
      offGovernanceFlush();
      offAutomatic();
      await connector.close();
      await syncDetection.close();
      await store.close();
      await demo?.close();
    },
  };
}
