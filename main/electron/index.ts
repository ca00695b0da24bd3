// The Electron main process: the only place that imports 'electron' (with preload/).
// It wires the shell's implementations (safeStorage secrets, electron-store settings, the
// consent window, power events) into the same console the CLI and the browser host use.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, net, Notification, powerMonitor } from 'electron';
import { openConsole, type RunningConsole } from '../console/open-console';
import { defaultDataDir } from '../runtime/data-dir';
import { limitHeapGrowth } from '../runtime/heap-growth';
import { installStrayErrorHandlers } from '../runtime/stray-errors';
import { startAlertNotifier } from './alert-notifier';
import { installMenu } from './app-menu';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { createWindowConsentFlow } from './consent-window';
import { ElectronSettingsStore } from './electron-settings';
import { forwardEvents, registerIpc } from './ipc';
import { createMainWindow } from './main-window';
import { SafeStorageSecretStore } from './safe-storage-secrets';
import { applyWebContentsBaseline, hardenSession, openExternalSafely } from './web-security';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '..', 'renderer');
const preloadDir = path.join(here, '..', 'preload');

// A sync's garbage must not hold the RSS up (runtime/heap-growth.ts).
limitHeapGrowth();

// One data directory for the app, the CLI and the host (WORKPLACE_GUARD_DATA_DIR overrides).
const dataDir = defaultDataDir();
app.setPath('userData', dataDir);
// Packaged builds ship the geolocation data as extra resources, outside the asar archive.
if (app.isPackaged && !process.env.WORKPLACE_GUARD_GEO_DIR) {
  process.env.WORKPLACE_GUARD_GEO_DIR = path.join(process.resourcesPath, 'geo', 'dbip-city-mmdb');
}
if (app.isPackaged && !process.env.WORKPLACE_GUARD_ASN_DIR) {
  process.env.WORKPLACE_GUARD_ASN_DIR = path.join(process.resourcesPath, 'geo', 'asn');
}
if (app.isPackaged && !process.env.WORKPLACE_GUARD_LIST_FIXTURES) {
  process.env.WORKPLACE_GUARD_LIST_FIXTURES = path.join(process.resourcesPath, 'intel-fixtures');
}

// A failure nothing caught is logged and the app keeps running (Node's default is to die).
installStrayErrorHandlers({ mode: 'keep-serving', name: 'Workplace Guard', write: (line) => console.error(line) });

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  applyWebContentsBaseline();
  let mainWindow: BrowserWindow | null = null;
  let running: RunningConsole | null = null;
  const windows = () => (mainWindow && !mainWindow.isDestroyed() ? [mainWindow.webContents] : []);

  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  const started = app.whenReady().then(async () => {
    hardenSession();
    serveRenderer(rendererDir);
    running = await openConsole({
      shell: 'electron',
      dataDir,
      settings: new ElectronSettingsStore(dataDir),
      secrets: new SafeStorageSecretStore(dataDir),
      windowConsentFlow: () => createWindowConsentFlow(() => mainWindow),
      openExternal: openExternalSafely,
      versions: { electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node },
      schedule: true,
    });
    const console_ = running;
    registerIpc(console_.api, windows, (op, err, cause) => console.error(`[${op}]`, err.message, cause));
    forwardEvents(console_.events, windows);
    startAlertNotifier({
      events: console_.events,
      alert: (id) => console_.store.alerts.get(id),
      enabled: () => console_.settings.get().notifications,
      focusWindow: () => {
        // Closed (macOS keeps running without a window): the click opens it again.
        if (!mainWindow) {
          mainWindow = createMainWindow(preloadDir);
          mainWindow.on('closed', () => (mainWindow = null));
        }
        if (mainWindow.isMinimized()) mainWindow.restore();
        mainWindow.show();
        mainWindow.focus();
      },
    });
    console_.events.on('connector.status', (status) => {
      if (
        status.state === 'error' &&
        status.error &&
        console_.settings.get().notifications &&
        Notification.isSupported()
      ) {
        new Notification({
          title: 'Workplace Guard: connector error',
          body: `${status.error.message} ${status.error.fix}`,
        }).show();
      }
    });
    powerMonitor.on('resume', () => console_.connector.onResume());
    // Electron has no main-process "online" event: poll cheaply and react to the transition.
    let online = net.isOnline();
    setInterval(() => {
      const now = net.isOnline();
      if (now && !online) console_.connector.onOnline();
      online = now;
    }, 30_000).unref();
    installMenu({
      syncNow: () => console_.connector.syncNow().catch((err: unknown) => console.warn('Sync now did not start:', err)),
      // A contract event like any other: validated, forwarded to the window, followed by the renderer.
      navigate: (screen) => console_.events.emit('app.navigate', { screen }),
    });
    mainWindow = createMainWindow(preloadDir);
    mainWindow.on('closed', () => (mainWindow = null));
  });
  started.catch((err: unknown) => {
    // Without a console there is nothing to show: say why (e.g. the data directory is in use) and quit.
    console.error('Workplace Guard could not start:', err);
    dialog.showErrorBox('Workplace Guard could not start', err instanceof Error ? err.message : String(err));
    app.exit(1);
  });

  app.on('activate', () => {
    if (running && BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(preloadDir);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing || !running) return;
    // Finish (or cancel) the sync and close the store cleanly before the process goes.
    event.preventDefault();
    closing = true;
    running.close().then(
      () => app.quit(),
      (err: unknown) => {
        console.error('The console did not close cleanly:', err);
        app.quit();
      },
    );
  });
}
