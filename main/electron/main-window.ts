import path from 'node:path';
import { BrowserWindow, nativeTheme } from 'electron';
import { APP_INDEX_URL } from './app-origin';

export function createMainWindow(preloadDir: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Workplace Guard',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1a1b1e' : '#ffffff',
    webPreferences: {
      preload: path.join(preloadDir, 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // A failed load leaves an empty window; the log says why (a packaging fault, not a user's).
  win.loadURL(APP_INDEX_URL).catch((err: unknown) => console.error('The console page did not load:', err));
  return win;
}
