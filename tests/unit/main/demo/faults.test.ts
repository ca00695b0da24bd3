import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseFaultArgs, startDemoServer, type DemoServer } from '../../../../main/demo/index';
import { call, NOW } from './helpers';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ users: 60, days: 10, seed: 'faults', now: NOW });
});
afterAll(() => server.close());
beforeEach(() => server.faults.reset());

const page = (url = '/security_audit_logs?limit=500') => call(server, url);

/** A tolerant client: follows next, dedupes by id, stops when next repeats. */
async function tolerantSync(limit = 500): Promise<{ ids: Set<string>; pages: number; repeats: number }> {
  const ids = new Set<string>();
  let url: string | undefined = `/security_audit_logs?limit=${limit}`;
  let pages = 0;
  let repeats = 0;
  const seen = new Set<string>();
  while (url) {
    const r = await call(server, url);
    pages += 1;
    for (const e of r.json.data) ids.add(e.id);
    const next: string | undefined = r.json.paging?.next;
    const key = next ? new URL(next).search : '';
    if (next && seen.has(key)) {
      repeats += 1;
      // Repeated link: continue from the oldest id seen instead.
      url = `/security_audit_logs?limit=${limit}&after=${r.json.paging.cursors.after}`;
      if (seen.has(new URL(url, server.baseUrl).search)) break;
    } else url = next;
    if (url) seen.add(new URL(url, server.baseUrl).search);
  }
  return { ids, pages, repeats };
}

describe('fault injection', () => {
  it('rate-limits after N calls with rising usage headers, then recovers', async () => {
    server.faults.set({ rateLimitAfter: 4, rateLimitCode: 17, rateLimitCalls: 2, rateLimitRegainMinutes: 3 });
    const usages: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await call(server, '/community');
      expect(r.status).toBe(200);
      usages.push(JSON.parse(r.headers.get('x-app-usage')!).call_count);
    }
    expect(usages).toEqual([...usages].sort((a, b) => a - b));
    expect(usages[3]).toBe(100);
    for (let i = 0; i < 2; i++) {
      const limited = await call(server, '/community');
      expect(limited.status).toBe(429);
      expect(limited.json.error.code).toBe(17);
      expect(JSON.parse(limited.headers.get('x-app-usage')!).call_count).toBe(100);
      const buc = JSON.parse(limited.headers.get('x-business-use-case-usage')!);
      expect(
        (Object.values(buc)[0] as Array<{ estimated_time_to_regain_access: number }>)[0]
          .estimated_time_to_regain_access,
      ).toBe(3);
    }
    expect((await call(server, '/community')).status).toBe(200);
    for (const code of [4, 32] as const) {
      server.faults.set({ rateLimitAfter: 0, rateLimitCode: code });
      expect((await call(server, '/community')).json.error.code).toBe(code);
    }
  });

  it('serves a burst of 5xx then recovers', async () => {
    server.faults.set({ serverErrorAfter: 1, serverErrorCount: 2, serverErrorStatus: 503 });
    expect((await page()).status).toBe(200);
    const a = await page();
    expect(a.status).toBe(503);
    expect(a.json.error).toMatchObject({ code: 2, is_transient: true });
    expect((await page()).status).toBe(503);
    expect((await page()).status).toBe(200);
  });

  it('serves one malformed page', async () => {
    server.faults.set({ malformedPage: 2 });
    const first = await page();
    expect(first.json).toBeTruthy();
    const bad = await call(server, first.json.paging.next);
    expect(bad.status).toBe(200);
    expect(bad.json).toBeUndefined();
    const retry = await call(server, first.json.paging.next);
    expect(retry.json.data.length).toBe(500);
  });

  it('slows responses', async () => {
    server.faults.set({ slowMs: 120 });
    const t = performance.now();
    await page('/community');
    expect(performance.now() - t).toBeGreaterThanOrEqual(110);
  });

  it('expires or revokes the token mid-sync', async () => {
    const t = server.tokens.issue();
    server.faults.set({ expireTokenAfter: 2 });
    expect((await call(server, '/security_audit_logs?limit=5', { token: t })).status).toBe(200);
    expect((await call(server, '/security_audit_logs?limit=5', { token: t })).status).toBe(200);
    expect((await call(server, '/security_audit_logs?limit=5', { token: t })).json.error).toMatchObject({
      code: 190,
      error_subcode: 463,
    });
    expect((await call(server, '/security_audit_logs?limit=5', { token: t })).json.error.code).toBe(190);
    const r = server.tokens.issue();
    server.faults.set({ revokeTokenAfter: 1 });
    expect((await call(server, '/community', { token: r })).status).toBe(200);
    expect((await call(server, '/community', { token: r })).json.error).toMatchObject({
      code: 190,
      error_subcode: 467,
    });
  });

  it('repeats across pages, shuffles timestamps, shortens pages, repeats next: tolerant clients get all', async () => {
    const truth = server.groundTruth.eventIds();
    server.faults.set({ duplicateAcrossPages: true });
    const first = await page();
    const second = await call(server, first.json.paging.next);
    expect(second.json.data[0].id).toBe(first.json.data.at(-1).id);
    expect((await tolerantSync()).ids.size).toBe(truth.length);

    server.faults.set({ outOfOrder: true });
    const shuffled = (await page()).json.data.map((e: { timestamp: number }) => e.timestamp);
    expect(shuffled).not.toEqual([...shuffled].sort((a, b) => b - a));
    expect((await tolerantSync()).ids.size).toBe(truth.length);

    server.faults.set({ shortPages: true });
    const short = await page();
    expect(short.json.data.length).toBe(250);
    expect(short.json.paging.next).toBeTruthy();
    expect((await tolerantSync()).ids.size).toBe(truth.length);

    server.faults.set({ repeatNextOnPage: 2 });
    const p1 = await page();
    const p2 = await call(server, p1.json.paging.next);
    expect(new URL(p2.json.paging.next).search).toBe(new URL(p1.json.paging.next).search);
    server.faults.set({ repeatNextOnPage: 2 });
    const sync = await tolerantSync();
    expect(sync.repeats).toBe(1);
    expect(sync.ids.size).toBe(truth.length);
  });

  it('is configurable over the inspection API and from CLI-style arguments', async () => {
    const set = await call(server, '/_demo/faults', {
      method: 'POST',
      token: null,
      body: JSON.stringify({ slowMs: 5, outOfOrder: true }),
    });
    expect(set.json.faults).toMatchObject({ slowMs: 5, outOfOrder: true });
    expect(
      (await call(server, '/_demo/faults', { method: 'POST', token: null, body: JSON.stringify({ bogus: 1 }) })).status,
    ).toBe(400);
    await call(server, '/_demo/faults', { method: 'DELETE', token: null });
    expect(server.faults.current()).toMatchObject({ slowMs: 0, outOfOrder: false });
    expect(parseFaultArgs(['rateLimitAfter=5,rateLimitCode=32', '{"timestampFormat":"iso"}', 'outOfOrder'])).toEqual({
      rateLimitAfter: 5,
      rateLimitCode: 32,
      timestampFormat: 'iso',
      outOfOrder: true,
    });
    expect(() => parseFaultArgs(['rateLimitCode=5'])).toThrow(/4, 17 or 32/);
  });
});
