// The contract over HTTP: POST /api/call/<feature>.<operation> with a JSON body answers an
// envelope through the same dispatch Electron IPC uses; GET /api/events streams events (SSE).
// The request guard (Host, Origin, secret) has already passed when these run.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConsoleApi, Envelope } from '../../preload/contract';
import { dispatch, type Reporter } from '../console/dispatch';
import { readBody } from './request-body';

export const MAX_BODY_BYTES = 1024 * 1024;

export type RefusalCode = 'forbidden' | 'invalid_input' | 'unknown_operation' | 'internal';

export function sendJson(res: ServerResponse, status: number, body: Envelope<unknown>): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export function refuse(res: ServerResponse, status: number, code: RefusalCode, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}

/** JSON.parse; an empty body is "no input". The schemas reject `__proto__` and other extra keys. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  return JSON.parse(text);
}

export interface ApiContext {
  api: ConsoleApi;
  report?: Reporter;
  bodyIdleTimeoutMs: number;
  /** Live event streams, written by the host's event fan-out. */
  streams: Set<ServerResponse>;
  /** A request that failed on the client's side (no answer possible): logged, rate-limited. */
  clientFailed(req: IncomingMessage, why: string): void;
}

function openEventStream(ctx: ApiContext, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
  res.write(': connected\n\n');
  ctx.streams.add(res);
  req.on('close', () => ctx.streams.delete(res));
}

async function callOperation(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, op: string): Promise<void> {
  const type = req.headers['content-type'];
  if (type && !type.startsWith('application/json')) {
    return refuse(res, 415, 'invalid_input', 'Send the input as application/json.');
  }
  const body = await readBody(req, { maxBytes: MAX_BODY_BYTES, idleTimeoutMs: ctx.bodyIdleTimeoutMs });
  if (!body.ok) {
    if (body.reason === 'too_large') {
      res.setHeader('Connection', 'close');
      return refuse(res, 413, 'invalid_input', `The input is larger than ${MAX_BODY_BYTES} bytes.`);
    }
    if (body.reason === 'stalled') {
      ctx.clientFailed(req, `request body stalled for ${ctx.bodyIdleTimeoutMs} ms`);
      res.setHeader('Connection', 'close');
      return refuse(res, 408, 'invalid_input', 'The input stopped arriving before it was complete.');
    }
    // The client is gone: there is no one to answer.
    ctx.clientFailed(req, 'request body cut short by the client');
    res.destroy();
    return;
  }
  let input: unknown;
  try {
    input = parseJsonBody(body.text);
  } catch {
    return refuse(res, 400, 'invalid_input', 'The input is not valid JSON.');
  }
  const result = await dispatch(ctx.api, op, input, ctx.report);
  if (res.destroyed) return; // the client left while the operation ran
  sendJson(res, 200, result);
}

/**
 * POST /api/launch with the one-time token in X-Guard-Launch (a header, so it is in no URL and
 * no log) answers the console secret once. Host and Origin were checked; the secret is not
 * needed here, since obtaining it is the point.
 */
export function handleLaunch(
  req: IncomingMessage,
  res: ServerResponse,
  redeem: (token: string) => boolean,
  secret: string,
): boolean {
  const token = req.headers['x-guard-launch'];
  if (req.method !== 'POST' || typeof token !== 'string' || !redeem(token)) return false;
  sendJson(res, 200, { ok: true, value: { secret } });
  return true;
}

/** `pathname` is still percent-encoded, so an operation name can only be plain letters. */
export async function handleApi(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  if (pathname === '/api/events' && req.method === 'GET') return openEventStream(ctx, req, res);
  const match = /^\/api\/call\/([A-Za-z]+\.[A-Za-z]+)$/.exec(pathname);
  if (!match || req.method !== 'POST') return refuse(res, 404, 'unknown_operation', 'There is no such operation.');
  return callOperation(ctx, req, res, match[1]);
}
