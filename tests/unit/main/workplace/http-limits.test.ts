// The client trusts only what it asked for: deadlines on silent servers, redirects decided
// rather than followed, bodies capped, and every wait reported with what it waits for.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkplaceApiError } from '../../../../main/workplace/api-error';
import { consentToken, integrationToken } from '../../../../main/workplace/credentials';
import { WorkplaceHttp, type HttpOptions, type WaitInfo } from '../../../../main/workplace/http';
import { recordingSleep, startApiServer, type ApiServer } from './fixtures/api-server';

let api: ApiServer;
let other: ApiServer;
beforeEach(async () => {
  api = await startApiServer();
  other = await startApiServer();
});
afterEach(async () => {
  await api.close();
  await other.close();
});

const url = (p: string) => new URL(api.base + p);
const client = (extra: Partial<HttpOptions> = {}) =>
  new WorkplaceHttp({
    credentials: integrationToken('tok-1'),
    userAgent: 'test',
    sleep: recordingSleep().sleep,
    retry: { maxAttempts: 2 },
    timeoutMs: 150,
    ...extra,
  });

async function failure(p: Promise<unknown>): Promise<WorkplaceApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkplaceApiError);
  return err as WorkplaceApiError;
}

describe('deadlines', () => {
  it('gives up on a server that accepts the request and never answers, after the bounded retries', async () => {
    api.handle('/silent', () => ({ raw: () => undefined }));
    const err = await failure(client().getJson(url('/silent')));
    expect(err.kind).toBe('transient');
    expect(err.message).toMatch(/\(GET http:\/\/127\.0\.0\.1:\d+\/silent\) after 2 attempts: no answer within 0\.2 s/);
  });

  it('gives up on a body that stalls midway, and says so', async () => {
    api.handle('/half', () => ({
      raw: (res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"data":[{"id":"1"},');
      },
    }));
    const err = await failure(client({ retry: { maxAttempts: 1 } }).getJson(url('/half')));
    expect(err.message).toMatch(/stalled mid-body/);
  });

  it('a slow body that keeps sending is not a stall: the deadline is for silence', async () => {
    const chunks = ['{"data":', '[1,', '2,', '3', ']}'];
    api.handle('/slow', () => ({
      raw: (res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        let i = 0;
        const tick = setInterval(() => {
          if (i < chunks.length) res.write(chunks[i++]);
          else {
            clearInterval(tick);
            res.end();
          }
        }, 60); // each gap is shorter than the limit; the whole body takes longer than it
      },
    }));
    const res = await client({ timeoutMs: 200 }).getJson(url('/slow'));
    expect(res.body).toEqual({ data: [1, 2, 3] });
  });

  it('the caller’s cancellation still wins over a stall', async () => {
    let arrived!: () => void;
    const reached = new Promise<void>((r) => (arrived = r));
    api.handle('/silent', () => (arrived(), { raw: () => undefined }));
    const abort = new AbortController();
    const pending = client({ timeoutMs: 60_000 }).getJson(url('/silent'), abort.signal);
    await reached;
    abort.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a request fetch will not even send (credentials in the URL) fails at once, not after retries', async () => {
    const waits: number[] = [];
    const http = client({ onWait: (w) => void waits.push(w.ms) });
    const err = await failure(http.getJson(new URL(api.base.replace('//', '//u:p@') + '/x')));
    expect(err.kind).toBe('client');
    expect(err.message).toMatch(/Could not send GET/);
    expect(waits).toEqual([]);
    expect(api.requests).toHaveLength(0);
  });

  it('refuses an oversized body at once instead of fetching it again', async () => {
    api.handle('/big', () => ({ body: { data: 'x'.repeat(5000) } }));
    const err = await failure(client({ maxBodyBytes: 1000 }).getJson(url('/big')));
    expect(err.kind).toBe('malformed');
    expect(api.requests).toHaveLength(1);
  });
});

describe('redirects', () => {
  it('never follows a redirect to another origin: an error names the target, which sees nothing', async () => {
    api.handle('/security_audit_logs', () => ({
      status: 302,
      headers: { location: `${other.base}/security_audit_logs?after=x` },
    }));
    other.handle('/security_audit_logs', () => ({ body: { data: [] } }));
    const err = await failure(client().getJson(url('/security_audit_logs')));
    expect(err.kind).toBe('redirect');
    expect(err.message).toContain(`redirected to another origin (${other.base}/security_audit_logs)`);
    expect(other.requests).toHaveLength(0);
  });

  it('follows a same-origin redirect, signing the new URL afresh', async () => {
    api.handle('/old', () => ({ status: 307, headers: { location: '/new?appsecret_proof=stale&x=1' } }));
    api.handle('/new', () => ({ body: { ok: 1 } }));
    const http = new WorkplaceHttp({ credentials: consentToken('tok-9', 'secret'), userAgent: 't', now: () => 1e12 });
    expect((await http.getJson(url('/old'))).body).toEqual({ ok: 1 });
    const followed = api.requests[1];
    expect(followed.url.pathname).toBe('/new');
    expect(followed.url.searchParams.get('x')).toBe('1');
    expect(followed.url.searchParams.get('appsecret_proof')).not.toBe('stale');
    expect(followed.headers.authorization).toBe('Bearer tok-9');
  });

  it('stops a redirect loop after a few hops, naming the last target', async () => {
    let n = 0;
    api.handle('/hop', () => ({ status: 302, headers: { location: `/hop?n=${++n}` } }));
    const err = await failure(client().getJson(url('/hop')));
    expect(err.message).toMatch(/redirected more than 3 times \(last to http:\/\/127\.0\.0\.1:\d+\/hop\)/);
    expect(api.requests).toHaveLength(4);
  });

  it('refuses a redirect to a URL with credentials in it', async () => {
    api.handle('/cred', () => ({ status: 301, headers: { location: api.base.replace('//', '//u:p@') + '/x' } }));
    const err = await failure(client().getJson(url('/cred')));
    expect(err.message).toMatch(/carrying credentials/);
  });
});

describe('waits are reported', () => {
  it('says what it waits for and until when, and exposes the wait in progress', async () => {
    let clock = 1_000_000;
    const seen: (WaitInfo & { during: WaitInfo | null })[] = [];
    let n = 0;
    api.handle('/limited', () =>
      n++ === 0
        ? {
            status: 400,
            headers: {
              'x-business-use-case-usage': JSON.stringify({
                1: [{ call_count: 100, estimated_time_to_regain_access: 2 }],
              }),
            },
            body: { error: { message: 'Too many calls', code: 32 } },
          }
        : { body: { ok: true } },
    );
    const http: WorkplaceHttp = client({
      now: () => clock,
      sleep: async (ms) => void (clock += ms),
      onWait: (info) => seen.push({ ...info, during: http.waiting }),
    });
    await http.getJson(url('/limited'));
    const limited = seen.find((w) => w.reason === 'rate_limited')!;
    expect(limited).toMatchObject({ ms: 120_000, until: 1_000_000 + 120_000 });
    expect(limited.url).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/limited$/);
    expect(limited.during).toMatchObject({ reason: 'rate_limited', until: limited.until });
    expect(http.waiting).toBeNull();
  });
});
