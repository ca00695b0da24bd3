// The renderer is served from app://guard/ rather than file://, so the app has a real origin:
// the sender check in ipc.ts, navigation rules and CSP can all compare against it.
import fs from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { RENDERER_CSP, RENDERER_MIME } from '../security/renderer-policy';
import { APP_HOST, APP_SCHEME } from './app-origin';

export { APP_HOST, APP_INDEX_URL, APP_ORIGIN, APP_SCHEME, isAppUrl } from './app-origin';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  const root = path.resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) return new Response('Not found', { status: 404 });
    try {
      const body = await fs.readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': RENDERER_MIME[path.extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': RENDERER_CSP,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
