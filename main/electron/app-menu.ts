// The application menu. Items that show a screen do it through the contract's 'app.navigate'
// event (the renderer follows it), never by poking at the window directly.
import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { ScreenId } from '../../preload/contract';
import { MENU_ITEM_IDS } from './menu-ids';
import { openExternalSafely } from './web-security';

export type MenuActions = { syncNow(): void; navigate(screen: ScreenId): void };

export function menuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const isMac = process.platform === 'darwin';
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { id: MENU_ITEM_IDS.syncNow, label: 'Sync now', accelerator: 'CmdOrCtrl+R', click: () => actions.syncNow() },
        {
          id: MENU_ITEM_IDS.settings,
          label: 'Settings…',
          accelerator: 'CmdOrCtrl+,',
          click: () => actions.navigate('settings'),
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { id: MENU_ITEM_IDS.about, label: 'About Workplace Guard', click: () => actions.navigate('about') },
        {
          label: 'Meta Admin Center documentation',
          click: () =>
            openExternalSafely('https://developers.facebook.com/docs/workplace').catch((err: unknown) =>
              console.warn('Could not open the documentation:', err),
            ),
        },
      ],
    },
  ];
}

export function installMenu(actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(actions)));
}
