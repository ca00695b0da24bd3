// The browser host: serves the built renderer and the same contract over HTTP on 127.0.0.1
// (for browser end-to-end tests and for machines where Electron cannot run). Every contract
// call goes through main/console/dispatch.ts exactly as Electron IPC does; events stream as SSE.
//
// It must never die of a request: any page the admin visits can make the browser send one
// (an <img> is enough), and any local process can send raw bytes. So every request runs
// inside one catch that answers 4xx/5xx, every target is parsed without throwing, bodies are
// bounded in size and time, broken HTTP is answered by the clientError handler, and each
// refusal leaves one rate-limited line saying why.
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import type { ConsoleApi } from '../../preload/contract';
import type { Reporter } from '../console/dispatch';
import type { GuardEvents } from '../runtime/events';
import { createRateLimitedLog } from '../runtime/rate-limited-log';
import { RENDERER_CSP } from '../security/renderer-policy';
import { handleApi, handleLaunch, refuse, type ApiContext } from './api-routes';
import { createLaunchTokens } from './launch-tokens';
import { hostHeaderOk, newSecret, originOk, secretOk, type HostIdentity } from './request-guard';
import { parseRequestTarget } from './request-target';
import { describeRequest, printable } from './request-trace';
import { serveRendererFile, type RendererFiles } from './static-files';

export { MAX_BODY_BYTES } from './api-routes';

export interface HostOptions {
  api: ConsoleApi;
  events: GuardEvents;
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  secret?: string;
  report?: Reporter;
  /** Where refusals and request failures are written (rate-limited); stderr by default. */
  warn?: (line: string) => void;
  /** How long a request body may stall between two chunks (default 10 s). */
  bodyIdleTimeoutMs?: number;
  /** Unread event bytes a stream may hold before it is cut (default 4 MB). */
  maxStreamBacklogBytes?: number;
  /** How long a launch URL's one-time token stays valid (default 60 s). */
  launchTokenTtlMs?: number;
}

export interface RunningHost {
  /** The URL to open: carries the secret in the fragment. */
  url: string;
  origin: string;
  port: number;
  secret: string;
  /**
   * A URL for a browser this process starts: it carries a one-time launch token, not the secret,
   * because a command line is readable by every local user.
   */
  launchUrl(): string;
  close(): Promise<void>;
}

/** One warning per kind of refusal per interval; the count of the rest rides on the next one. */
const WARN_INTERVAL_MS = 10_000;
/** Node's own bounds on the request head and the whole request, tightened for a local console. */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_HEADER_BYTES = 16 * 1024;
const MAX_CONNECTIONS = 1024;

function baseHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', RENDERER_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
}

/** The status Node itself would send for a request it could not parse. */
function clientErrorStatus(err: NodeJS.ErrnoException): string {
  if (err.code === 'HPE_HEADER_OVERFLOW') return '431 Request Header Fields Too Large';
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return '408 Request Timeout';
  return '400 Bad Request';
}

export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const secret = opts.secret ?? newSecret();
  const id: HostIdentity = { port: 0, secret };
  const rendererDir = path.resolve(opts.rendererDir);
  const files: RendererFiles = { dir: rendererDir, indexFile: path.join(rendererDir, 'index.html') };
  if (!fs.existsSync(files.indexFile)) {
    throw new Error(`The renderer is not built (${files.indexFile} is missing). Run \`npm run build\` first.`);
  }
  const sink = opts.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  const log = createRateLimitedLog({ intervalMs: WARN_INTERVAL_MS, log: sink });
  const refused = (key: string, req: IncomingMessage, why: string) =>
    log.warn(`refused:${key}`, `host: refused ${describeRequest(req)}: ${why}`);

  const launchTokens = createLaunchTokens({ ttlMs: opts.launchTokenTtlMs ?? 60_000 });
  const streams = new Set<ServerResponse>();
  const apiContext: ApiContext = {
    api: opts.api,
    report: opts.report,
    bodyIdleTimeoutMs: opts.bodyIdleTimeoutMs ?? 10_000,
    streams,
    clientFailed: (req, why) => log.warn(`client:${why}`, `host: ${why}: ${describeRequest(req)}`),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    baseHeaders(res);
    if (!hostHeaderOk(req, id)) {
      refused('host', req, 'Host is not this console (DNS rebinding?)');
      return refuse(res, 421, 'forbidden', 'Requests must be addressed to 127.0.0.1.');
    }
    if (!originOk(req, id)) {
      refused('origin', req, 'Origin is another site (cross-site request)');
      return refuse(res, 403, 'forbidden', 'Cross-origin requests are refused.');
    }
    const target = parseRequestTarget(req.url, `http://127.0.0.1:${id.port}`);
    if (!target.ok) {
      refused('target', req, target.reason);
      res.setHeader('Connection', 'close');
      return refuse(res, 400, 'invalid_input', 'The request target is not a valid path on this console.');
    }
    if (target.pathname === '/api/launch') {
      if (handleLaunch(req, res, launchTokens.redeem, secret)) return;
      refused('launch', req, 'launch token missing, already used or expired');
      return refuse(res, 401, 'forbidden', 'This launch link was already used or has expired.');
    }
    if (target.pathname.startsWith('/api/')) {
      if (!secretOk(req, id)) {
        refused('secret', req, 'no console secret, or a wrong one');
        return refuse(res, 401, 'forbidden', 'This request lacks the console secret.');
      }
      return handleApi(apiContext, req, res, target.pathname);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      refused('method', req, 'only GET and HEAD are served outside /api/');
      return refuse(res, 405, 'forbidden', 'Only GET is served here.');
    }
    return serveRendererFile(res, files, target.decodedPath);
  }

  /** The last line of defence: whatever threw becomes a 500 (or a closed socket) and a log line. */
  function failed(req: IncomingMessage, res: ServerResponse, err: unknown): void {
    const why = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    log.warn('failed', `host: ${describeRequest(req)} failed: ${printable(why, 300)}`);
    if (res.headersSent || res.destroyed) {
      res.destroy();
      return;
    }
    res.setHeader('Connection', 'close');
    refuse(res, 500, 'internal', 'The console could not answer this request; the cause is in its log.');
  }

  const server = http.createServer(
    { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, maxHeaderSize: MAX_HEADER_BYTES },
    (req, res) => {
      // A response whose socket broke must not throw 'error' at nobody.
      res.on('error', () => res.destroy());
      handle(req, res).catch((err: unknown) => failed(req, res, err));
    },
  );
  server.maxConnections = MAX_CONNECTIONS;
  // Bytes that are not HTTP, oversize heads, timeouts: answered the way Node would, and logged.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code !== 'ECONNRESET') {
      log.warn(`client-error:${err.code}`, `host: unparseable request (${printable(err.code ?? err.message)})`);
    }
    const pending = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
    if (socket.writable && (!pending || !pending.headersSent)) {
      socket.end(`HTTP/1.1 ${clientErrorStatus(err)}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    } else socket.destroy();
  });

  /** A stream whose reader stopped reading is cut (its page reconnects) rather than buffered without end. */
  const maxBacklog = opts.maxStreamBacklogBytes ?? 4 * 1024 * 1024;
  const writeToStreams = (frame: string) => {
    for (const s of streams) {
      if (s.destroyed) continue;
      if (s.writableLength > maxBacklog) {
        log.warn('stream-backlog', 'host: an event stream stopped reading; it was closed (the page reconnects)');
        s.destroy();
        streams.delete(s);
        continue;
      }
      s.write(frame);
    }
  };
  const offEvents = opts.events.onAny((name, payload) => {
    // Runs inside whoever emitted the event: a payload that cannot be serialised is logged, not thrown at it.
    let frame: string;
    try {
      frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    } catch (err) {
      log.warn(`event:${name}`, `host: event ${name} could not be sent: ${printable(String(err), 300)}`);
      return;
    }
    writeToStreams(frame);
  });
  // Keeps idle streams (and any proxy) from timing out; also detects dead peers.
  const keepAlive = setInterval(() => writeToStreams(': keep-alive\n\n'), 15_000);
  keepAlive.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // After listening, an error (e.g. out of file descriptors on accept) is logged, not fatal.
  server.on('error', (err) => log.warn('server-error', `host: ${printable(err.message, 300)}`));
  id.port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${id.port}`;
  return {
    url: `${origin}/#secret=${secret}`,
    origin,
    port: id.port,
    secret,
    launchUrl: () => `${origin}/#launch=${launchTokens.issue()}`,
    async close() {
      offEvents();
      clearInterval(keepAlive);
      for (const s of streams) s.end();
      streams.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
