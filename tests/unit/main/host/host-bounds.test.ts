// The host's bounds, in-process with short limits: a body that stalls is answered 408, an
// oversize head 431, absolute-form targets only for this console's own origin; and each
// refusal is traced (method, path, Origin, Host) without the secret, the query or the fragment.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, type RunningConsole } from '../../../../main/console/open-console';
import { startHost, type RunningHost } from '../../../../main/host/server';
import { ROOT, tempDir } from '../../../support/cli';
import net from 'node:net';
import { rawExchange } from './raw-http';

let running: RunningConsole;
let host: RunningHost;
const warnings: string[] = [];

beforeAll(async () => {
  running = await openConsole({ shell: 'browser', dataDir: tempDir() });
  host = await startHost({
    api: running.api,
    events: running.events,
    rendererDir: path.join(ROOT, 'out', 'renderer'),
    bodyIdleTimeoutMs: 300,
    maxStreamBacklogBytes: 64 * 1024,
    warn: (line) => warnings.push(line),
  });
});
afterAll(async () => {
  await host?.close();
  await running?.close();
});

const head = (lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`;

describe('browser host bounds', () => {
  it('answers a body that stops arriving with 408 once it has been idle too long', async () => {
    const answer = await rawExchange(
      host.port,
      head([
        'POST /api/call/app.info HTTP/1.1',
        `Host: 127.0.0.1:${host.port}`,
        `X-Guard-Secret: ${host.secret}`,
        'Content-Type: application/json',
        'Content-Length: 50',
      ]) + '{"pad":',
    );
    expect(answer).toEqual({ status: 408, outcome: 'answered' });
    expect(warnings.some((w) => /stalled for 300 ms: POST \/api\/call\/app\.info/.test(w))).toBe(true);
  });

  it('answers an oversize request head with 431', async () => {
    const answer = await rawExchange(
      host.port,
      head(['GET / HTTP/1.1', `Host: 127.0.0.1:${host.port}`, `X-Pad: ${'p'.repeat(20_000)}`]),
    );
    expect(answer).toEqual({ status: 431, outcome: 'answered' });
  });

  it('serves an absolute-form target for its own origin, and refuses one for another', async () => {
    const own = await rawExchange(
      host.port,
      head([`GET ${host.origin}/ HTTP/1.1`, `Host: 127.0.0.1:${host.port}`, 'Connection: close']),
    );
    expect(own.status).toBe(200);
    const foreign = await rawExchange(
      host.port,
      head(['GET http://evil.example/ HTTP/1.1', `Host: 127.0.0.1:${host.port}`, 'Connection: close']),
    );
    expect(foreign.status).toBe(400);
  });

  it('traces a refused foreign Origin with path, Origin and Host, never the secret, query or fragment', async () => {
    const answer = await rawExchange(
      host.port,
      head([
        'POST /api/call/app.info?token=query-part#secret=fragment-part HTTP/1.1',
        `Host: 127.0.0.1:${host.port}`,
        'Origin: http://evil.example',
        `X-Guard-Secret: ${host.secret}`,
        'Content-Length: 0',
        'Connection: close',
      ]),
    );
    expect(answer.status).toBe(403);
    const line = warnings.find((w) => w.includes('Origin: http://evil.example'));
    expect(line).toBe(
      `host: refused POST /api/call/app.info (Origin: http://evil.example, Host: 127.0.0.1:${host.port}): ` +
        'Origin is another site (cross-site request)',
    );
    const all = warnings.join('\n');
    expect(all).not.toContain(host.secret);
    expect(all).not.toContain('query-part');
    expect(all).not.toContain('fragment-part');
  });

  it('traces a foreign Host (DNS rebinding) and a missing secret, each once per interval', async () => {
    const before = warnings.length;
    for (let i = 0; i < 20; i++) {
      await rawExchange(host.port, head(['GET / HTTP/1.1', 'Host: rebind.evil.example', 'Connection: close']));
      await rawExchange(
        host.port,
        head(['GET /api/events HTTP/1.1', `Host: 127.0.0.1:${host.port}`, 'Connection: close']),
      );
    }
    const added = warnings.slice(before);
    expect(added.filter((w) => w.includes('Host: rebind.evil.example'))).toHaveLength(1);
    expect(added.filter((w) => w.includes('refused GET /api/events'))).toHaveLength(1);
    expect(added.find((w) => w.includes('rebind'))).toMatch(/Host is not this console/);
  });

  it('cuts an event stream whose reader stopped reading, instead of buffering without end', async () => {
    const reader = net.connect({ host: '127.0.0.1', port: host.port });
    await new Promise<void>((resolve) => reader.once('connect', () => resolve()));
    reader.write(head(['GET /api/events HTTP/1.1', `Host: 127.0.0.1:${host.port}`, `X-Guard-Secret: ${host.secret}`]));
    // The stream is open once its first bytes arrive; from then on this reader reads nothing.
    await new Promise<void>((resolve) => reader.once('data', () => resolve()));
    reader.pause();
    reader.on('error', () => undefined);
    const ids = Array.from({ length: 1000 }, (_, i) => `alert-${i}-${'x'.repeat(90)}`);
    const cut = () => warnings.some((w) => w.includes('event stream stopped reading'));
    // Kernel buffers take the first megabytes; the bound is generous, the cut comes long before it.
    for (let i = 0; i < 2000 && !cut(); i++) running.events.emit('alerts.new', { ids });
    expect(cut()).toBe(true);
    reader.destroy();
    const res = await fetch(`${host.origin}/api/call/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-guard-secret': host.secret },
    });
    expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
  });
});
