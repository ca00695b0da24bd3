// The security baseline for every web contents the app creates (platform.md): no navigation
// away from the app, no new windows (vetted https links go to the system browser), no
// permission grants, no <webview>.
import { app, session, shell, type WebContents } from 'electron';
import { vetExternalUrl } from '../security/open-external-guard';
import { isAppUrl } from './app-origin';

export function openExternalSafely(url: string): Promise<void> {
  return shell.openExternal(vetExternalUrl(url));
}

export function hardenSession(ses = session.defaultSession): void {
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler?.(() => false);
}

export function applyWebContentsBaseline(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Links meant for the world open in the system browser, after vetting; nothing opens in-app.
      try {
        openExternalSafely(url).catch((err: unknown) => console.warn(`Could not open ${url} in the browser:`, err));
      } catch {
        /* refused silently: the renderer asked for something that is not a vetted https link */
      }
      return { action: 'deny' };
    });
    contents.on('will-navigate', (e, url) => {
      // The consent window installs its own stricter handler; app windows stay on the app origin.
      if (contents.session === session.defaultSession) {
        if (!isAppUrl(url)) e.preventDefault();
      }
    });
  });
}
