import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCKLIST_NETSET, BOTNET_IP, SPRAY_IP, TOR_EXITS, TOR_IP } from '../../../../main/demo/scenario';
import { parseAddress } from '../../../../main/intel/ip-address';
import { defaultFixtureDir, openIpLists } from '../../../../main/intel/ip-lists';
import { parseList } from '../../../../main/intel/list-formats';
import { tempDir } from '../../../support/cli';

const key = (ip: string) => parseAddress(ip)!;
const DAY = 86_400_000;

// One local server serving every format, plus broken answers; `routes` is changed per test.
let routes: Record<string, { status?: number; body: string | Buffer; type?: string }> = {};
let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const r = routes[req.url ?? ''];
    if (!r) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(r.status ?? 200, { 'content-type': r.type ?? 'text/plain' });
    res.end(r.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const dataDir = () => {
  const d = tempDir('wg-lists-');
  dirs.push(d);
  return d;
};

async function pointAtServer(lists: Awaited<ReturnType<typeof openIpLists>>) {
  await lists.setUrls('tor', [`${base}/tor`]);
  await lists.setUrls('firehol-level1', [`${base}/firehol`]);
  await lists.setUrls('spamhaus-drop', [`${base}/drop4`, `${base}/drop6`]);
  await lists.setUrls('feodo', [`${base}/feodo`]);
}

const GOOD = {
  '/tor': { body: '185.220.101.33\n185.220.101.34\n2a0b:f4c2::33\n' },
  '/firehol': { body: '# FireHOL\n10.0.0.0/8\n192.168.0.0/16\n224.0.0.0/3\n45.141.84.0/24\n92.63.197.0/24\n' },
  '/drop4': {
    body:
      '{"cidr":"193.142.146.0/24","sblid":"SBL1","rir":"ripencc"}\n' +
      '{"type":"metadata","timestamp":1780000000,"size":1,"records":1,"copyright":"(c) Spamhaus"}\n',
  },
  '/drop6': { body: '{"cidr":"2a06:5280::/29","sblid":"SBL2","rir":"ripencc"}\n' },
  '/feodo': { body: '# Feodo\n# DstIP\n141.98.10.61\n' },
};

describe('list formats', () => {
  it('FireHOL netset drops private and reserved ranges', () => {
    const parsed = parseList(BLOCKLIST_NETSET.join('\n'), 'netset');
    expect(parsed.dropped).toBe(7);
    expect(parsed.ranges.map((r) => r.cidr)).toContain('92.63.197.0/24');
    expect(parsed.ranges.some((r) => r.cidr.startsWith('10.'))).toBe(false);
  });

  it('refuses a body that is not the format (an HTML page, CIDRs in an address list)', () => {
    expect(() => parseList('<html><body>Rate limited</body></html>\n', 'ip-lines')).toThrow(/none of its/);
    expect(() => parseList('1.2.3.0/24\n', 'ip-lines')).toThrow();
    expect(() => parseList('', 'netset')).toThrow(/empty/);
    const mostlyJunk = ['1.2.3.4', ...Array.from({ length: 10 }, (_, i) => `junk ${i}`)].join('\n');
    expect(() => parseList(mostlyJunk, 'ip-lines')).toThrow(/not addresses/);
  });
});

describe('shipped fixtures', () => {
  it('hold exactly what the demo community uses', () => {
    const dir = defaultFixtureDir();
    const tor = fs.readFileSync(path.join(dir, 'torbulkexitlist.txt'), 'utf8').trim().split('\n');
    expect(tor).toEqual(TOR_EXITS);
    const netset = fs.readFileSync(path.join(dir, 'firehol_level1.netset'), 'utf8').trim().split('\n');
    expect(netset).toEqual(BLOCKLIST_NETSET);
  });

  it('are used only when asked for, and then match the demo IPs', async () => {
    const none = await openIpLists({ dataDir: dataDir() });
    expect(none.match(key(TOR_IP))).toEqual([]);
    expect(none.status().every((s) => s.source === 'missing' && s.stale)).toBe(true);

    const demo = await openIpLists({ dataDir: dataDir(), fixtures: true });
    expect(demo.match(key(TOR_IP)).map((m) => m.id)).toEqual(['tor']);
    expect(demo.match(key(TOR_IP))[0]).toMatchObject({ kind: 'anonymity', updatedAt: null });
    expect(demo.match(key(SPRAY_IP)).map((m) => m.id)).toContain('firehol-level1');
    expect(
      demo
        .match(key(BOTNET_IP))
        .map((m) => m.id)
        .sort(),
    ).toEqual(['feodo', 'firehol-level1']);
    expect(demo.match(key('8.8.8.8'))).toEqual([]);
    expect(demo.match(key('10.1.2.3'))).toEqual([]);
    expect(demo.status().every((s) => s.source === 'fixture' && s.entries > 0)).toBe(true);
  });
});

describe('online refresh against a local server', () => {
  it('fetches every format, caches it in the data dir, and reports age and staleness', async () => {
    routes = { ...GOOD };
    const dir = dataDir();
    const lists = await openIpLists({ dataDir: dir });
    await pointAtServer(lists);
    const t0 = Date.UTC(2026, 5, 1);
    const results = await lists.refresh({ now: t0 });
    expect(results.map((r) => [r.id, r.outcome, r.entries])).toEqual([
      ['tor', 'refreshed', 3],
      ['firehol-level1', 'refreshed', 2],
      ['spamhaus-drop', 'refreshed', 2],
      ['feodo', 'refreshed', 1],
    ]);
    expect(lists.match(key('2a0b:f4c2::33')).map((m) => m.id)).toEqual(['tor']);
    expect(lists.match(key('2a06:5280::1')).map((m) => m.id)).toEqual(['spamhaus-drop']);
    expect(lists.match(key('::ffff:193.142.146.35'))[0]).toMatchObject({ id: 'spamhaus-drop', updatedAt: t0 });
    expect(lists.match(key('10.0.0.1'))).toEqual([]);

    // A new process reads the cache; eight days later every list is stale.
    const reopened = await openIpLists({ dataDir: dir });
    expect(reopened.match(key('185.220.101.34')).map((m) => m.id)).toEqual(['tor']);
    const fresh = reopened.status(t0 + DAY);
    expect(fresh.every((s) => s.source === 'online' && s.ageMs === DAY && !s.stale)).toBe(true);
    expect(reopened.status(t0 + 8 * DAY).every((s) => s.stale)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'intel', 'lists', 'tor.txt'))).toBe(true);
    // Private like every data-dir file: folders 0700, files 0600 (the state file included).
    const wrong: string[] = [];
    const walk = (p: string) => {
      const st = fs.statSync(p);
      if ((st.mode & 0o777) !== (st.isDirectory() ? 0o700 : 0o600)) wrong.push(path.relative(dir, p));
      if (st.isDirectory()) for (const name of fs.readdirSync(p)) walk(path.join(p, name));
    };
    walk(path.join(dir, 'intel'));
    expect(wrong).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'intel', 'lists.json'))).toBe(true);
  });

  it('keeps the old cache and reports the error on a malformed, oversize or failed answer', async () => {
    routes = { ...GOOD };
    const lists = await openIpLists({ dataDir: dataDir() });
    await pointAtServer(lists);
    const t0 = Date.UTC(2026, 5, 1);
    await lists.refresh({ now: t0 });
    const before = lists.version;

    routes = {
      '/tor': { body: '<html><body>Too many requests</body></html>', type: 'text/html' },
      '/firehol': { body: Buffer.alloc(64 * 1024, 0x41) },
      '/drop4': { status: 503, body: 'down' },
      '/drop6': GOOD['/drop6'],
      '/feodo': { body: '{"not":"a list"}\n' },
    };
    const later = t0 + 2 * 3_600_000;
    const results = await lists.refresh({ now: later, limits: { timeoutMs: 10_000, maxBytes: 32 * 1024 } });
    expect(results.every((r) => r.outcome === 'failed')).toBe(true);
    expect(results.find((r) => r.id === 'tor')!.message).toMatch(/none of its 1 lines.*previous copy \(3 entries\)/);
    expect(results.find((r) => r.id === 'firehol-level1')!.message).toMatch(/larger than the 32768 bytes/);
    expect(results.find((r) => r.id === 'spamhaus-drop')!.message).toMatch(/HTTP 503/);
    expect(lists.version).toBe(before);
    // The old entries still match and the status shows both the last good time and the error.
    expect(lists.match(key('185.220.101.33')).map((m) => m.id)).toEqual(['tor']);
    const tor = lists.status(later).find((s) => s.id === 'tor')!;
    expect(tor).toMatchObject({ updatedAt: t0, lastAttemptAt: later, entries: 3, source: 'online' });
    expect(tor.lastError).toMatch(/none of its/);
  });

  it('respects the publisher interval (Spamhaus: at most hourly) and an unreachable host is an error', async () => {
    routes = { ...GOOD };
    const lists = await openIpLists({ dataDir: dataDir() });
    await pointAtServer(lists);
    const t0 = Date.UTC(2026, 5, 1);
    await lists.refresh({ now: t0, ids: ['spamhaus-drop'] });
    const again = await lists.refresh({ now: t0 + 10 * 60_000, ids: ['spamhaus-drop'] });
    expect(again[0].outcome).toBe('skipped');
    await lists.setUrls('feodo', ['http://127.0.0.1:9/feodo']);
    const refused = await lists.refresh({ now: t0, ids: ['feodo'] });
    expect(refused[0]).toMatchObject({ ok: false, outcome: 'failed' });
    await expect(lists.refresh({ ids: ['nope'] })).rejects.toThrow(/Unknown list nope/);
    await expect(lists.setUrls('tor', ['not a url'])).rejects.toThrow();
  });

  it('the online refresh is opt-in and the setting persists', async () => {
    const dir = dataDir();
    const lists = await openIpLists({ dataDir: dir });
    expect(lists.settings().online).toBe(false);
    await lists.setOnline(true);
    expect((await openIpLists({ dataDir: dir })).settings().online).toBe(true);
  });

  it('a damaged state file is moved aside, not overwritten', async () => {
    const dir = dataDir();
    fs.mkdirSync(path.join(dir, 'intel'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'intel', 'lists.json'), '{"v":1,"online":tr');
    const lists = await openIpLists({ dataDir: dir });
    expect(lists.recovered).toMatch(/moved to/);
    expect(fs.readdirSync(path.join(dir, 'intel')).some((f) => f.endsWith('.corrupt'))).toBe(true);
  });
});
