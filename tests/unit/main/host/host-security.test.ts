// The browser host refuses anything that is not this console's own page on 127.0.0.1 with
// this launch's secret: DNS rebinding (foreign Host), CSRF (foreign Origin), other local
// processes (no secret), oversized bodies.
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliJson, stopChild, tempDir } from '../../../support/cli';

let child: ChildProcess;
let port: number;
let secret: string;

beforeAll(async () => {
  const started = await startCliJson<{ url: string; port: number }>(['--data-dir', tempDir(), '--json', 'serve']);
  child = started.child;
  port = started.first.port;
  secret = new URL(started.first.url).hash.replace('#secret=', '');
});
afterAll(async () => {
  if (child) await stopChild(child);
});

/** Raw request so that Host and Origin can be set to anything (fetch forbids that). */
function request(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const api = (headers: Record<string, string> = {}, body = '{}') =>
  request({
    method: 'POST',
    path: '/api/call/app.info',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

describe('browser host request guard', () => {
  it('answers a call with the secret', async () => {
    const r = await api({ 'x-guard-secret': secret });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { name: 'Workplace Guard', shell: 'browser' } });
  });
  it('refuses a call without the secret', async () => {
    const r = await api();
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body).error.code).toBe('forbidden');
  });
  it('refuses a wrong secret of the same length', async () => {
    const r = await api({ 'x-guard-secret': secret.replace(/./g, 'a') });
    expect(r.status).toBe(401);
  });
  it('refuses a foreign Origin even with the secret (CSRF)', async () => {
    const r = await api({ 'x-guard-secret': secret, origin: 'http://evil.example' });
    expect(r.status).toBe(403);
  });
  it('refuses a Host other than the loopback address (DNS rebinding), even for static files', async () => {
    expect((await api({ 'x-guard-secret': secret, host: `evil.example:${port}` })).status).toBe(421);
    expect((await request({ path: '/', headers: { host: `rebind.evil.example:${port}` } })).status).toBe(421);
    expect((await request({ path: '/', headers: { host: `localhost.evil:${port}` } })).status).toBe(421);
  });
  it('refuses an event stream without the secret', async () => {
    expect((await request({ path: '/api/events' })).status).toBe(401);
  });
  it('refuses a body over 1 MB with a typed error and stays up', async () => {
    const r = await api({ 'x-guard-secret': secret }, JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }));
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.code).toBe('invalid_input');
    expect((await api({ 'x-guard-secret': secret })).status).toBe(200);
  });
  it('refuses invalid JSON with a typed error', async () => {
    const r = await api({ 'x-guard-secret': secret }, '{"oops":');
    expect(JSON.parse(r.body).error.code).toBe('invalid_input');
  });
  it('serves the page with a strict CSP and the bridge script injected before the bundle', async () => {
    const r = await request({ path: '/' });
    expect(r.status).toBe(200);
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['content-security-policy']).not.toContain('unsafe-eval');
    expect(r.body.indexOf('guard-bridge.js')).toBeGreaterThan(-1);
    expect(r.body.indexOf('guard-bridge.js')).toBeLessThan(r.body.indexOf('type="module"'));
  });
  it('does not serve files outside the renderer folder', async () => {
    for (const p of ['/../package.json', '/..%2Fpackage.json', '/%2e%2e/%2e%2e/etc/passwd']) {
      expect((await request({ path: p })).status).toBe(404);
    }
  });
});
