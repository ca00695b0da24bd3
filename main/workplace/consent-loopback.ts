// RFC 8252 native-app consent: the system browser shows the dialog and redirects to a one-shot
// listener on 127.0.0.1 at an ephemeral port. Only the exact callback path is answered; the
// listener closes as soon as one redirect (or the timeout, or cancellation) arrives.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GuardError } from '../runtime/errors';
import { readRedirect, type ConsentFlow, type ConsentResult } from './consent';

const DONE_TEXT = 'Workplace Guard received the consent. You can close this tab.';
const FAILED_TEXT = 'Consent did not complete. You can close this tab and try again in Workplace Guard.';
const DONE_PAGE = (ok: boolean) =>
  `<!doctype html><meta charset="utf-8"><title>Workplace Guard</title><body style="font-family:sans-serif">` +
  `<p>${ok ? DONE_TEXT : FAILED_TEXT}</p>`;

export function createLoopbackConsentFlow(openUrl: (url: string) => Promise<void>): ConsentFlow {
  return {
    authorize: ({ buildUrl, timeoutMs, signal }) =>
      new Promise<ConsentResult>((resolve, reject) => {
        const callbackPath = `/workplace-guard/callback/${crypto.randomBytes(8).toString('hex')}`;
        let redirectUri = '';
        let settled = false;
        const server = http.createServer((req, res) => {
          const url = new URL(req.url ?? '/', 'http://127.0.0.1');
          if (req.method !== 'GET' || url.pathname !== callbackPath) {
            res.writeHead(404).end();
            return;
          }
          try {
            const result = readRedirect(url, redirectUri);
            res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(DONE_PAGE(true));
            finish(null, result);
          } catch (err) {
            res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(DONE_PAGE(false));
            finish(err as Error);
          }
        });
        const timer = setTimeout(
          () => finish(new GuardError('refused', 'Consent timed out after 5 minutes; nothing was connected.')),
          timeoutMs,
        );
        const onAbort = () => finish(new GuardError('refused', 'Consent was cancelled.'));
        signal?.addEventListener('abort', onAbort, { once: true });
        function finish(err: Error | null, result?: ConsentResult) {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          server.close();
          server.closeAllConnections?.();
          if (err) reject(err);
          else resolve(result!);
        }
        if (signal?.aborted) return onAbort();
        server.on('error', (err) =>
          finish(new GuardError('internal', `Could not listen for the consent redirect: ${err.message}`)),
        );
        server.listen(0, '127.0.0.1', () => {
          const { port } = server.address() as AddressInfo;
          redirectUri = `http://127.0.0.1:${port}${callbackPath}`;
          let url: string;
          try {
            url = buildUrl(redirectUri);
          } catch (err) {
            return finish(err as Error);
          }
          openUrl(url).catch((err: unknown) =>
            finish(
              new GuardError(
                'refused',
                `Could not open the browser for consent: ${err instanceof Error ? err.message : String(err)}`,
              ),
            ),
          );
        });
      }),
  };
}
