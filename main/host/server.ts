// The browser host: serves the built renderer and the same contract over HTTP on 127.0.0.1
// (for browser end-to-end tests and for machines where Electron cannot run). Every contract
// call goes through main/console/dispatch.ts exactly as Electron IPC does; events stream as SSE.
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { ConsoleApi, Envelope } from '../../preload/contract';
import { dispatch, type Reporter } from '../console/dispatch';
import { RENDERER_CSP, RENDERER_MIME } from '../security/renderer-policy';
import type { GuardEvents } from '../runtime/events';
import { bridgeScript } from './bridge-script';
import { hostHeaderOk, newSecret, originOk, secretOk, type HostIdentity } from './request-guard';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface HostOptions {
  api: ConsoleApi;
  events: GuardEvents;
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  secret?: string;
  report?: Reporter;
}

export interface RunningHost {
  /** The URL to open: carries the secret in the fragment. */
  url: string;
  origin: string;
  port: number;
  secret: string;
  close(): Promise<void>;
}

function baseHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', RENDERER_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
}

function sendJson(res: ServerResponse, status: number, body: Envelope<unknown>): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function refuse(
  res: ServerResponse,
  status: number,
  code: 'forbidden' | 'invalid_input' | 'unknown_operation',
  message: string,
) {
  sendJson(res, status, { ok: false, error: { code, message } });
}

/** Reads at most MAX_BODY_BYTES; a larger body is refused without buffering it all. */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** JSON.parse, but an object's own `__proto__`/`constructor` keys never reach a prototype (the schemas then reject them as extra fields). */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  return JSON.parse(text);
}

function injectBridge(html: string): string {
  // A classic script runs before the deferred module bundle, so window.guard exists first.
  const tag = '<script src="./guard-bridge.js"></script>';
  return html.includes('<head>') ? html.replace('<head>', `<head>\n    ${tag}`) : tag + html;
}

export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const secret = opts.secret ?? newSecret();
  const id: HostIdentity = { port: 0, secret };
  const rendererDir = path.resolve(opts.rendererDir);
  const indexFile = path.join(rendererDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    throw new Error(`The renderer is not built (${indexFile} is missing). Run \`npm run build\` first.`);
  }
  const streams = new Set<ServerResponse>();

  const server = http.createServer(async (req, res) => {
    baseHeaders(res);
    if (!hostHeaderOk(req, id)) return refuse(res, 421, 'forbidden', 'Requests must be addressed to 127.0.0.1.');
    if (!originOk(req, id)) return refuse(res, 403, 'forbidden', 'Cross-origin requests are refused.');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${id.port}`);

    if (url.pathname.startsWith('/api/')) {
      if (!secretOk(req, id)) return refuse(res, 401, 'forbidden', 'This request lacks the console secret.');
      if (url.pathname === '/api/events' && req.method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
        res.write(': connected\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      const match = /^\/api\/call\/([A-Za-z]+\.[A-Za-z]+)$/.exec(url.pathname);
      if (!match || req.method !== 'POST') return refuse(res, 404, 'unknown_operation', 'There is no such operation.');
      if (req.headers['content-type'] && !String(req.headers['content-type']).startsWith('application/json')) {
        return refuse(res, 415, 'invalid_input', 'Send the input as application/json.');
      }
      const body = await readBody(req);
      if (body === null) return refuse(res, 413, 'invalid_input', `The input is larger than ${MAX_BODY_BYTES} bytes.`);
      let input: unknown;
      try {
        input = parseJsonBody(body);
      } catch {
        return refuse(res, 400, 'invalid_input', 'The input is not valid JSON.');
      }
      const result = await dispatch(opts.api, match[1], input, opts.report);
      return sendJson(res, 200, result);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'forbidden', 'Only GET is served here.');
    if (url.pathname === '/guard-bridge.js') {
      res.writeHead(200, { 'Content-Type': RENDERER_MIME['.js'] });
      return res.end(bridgeScript());
    }
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = path.resolve(rendererDir, rel);
    if (!file.startsWith(rendererDir + path.sep)) return refuse(res, 404, 'forbidden', 'Not found.');
    let content: Buffer;
    try {
      content = fs.readFileSync(file);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      return res.end('Not found');
    }
    const ext = path.extname(file);
    res.writeHead(200, { 'Content-Type': RENDERER_MIME[ext] ?? 'application/octet-stream' });
    res.end(file === indexFile ? injectBridge(content.toString('utf8')) : content);
  });

  const offEvents = opts.events.onAny((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const s of streams) s.write(frame);
  });
  // Keeps idle streams (and any proxy) from timing out; also detects dead peers.
  const keepAlive = setInterval(() => {
    for (const s of streams) s.write(': keep-alive\n\n');
  }, 15_000);
  keepAlive.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  id.port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${id.port}`;
  return {
    url: `${origin}/#secret=${secret}`,
    origin,
    port: id.port,
    secret,
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
