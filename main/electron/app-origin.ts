// The app's own origin, app://guard/, and the one test of whether a URL belongs to it. Kept
// free of 'electron' so the sender check, navigation rules and their unit tests share it.
export const APP_SCHEME = 'app';
export const APP_HOST = 'guard';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Node's URL gives non-special schemes an opaque "null" origin, so compare scheme and host. */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}
