import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoAutoConsentFlow, fillConsentForm, parseForms } from '../../../../main/workplace/consent-auto';

const PAGE = (q: URLSearchParams) => `<!doctype html><html><body>
<h1>Add "Workplace Guard" to Brightwave</h1>
<form method="post" action="/dialog/work/app_install/submit">
  <input type="hidden" name="app_id" value="${q.get('app_id')}">
  <input type="hidden" name="redirect_uri" value="${q.get('redirect_uri')}">
  <input type="hidden" name="state" value="${q.get('state')}">
  <label><input type="radio" name="groups" value="selected" checked> Specific groups</label>
  <label><input type="radio" name="groups" value="all"> All groups</label>
  <button type="submit" name="action" value="cancel">Cancel</button>
  <button type="submit" name="action" value="add">Add to Workplace</button>
</form></body></html>`;

let server: http.Server | null = null;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function dialog(onSubmit: (form: URLSearchParams) => string): Promise<string> {
  server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    if (req.method === 'GET' && url.pathname === '/dialog/work/app_install/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE(url.searchParams));
      return;
    }
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      res.writeHead(302, { location: onSubmit(new URLSearchParams(body)) }).end();
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe('demo auto-consent', () => {
  it('parses the form and picks "All groups" and "Add"', () => {
    const [form] = parseForms(PAGE(new URLSearchParams({ app_id: '1', redirect_uri: 'r', state: 's' })));
    expect(form.method).toBe('POST');
    expect(Object.fromEntries(fillConsentForm(form))).toEqual({
      app_id: '1',
      redirect_uri: 'r',
      state: 's',
      groups: 'all',
      action: 'add',
    });
  });

  it('completes the dialog by HTTP and reads the redirect without following it', async () => {
    const base = await dialog((f) =>
      f.get('groups') === 'all' && f.get('action') === 'add'
        ? `${f.get('redirect_uri')}?code=CODE1&state=${f.get('state')}`
        : `${f.get('redirect_uri')}?error=access_denied`,
    );
    const result = await createDemoAutoConsentFlow().authorize({
      buildUrl: (r) => `${base}/dialog/work/app_install/?app_id=9&redirect_uri=${encodeURIComponent(r)}&state=ST`,
      timeoutMs: 10_000,
    });
    expect(result).toEqual({
      code: 'CODE1',
      state: 'ST',
      redirectUri: 'http://127.0.0.1/workplace-guard/consent-callback',
    });
  });

  it('reports a refusal from the dialog', async () => {
    const base = await dialog((f) => `${f.get('redirect_uri')}?error=access_denied&error_description=No`);
    await expect(
      createDemoAutoConsentFlow().authorize({
        buildUrl: (r) => `${base}/dialog/work/app_install/?redirect_uri=${encodeURIComponent(r)}&state=S`,
        timeoutMs: 10_000,
      }),
    ).rejects.toMatchObject({ code: 'refused' });
  });
});
