import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appsecretProof } from '../../../../main/workplace/appsecret-proof';
import { WorkplaceApiError } from '../../../../main/workplace/api-error';
import { appCredentials, consentToken, integrationToken } from '../../../../main/workplace/credentials';
import { WorkplaceHttp } from '../../../../main/workplace/http';
import { recordingSleep, startApiServer, type ApiServer } from './fixtures/api-server';

const UA = 'WorkplaceGuard/0.1 (test)';
let api: ApiServer;
beforeEach(async () => {
  api = await startApiServer();
});
afterEach(() => api.close());

const url = (p: string) => new URL(api.base + p);
const graphError = (code: number, status = 400, extra: Record<string, unknown> = {}) => ({
  status,
  body: { error: { message: `error ${code}`, type: 'OAuthException', code, fbtrace_id: 'x', ...extra } },
});

async function failure(p: Promise<unknown>): Promise<WorkplaceApiError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(WorkplaceApiError);
    return err as WorkplaceApiError;
  }
  throw new Error('expected a failure');
}

describe('WorkplaceHttp', () => {
  it('sends Bearer and a descriptive User-Agent, and no proof for integration tokens', async () => {
    api.handle('/community', () => ({ body: { id: '1' } }));
    const http = new WorkplaceHttp({ credentials: integrationToken('tok-123456'), userAgent: UA });
    const res = await http.getJson(url('/community'));
    expect(res.body).toEqual({ id: '1' });
    const [req] = api.requests;
    expect(req.headers.authorization).toBe('Bearer tok-123456');
    expect(req.headers['user-agent']).toBe(UA);
    expect(req.url.searchParams.has('appsecret_proof')).toBe(false);
  });

  it('adds appsecret_proof and appsecret_time to every call with a consent token', async () => {
    api.handle('/a', () => ({ body: {} }));
    const now = 1_700_000_000_000;
    const http = new WorkplaceHttp({ credentials: consentToken('tok-abc', 'shh'), userAgent: UA, now: () => now });
    await http.getJson(url('/a'));
    await http.getJson(url('/a?x=1'));
    for (const req of api.requests) {
      expect(req.url.searchParams.get('appsecret_time')).toBe('1700000000');
      expect(req.url.searchParams.get('appsecret_proof')).toBe(appsecretProof('tok-abc', 'shh', 1700000000));
    }
  });

  it('retries 5xx and codes 1/2 with jittered exponential backoff, then succeeds', async () => {
    let n = 0;
    api.handle('/flaky', () => {
      n++;
      if (n === 1) return { status: 503, body: 'Service Unavailable' };
      if (n === 2) return graphError(1, 500);
      if (n === 3) return graphError(2, 400);
      return { body: { ok: true } };
    });
    const { sleep, waits } = recordingSleep();
    const http = new WorkplaceHttp({
      credentials: integrationToken('t'.repeat(10)),
      userAgent: UA,
      sleep,
      random: () => 1,
      retry: { baseDelayMs: 100 },
    });
    expect((await http.getJson(url('/flaky'))).body).toEqual({ ok: true });
    expect(waits).toEqual([100, 200, 400]);
    const jittered = recordingSleep();
    const http2 = new WorkplaceHttp({
      credentials: integrationToken('t'.repeat(10)),
      userAgent: UA,
      sleep: jittered.sleep,
      random: () => 0,
      retry: { baseDelayMs: 100 },
    });
    n = 0;
    await http2.getJson(url('/flaky'));
    expect(jittered.waits).toEqual([50, 100, 200]);
  });

  it('gives up after the bounded number of attempts', async () => {
    api.handle('/down', () => ({ status: 502, body: { error: { message: 'bad gateway' } } }));
    const { sleep, waits } = recordingSleep();
    const http = new WorkplaceHttp({
      credentials: integrationToken('t'.repeat(10)),
      userAgent: UA,
      sleep,
      retry: { maxAttempts: 3 },
    });
    const err = await failure(http.getJson(url('/down')));
    expect(err.kind).toBe('transient');
    expect(api.requests).toHaveLength(3);
    expect(waits).toHaveLength(2);
  });

  it('retries network errors', async () => {
    const { sleep, waits } = recordingSleep();
    const dead = new URL(api.base + '/x');
    await api.close();
    const http = new WorkplaceHttp({
      credentials: integrationToken('t'.repeat(10)),
      userAgent: UA,
      sleep,
      retry: { maxAttempts: 2 },
    });
    const err = await failure(http.getJson(dead));
    expect(err.kind).toBe('transient');
    expect(err.message).toMatch(/Could not reach Workplace/);
    expect(waits).toHaveLength(1);
    api = await startApiServer();
  });

  it('stops at once on 190 (no retry storm)', async () => {
    api.handle('/x', () => graphError(190, 401, { error_subcode: 463 }));
    const { sleep, waits } = recordingSleep();
    const http = new WorkplaceHttp({ credentials: integrationToken('t'.repeat(10)), userAgent: UA, sleep });
    const err = await failure(http.getJson(url('/x')));
    expect(err.kind).toBe('token');
    expect(err.detail.subcode).toBe(463);
    expect(api.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('renews Admin Center app credentials once on 190, then gives up', async () => {
    let issued = 0;
    api.handle('/work_get_token', (req) => {
      const form = new URLSearchParams(req.body);
      expect(form.get('access_token')).toBe('app1|sec1');
      expect(form.get('grant_type')).toBe('client_credentials');
      issued++;
      return { body: { access_token: `app-token-${issued}` } };
    });
    api.handle('/x', (req) =>
      req.headers.authorization === 'Bearer app-token-2' ? { body: { ok: 1 } } : graphError(190, 401),
    );
    const creds = appCredentials({ appId: 'app1', appSecret: 'sec1', auditBase: api.base, userAgent: UA });
    const http = new WorkplaceHttp({ credentials: creds, userAgent: UA });
    expect((await http.getJson(url('/x'))).body).toEqual({ ok: 1 });
    expect(issued).toBe(2);
    api.handle('/x', () => graphError(190, 401));
    const err = await failure(http.getJson(url('/x')));
    expect(err.kind).toBe('token');
    expect(issued).toBe(3);
  });

  it('renews an app token before it expires', async () => {
    let issued = 0;
    let clock = 0;
    api.handle('/work_get_token', () => ({ body: { access_token: `t${++issued}`, expires_in: 3600 } }));
    api.handle('/x', () => ({ body: {} }));
    const creds = appCredentials({
      appId: 'a',
      appSecret: 's',
      auditBase: api.base,
      userAgent: UA,
      now: () => clock,
      renewMarginMs: 600_000,
    });
    const http = new WorkplaceHttp({ credentials: creds, userAgent: UA, now: () => clock });
    await http.getJson(url('/x'));
    clock = 2_000_000; // 33 min: still valid
    await http.getJson(url('/x'));
    expect(issued).toBe(1);
    clock = 3_100_000; // inside the 10-minute margin
    await http.getJson(url('/x'));
    expect(issued).toBe(2);
    expect(api.requests.filter((r) => r.url.pathname === '/x').map((r) => r.headers.authorization)).toEqual([
      'Bearer t1',
      'Bearer t1',
      'Bearer t2',
    ]);
  });

  it('waits out estimated_time_to_regain_access on rate-limit codes', async () => {
    for (const code of [4, 17, 32, 613, 80001]) {
      let n = 0;
      api.handle('/rl', () =>
        ++n === 1
          ? {
              ...graphError(code),
              headers: {
                'x-business-use-case-usage': JSON.stringify({
                  b: [{ call_count: 100, estimated_time_to_regain_access: 2 }],
                }),
              },
            }
          : { body: { ok: code } },
      );
      const { sleep, waits } = recordingSleep();
      let clock = 0;
      const http = new WorkplaceHttp({
        credentials: integrationToken('t'.repeat(10)),
        userAgent: UA,
        sleep: async (ms, s) => {
          await sleep(ms, s);
          clock += ms;
        },
        now: () => clock,
      });
      expect((await http.getJson(url('/rl'))).body).toEqual({ ok: code });
      expect(waits).toEqual([120_000]);
    }
  });

  it('slows down from 80 % usage before the next call', async () => {
    let n = 0;
    api.handle('/u', () => ({
      body: {},
      headers: { 'x-app-usage': JSON.stringify({ call_count: ++n === 1 ? 90 : 10 }) },
    }));
    const { sleep, waits } = recordingSleep();
    const http = new WorkplaceHttp({
      credentials: integrationToken('t'.repeat(10)),
      userAgent: UA,
      sleep,
      now: () => 0,
      retry: { maxThrottleMs: 4000 },
    });
    await http.getJson(url('/u'));
    expect(waits).toEqual([]);
    await http.getJson(url('/u'));
    expect(waits).toEqual([2000]);
  });

  it('names permission errors and does not retry them', async () => {
    api.handle('/p', () => graphError(10, 403));
    const http = new WorkplaceHttp({ credentials: integrationToken('t'.repeat(10)), userAgent: UA });
    expect((await failure(http.getJson(url('/p')))).kind).toBe('permission');
    api.handle('/p', () => graphError(200, 403));
    expect((await failure(http.getJson(url('/p')))).kind).toBe('permission');
    expect(api.requests).toHaveLength(2);
  });

  it('retries a malformed (non-JSON) page, then fails with a clear message', async () => {
    api.handle('/m', () => ({ body: '{"data": [ {"id": ' }));
    const { sleep } = recordingSleep();
    const http = new WorkplaceHttp({
      credentials: integrationToken('t'.repeat(10)),
      userAgent: UA,
      sleep,
      retry: { maxAttempts: 3 },
    });
    const err = await failure(http.getJson(url('/m')));
    expect(err.kind).toBe('malformed');
    expect(err.message).toMatch(/malformed response \(not JSON\).*3 times/);
    expect(api.requests).toHaveLength(3);
  });

  it('is cancelled by its AbortSignal, including during a backoff wait', async () => {
    api.handle('/s', () => ({ status: 500, body: {} }));
    const ac = new AbortController();
    const http = new WorkplaceHttp({
      credentials: integrationToken('t'.repeat(10)),
      userAgent: UA,
      sleep: async (_ms, signal) => {
        ac.abort();
        signal?.throwIfAborted();
      },
    });
    await expect(http.getJson(url('/s'), ac.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(api.requests).toHaveLength(1);
  });
});
