// A hostile Workplace: a loopback proxy in front of the sync tests' fake Workplace (which keeps
// the data — users, the audit log and its cursors) that misbehaves on request, one class of
// fault per mode, the way a broken server, a captive proxy or an attacker would. Each rule
// applies to one path, optionally after a number of well-behaved requests, for a number of
// requests; with no rule in force every request is passed through untouched.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Misbehaviour =
  /** Accept the request, never answer. */
  | { kind: 'stall_headers' }
  /** Send the headers and half the body, then go silent. */
  | { kind: 'stall_body' }
  /** Send the headers and half the body, then reset the connection. */
  | { kind: 'reset_mid_body' }
  /** 302 to the same path on another server (`to` is its base URL). */
  | { kind: 'redirect_cross'; to: string }
  /** 302 to the same request on this server (followed, a few hops at most). */
  | { kind: 'redirect_same' }
  /** The real page, but its `next` URL gains a fresh parameter every time (and no `after`). */
  | { kind: 'changing_next' }
  /** Always the first page of the listing, with a `next` link. */
  | { kind: 'repeat_page' }
  /** SCIM pages without `totalResults` that ignore `startIndex`. */
  | { kind: 'scim_no_total' }
  /** Rewrite the JSON body (impossible values, huge strings, wrong types). */
  | { kind: 'rewrite'; rewrite: (body: unknown, url: URL) => unknown }
  /** A Graph rate-limit error with usage headers saying when access returns. */
  | { kind: 'rate_limit'; code: 4 | 17 | 32; regainMinutes: number }
  /** Code 190: the token expired. */
  | { kind: 'token_expired' };

export interface Rule {
  path: string;
  fault: Misbehaviour;
  /** Well-behaved requests on this path before the fault starts (default 0). */
  after?: number;
  /** How many requests misbehave (default: all of them). */
  times?: number;
}

export interface HostileWorkplace {
  base: string;
  /** Requests seen per path (pass-through and faulty alike). */
  hits: Map<string, number>;
  /** Misbehaving answers given so far. */
  faultsServed: number;
  add(rule: Rule): void;
  /** Behave from now on. */
  behave(): void;
  close(): Promise<void>;
}

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

function forward(upstream: string, req: http.IncomingMessage): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(req.url ?? '/', upstream);
    // A fresh connection per request (agent: false): a pooled socket the fake has since closed
    // would make the proxy itself the fault. The Host header stays the proxy's, so the next
    // links the fake writes point at the proxy, as a real server's point at itself.
    const headers = { ...req.headers, connection: 'close' };
    const out = http.request(target, { method: req.method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 502, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    out.on('error', reject);
    req.pipe(out);
  });
}

export async function startHostileWorkplace(upstream: string): Promise<HostileWorkplace> {
  let rules: (Rule & { seen: number; served: number })[] = [];
  const sockets = new Set<Socket>();
  const hostile: Omit<HostileWorkplace, 'base' | 'close'> = {
    hits: new Map(),
    faultsServed: 0,
    add: (rule) => void rules.push({ ...rule, seen: 0, served: 0 }),
    behave: () => void (rules = []),
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    hostile.hits.set(url.pathname, (hostile.hits.get(url.pathname) ?? 0) + 1);
    const rule = rules.find((r) => r.path === url.pathname && r.served < (r.times ?? Infinity));
    let fault: Misbehaviour | null = null;
    if (rule) {
      rule.seen++;
      if (rule.seen > (rule.after ?? 0)) {
        rule.served++;
        hostile.faultsServed++;
        fault = rule.fault;
      }
    }
    void misbehave(fault, url, req, res).catch((err: unknown) => {
      // Loud, so a proxy failure is never mistaken for a fault under test.
      console.error('hostile proxy failed to forward', url.pathname, err);
      if (!res.headersSent) json(res, 502, { error: { message: `hostile proxy: ${String(err)}`, code: 2 } });
      else res.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function misbehave(fault: Misbehaviour | null, url: URL, req: http.IncomingMessage, res: http.ServerResponse) {
    switch (fault?.kind) {
      case 'stall_headers':
        return; // the socket stays open until the client gives up or the server closes
      case 'stall_body':
      case 'reset_mid_body': {
        const { status, text } = await forward(upstream, req);
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(text.length) });
        res.write(text.slice(0, Math.floor(text.length / 2)));
        if (fault.kind === 'reset_mid_body') res.socket?.resetAndDestroy();
        return;
      }
      case 'redirect_cross':
        res.writeHead(302, { location: `${fault.to}${url.pathname}${url.search}` }).end();
        return;
      case 'redirect_same': {
        const again = new URL(url);
        again.searchParams.set('hop', String(Number(again.searchParams.get('hop') ?? 0) + 1));
        res.writeHead(302, { location: again.pathname + again.search }).end();
        return;
      }
      case 'rate_limit':
        json(
          res,
          400,
          { error: { message: 'Application request limit reached', code: fault.code, type: 'OAuthException' } },
          {
            'x-app-usage': JSON.stringify({ call_count: 100, total_cputime: 40, total_time: 60 }),
            'x-business-use-case-usage': JSON.stringify({
              1: [{ type: 'pages', call_count: 100, estimated_time_to_regain_access: fault.regainMinutes }],
            }),
          },
        );
        return;
      case 'token_expired':
        json(res, 401, { error: { message: 'Error validating access token: Session has expired', code: 190 } });
        return;
      case 'repeat_page': {
        const first = new URL(url);
        first.searchParams.delete('after');
        first.searchParams.delete('hop');
        req.url = first.pathname + first.search;
        const { status, text } = await forward(upstream, req);
        const body = JSON.parse(text) as { paging?: unknown };
        json(res, status, { ...body, paging: { next: `${first.origin}${first.pathname}?page=again` } });
        return;
      }
      case 'scim_no_total': {
        req.url = `${url.pathname}?startIndex=1&count=${url.searchParams.get('count') ?? 100}`;
        const { status, text } = await forward(upstream, req);
        const body = JSON.parse(text) as Record<string, unknown>;
        delete body.totalResults;
        json(res, status, body);
        return;
      }
      case 'changing_next':
      case 'rewrite':
      case undefined: {
        const { status, text } = await forward(upstream, req);
        if (!fault) {
          res.writeHead(status, { 'content-type': 'application/json' }).end(text);
          return;
        }
        let body = JSON.parse(text) as Record<string, unknown>;
        if (fault.kind === 'rewrite') body = fault.rewrite(body, url) as Record<string, unknown>;
        else body = { ...body, paging: { next: `${url.origin}${url.pathname}?page=${Math.random()}` } };
        json(res, status, body);
        return;
      }
    }
  }

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(hostile, {
    base,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  });
}
