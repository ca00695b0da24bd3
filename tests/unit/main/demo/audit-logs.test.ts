import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../../main/demo/index';
import { call, NOW, pageAll } from './helpers';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ users: 150, days: 14, seed: 'audit', now: NOW });
});
afterAll(() => server.close());

/** Events the scenario delivers late on purpose: their timestamp is older than their place in the feed. */
const lateIds = () => new Set(server.incidents.incidents.flatMap((i) => i.late.map((l) => l.eventId)));

describe('GET /security_audit_logs', () => {
  it('pages newest-first to the end and returns exactly the ground truth', async () => {
    const { items, pages } = await pageAll(server, '/security_audit_logs?limit=1000');
    expect(pages).toBeGreaterThan(2);
    const ids = items.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice().reverse()).toEqual(server.groundTruth.eventIds());
    const late = lateIds();
    expect(late.size).toBeGreaterThan(0);
    const onTime = items.filter((e) => !late.has(e.id));
    for (let i = 1; i < onTime.length; i++) expect(onTime[i].timestamp).toBeLessThanOrEqual(onTime[i - 1].timestamp);
    // A late event sits among events newer than itself (it was delivered after them).
    for (const id of late) {
      const k = items.findIndex((e) => e.id === id);
      expect(items[k + 1].timestamp, id).toBeGreaterThan(items[k].timestamp);
    }
    const e = items[0];
    expect(Object.keys(e).sort()).toEqual([
      'actor_username',
      'event',
      'event_id',
      'extra_data',
      'id',
      'ip_address',
      'target_username',
      'timestamp',
      'useragent',
    ]);
    expect(typeof e.timestamp).toBe('number');
    expect(typeof e.extra_data.summary).toBe('string');
  });

  it('honours since/until (unix seconds or ISO) and matches the ground truth window', async () => {
    const since = Math.floor(NOW / 1000) - 3 * 86400;
    const until = since + 86400;
    const { items } = await pageAll(server, `/security_audit_logs?limit=500&since=${since}&until=${until}`);
    expect(items.length).toBeGreaterThan(0);
    // The window is over delivery: a late event in it carries its older creation time.
    const late = lateIds();
    expect(items.every((e) => late.has(e.id) || (e.timestamp >= since && e.timestamp <= until))).toBe(true);
    expect(items.map((e) => e.id).reverse()).toEqual(server.groundTruth.eventIds(since * 1000, until * 1000));
    const iso = await pageAll(
      server,
      `/security_audit_logs?limit=1000&since=${new Date(since * 1000).toISOString()}` +
        `&until=${new Date(until * 1000).toISOString()}`,
    );
    expect(iso.items.length).toBe(items.length);
  });

  it('goes back with `before` cursors', async () => {
    const first = await call(server, '/security_audit_logs?limit=50');
    const second = await call(server, first.json.paging.next);
    const back = await call(server, `/security_audit_logs?limit=50&before=${second.json.paging.cursors.before}`);
    expect(back.json.data.map((e: { id: string }) => e.id)).toEqual(first.json.data.map((e: { id: string }) => e.id));
    expect(first.json.paging.previous).toBeUndefined();
    expect(second.json.paging.previous).toBeTruthy();
  });

  it('selects fields (id always present)', async () => {
    const r = await call(server, '/security_audit_logs?limit=3&fields=event,ip_address');
    expect(r.json.data.every((e: object) => Object.keys(e).sort().join() === 'event,id,ip_address')).toBe(true);
  });

  it('rejects bad parameters with Graph errors', async () => {
    for (const q of [
      'limit=1001',
      'limit=0',
      'limit=abc',
      'after=a&before=b',
      'after=%21%21',
      'since=yesterday',
      'fields=password',
    ]) {
      const r = await call(server, `/security_audit_logs?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.json.error.code, q).toBe(100);
      expect(r.json.error).toHaveProperty('fbtrace_id');
      expect(r.json.error.type).toBeTruthy();
    }
  });

  it('serves ISO, numeric-string or mixed timestamps on request', async () => {
    server.faults.set({ timestampFormat: 'iso' });
    const iso = await call(server, '/security_audit_logs?limit=2');
    expect(iso.json.data[0].timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
    server.faults.set({ timestampFormat: 'unix-string' });
    expect((await call(server, '/security_audit_logs?limit=2')).json.data[0].timestamp).toMatch(/^\d{10}$/);
    server.faults.set({ timestampFormat: 'mixed' });
    const mixed = await call(server, '/security_audit_logs?limit=6');
    expect(new Set(mixed.json.data.map((e: { timestamp: unknown }) => typeof e.timestamp)).size).toBe(2);
    server.faults.reset();
    expect(typeof (await call(server, '/security_audit_logs?limit=1')).json.data[0].timestamp).toBe('number');
  });

  it('serves every event of every incident', async () => {
    const { items } = await pageAll(server, '/security_audit_logs?limit=1000');
    const served = new Set(items.map((e) => e.id));
    for (const inc of server.incidents.incidents)
      for (const id of inc.eventIds) expect(served.has(id), `${inc.id} ${id}`).toBe(true);
    const tor = server.incidents.incidents.find((i) => i.policy === 'anonymous-ip')!;
    const torEvent = items.find((e) => e.id === tor.eventIds[0]);
    expect(torEvent.ip_address).toBe(tor.ips[0].ip);
    expect(server.groundTruth.event(tor.eventIds[0])).toMatchObject({ id: tor.eventIds[0], ip_address: tor.ips[0].ip });
  });

  it('sees live events at the top while an older sync continues undisturbed', async () => {
    const first = await call(server, '/security_audit_logs?limit=100');
    const before = server.groundTruth.eventCount();
    const liveId = server.inspect.liveTick();
    expect(server.groundTruth.eventCount()).toBe(before + 1);
    const second = await call(server, first.json.paging.next);
    expect(second.json.data[0].id < first.json.data[99].id).toBe(true);
    const top = await call(server, '/security_audit_logs?limit=1');
    expect(top.json.data[0].id).toBe(liveId);
    expect(server.groundTruth.eventIds().at(-1)).toBe(liveId);
  });
});
