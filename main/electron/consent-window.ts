// "Add to Workplace" consent in an embedded BrowserWindow, hardened as platform.md asks:
// its own non-persistent partition, no preload, sandboxed, permissions denied, navigation
// only within the consent origin, the redirect to our registered URI caught and cancelled
// (it never loads), 5-minute timeout, closing the window cancels.
import crypto from 'node:crypto';
import { BrowserWindow, session } from 'electron';
import { GuardError } from '../runtime/errors';
import { DESKTOP_REDIRECT_URI as WINDOW_REDIRECT_URI, type ConsentFlow } from '../workplace/consent';

function sameTarget(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname;
}

export function createWindowConsentFlow(parent: () => BrowserWindow | null): ConsentFlow {
  return {
    authorize({ buildUrl, timeoutMs, signal }) {
      const redirect = new URL(WINDOW_REDIRECT_URI);
      const startUrl = new URL(buildUrl(WINDOW_REDIRECT_URI));
      const consentOrigin = startUrl.origin;
      const partition = `consent-${crypto.randomUUID()}`; // no "persist:" prefix: in memory only
      const ses = session.fromPartition(partition, { cache: false });
      ses.setPermissionRequestHandler((_wc, _p, cb) => cb(false));
      ses.setPermissionCheckHandler(() => false);
      const win = new BrowserWindow({
        parent: parent() ?? undefined,
        modal: Boolean(parent()),
        width: 640,
        height: 720,
        title: 'Add to Workplace',
        autoHideMenuBar: true,
        webPreferences: {
          partition,
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          webviewTag: false,
          javascript: true,
        },
      });
      return new Promise((resolve, reject) => {
        let settled = false;
        const finish = (fn: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          fn();
          if (!win.isDestroyed()) win.destroy();
          ses
            .clearStorageData()
            .catch((err: unknown) => console.warn("The consent window's storage was not cleared:", err));
        };
        const timer = setTimeout(
          () =>
            finish(() =>
              reject(new GuardError('refused', 'The consent window timed out after 5 minutes. Try connecting again.')),
            ),
          timeoutMs,
        );
        const onAbort = () => finish(() => reject(new GuardError('refused', 'Connecting was cancelled.')));
        signal?.addEventListener('abort', onAbort);

        const inspect = (event: { preventDefault(): void }, raw: string) => {
          let url: URL;
          try {
            url = new URL(raw);
          } catch {
            event.preventDefault();
            return;
          }
          if (sameTarget(url, redirect)) {
            event.preventDefault();
            const error = url.searchParams.get('error');
            const code = url.searchParams.get('code');
            if (error || !code) {
              const why = url.searchParams.get('error_description') ?? error ?? 'no code was returned';
              finish(() => reject(new GuardError('refused', `The organisation was not connected: ${why}.`)));
            } else {
              finish(() => resolve({ code, state: url.searchParams.get('state'), redirectUri: WINDOW_REDIRECT_URI }));
            }
            return;
          }
          if (url.origin !== consentOrigin) event.preventDefault();
        };
        win.webContents.on('will-navigate', inspect);
        win.webContents.on('will-redirect', inspect);
        win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
        win.webContents.on('did-fail-load', (_e, code, description, url, isMainFrame) => {
          // -3 (ABORTED) is our own preventDefault on the redirect; anything else is a real failure.
          if (isMainFrame && code !== -3) {
            finish(() =>
              reject(new GuardError('network', `The consent page could not be loaded (${description}) from ${url}.`)),
            );
          }
        });
        win.on('closed', () =>
          finish(() =>
            reject(new GuardError('refused', 'The consent window was closed before the organisation was connected.')),
          ),
        );
        // The outcome arrives through navigation or 'closed' (above); a page that fails to load shows
        // its error in the window, where the admin can close it, so the rejection is only logged.
        win.loadURL(startUrl.toString()).catch((err: unknown) => console.warn('The consent page did not load:', err));
      });
    },
  };
}
