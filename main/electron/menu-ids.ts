// Ids of the app menu's own items, apart from app-menu.ts so the end-to-end tests can name the
// exact item a person would click without importing 'electron' into the test process.
export const MENU_ITEM_IDS = { syncNow: 'sync-now', settings: 'show-settings', about: 'show-about' } as const;
