// Builds a running console for one data directory: store, connector, scheduler and the
// facade, with the shell's own settings/secrets/consent implementations plugged in.
// Shared by the Electron glue, the browser host (`workplace-guard serve`) and the tests.
import path from 'node:path';
import type { ConsoleApi } from '../preload/contract';
import { createConsole } from './console';
import { packageInfo } from './package-info';
import type { DemoServer } from './demo/index';
import { GuardEvents } from './runtime/events';
import { FileSecretStore, type SecretStore } from './runtime/secrets';
import { FileSettingsStore, type SettingsStore } from './runtime/settings';
import { openStore } from './store/index';
import type { Store } from './store/types';
import { createConnector, type Connector } from './sync/connector';
import type { ConsentFlow } from './workplace/consent';
import { createDemoAutoConsentFlow } from './workplace/consent-auto';
import { createLoopbackConsentFlow } from './workplace/consent-loopback';

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
  /** Start the periodic sync scheduler (the app and `serve` do; one-shot commands do not). */
  schedule?: boolean;
}

export interface RunningConsole {
  api: ConsoleApi;
  events: GuardEvents;
  store: Store;
  connector: Connector;
  settings: SettingsStore;
  secrets: SecretStore;
  demo(): DemoServer | null;
  close(): Promise<void>;
}

export async function openConsole(opts: OpenConsoleOptions): Promise<RunningConsole> {
  const events = opts.events ?? new GuardEvents();
  const settings = opts.settings ?? new FileSettingsStore(opts.dataDir);
  const secrets = opts.secrets ?? new FileSecretStore(opts.dataDir);
  const store = await openStore(opts.dataDir);
  const pkg = packageInfo();
  const openExternal = opts.openExternal ?? (async () => {});
  let demo: DemoServer | null = null;
  // Set only while connecting to the bundled demo community: outside Electron its consent
  // form is completed by HTTP (the admin asked for the demo; there is nothing to decide).
  let connectingToDemo = false;

  const consentFlow = (): ConsentFlow => {
    if (opts.windowConsentFlow && (connectingToDemo || settings.get().consentMode === 'window')) return opts.windowConsentFlow();
    if (connectingToDemo) return createDemoAutoConsentFlow();
    return createLoopbackConsentFlow(openExternal);
  };

  const connector = createConnector({
    store,
    secrets,
    settings,
    events,
    consentFlow,
    userAgent: `WorkplaceGuard/${pkg.version} (+security console; ${opts.shell})`,
  });

  async function startDemo(): Promise<DemoServer> {
    if (demo) return demo;
    const { startDemoServer } = await import('./demo/index');
    demo = await startDemoServer({
      users: opts.demo?.users ?? 300,
      days: opts.demo?.days ?? 30,
      seed: opts.demo?.seed ?? 'workplace-guard-demo',
      liveRatePerMin: opts.demo?.liveRatePerMin ?? 6,
      outDir: path.join(opts.dataDir, 'demo-community'),
    });
    return demo;
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
    async connectDemo() {
      const server = await startDemo();
      connectingToDemo = true;
      try {
        return await connector.connectConsent({ appId: server.appId, appSecret: server.appSecret, apiBase: server.baseUrl });
      } finally {
        connectingToDemo = false;
      }
    },
    onSettingsChanged: () => {
      if (opts.schedule) connector.startScheduler();
    },
  });

  if (opts.schedule) connector.startScheduler();

  return {
    api,
    events,
    store,
    connector,
    settings,
    secrets,
    demo: () => demo,
    async close() {
      connector.stopScheduler();
      await connector.close();
      await store.close();
      await demo?.close();
    },
  };
}
