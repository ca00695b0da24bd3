// The intel CLI commands, run as a user would: the real bin, a real data directory.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../../../support/cli';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const newDir = () => {
  const d = tempDir('wg-cli-intel-');
  dirs.push(d);
  return d;
};
const LONG = { timeoutMs: 170_000 };

describe('ip-ranges', () => {
  it('add (any category case), list, refuse an overlap, remove by CIDR — persisted between runs', async () => {
    const dir = newDir();
    const cli = (...args: string[]) => runCli(['--data-dir', dir, ...args]);
    const added = await cli(
      'ip-ranges',
      'add',
      '203.0.113.0/24',
      '--category',
      'Vpn',
      '--tag',
      'gw',
      '--name',
      'VPN',
      '--json',
    );
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({
      cidr: '203.0.113.0/24',
      category: 'vpn',
      tags: ['gw'],
      name: 'VPN',
    });
    expect((await cli('ip-ranges', 'add', '2001:db8::/48', '--category', 'CORPORATE')).code).toBe(0);

    const clash = await cli('ip-ranges', 'add', '203.0.113.64/26', '--category', 'risky');
    expect(clash.code).toBe(1);
    expect(clash.stderr).toMatch(/overlaps the existing range "VPN" 203\.0\.113\.0\/24/);
    const badCategory = await cli('ip-ranges', 'add', '198.51.100.0/24', '--category', 'friendly');
    expect(badCategory.stderr).toMatch(/Unknown category "friendly"/);
    expect((await cli('ip-ranges', 'add', '198.51.100.0/24')).code).toBe(2);

    const listed = await cli('ip-ranges', 'list', '--json');
    expect(JSON.parse(listed.stdout).map((r: { cidr: string; category: string }) => [r.cidr, r.category])).toEqual([
      ['203.0.113.0/24', 'vpn'],
      ['2001:db8::/48', 'corporate'],
    ]);
    const removed = await cli('ip-ranges', 'remove', '203.0.113.0/24', '--json');
    expect(JSON.parse(removed.stdout).cidr).toBe('203.0.113.0/24');
    expect(JSON.parse((await cli('ip-ranges', 'list', '--json')).stdout)).toHaveLength(1);
    expect((await cli('ip-ranges', 'remove', '10.0.0.0/8')).stderr).toMatch(/No range with id or CIDR/);
  }, 180_000);
});

describe('intel lookup', () => {
  it('answers the sanity IPs with country, ASN and the admin range', async () => {
    const dir = newDir();
    await runCli(['--data-dir', dir, 'ip-ranges', 'add', '8.8.8.0/24', '--category', 'cloud']);
    const google = await runCli(['--data-dir', dir, '--json', 'intel', 'lookup', '8.8.8.8'], LONG);
    expect(google.code).toBe(0);
    expect(JSON.parse(google.stdout)).toMatchObject({
      ip: '8.8.8.8',
      country: 'US',
      asn: 15169,
      range: { cidr: '8.8.8.0/24', category: 'cloud' },
      ipTags: ['cloud'],
    });
    const cf = JSON.parse((await runCli(['--data-dir', dir, 'intel', 'lookup', '1.1.1.1', '--json'], LONG)).stdout);
    expect(cf).toMatchObject({ country: 'AU', asn: 13335, network: 'hosting' });
    const gb = JSON.parse(
      (await runCli(['--data-dir', dir, 'intel', 'lookup', '::ffff:81.2.69.142', '--json'])).stdout,
    );
    expect(gb).toMatchObject({ ip: '81.2.69.142', country: 'GB' });
    const bad = await runCli(['--data-dir', dir, 'intel', 'lookup', 'example.com']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not an IP address/);
  }, 180_000);
});

describe('intel settings and refresh', () => {
  let server: http.Server;
  let base: string;
  const torBody = '185.220.101.33\n185.220.101.34\n';
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/tor') res.writeHead(200, { 'content-type': 'text/plain' }).end(torBody);
      else res.writeHead(404).end('nope');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('refuses until online refresh is on, then refreshes from the configured URL with its freshness', async () => {
    const dir = newDir();
    const cli = (...args: string[]) => runCli(['--data-dir', dir, ...args], LONG);
    const off = await cli('intel', 'refresh', '--list', 'tor');
    expect(off.code).toBe(1);
    expect(off.stderr).toMatch(/Online refresh is off/);

    const set = await cli('intel', 'settings', '--online', 'on', '--url', `tor=${base}/tor`, '--json');
    expect(JSON.parse(set.stdout)).toEqual({ online: true, schedule: 'off', urls: { tor: [`${base}/tor`] } });
    const ok = await cli('intel', 'refresh', '--list', 'tor', '--json');
    expect(ok.code).toBe(0);
    const done = JSON.parse(ok.stdout);
    expect(done.results).toEqual([expect.objectContaining({ id: 'tor', outcome: 'refreshed', entries: 2 })]);
    const tor = done.lists.find((l: { id: string }) => l.id === 'tor');
    expect(tor).toMatchObject({ source: 'online', stale: false, entries: 2 });

    const hit = JSON.parse((await cli('intel', 'lookup', '185.220.101.34', '--json')).stdout);
    expect(hit.lists).toEqual([expect.objectContaining({ id: 'tor', kind: 'anonymity' })]);
    expect(hit.ipTags).toContain('tor');

    const status = JSON.parse((await cli('intel', 'status', '--json')).stdout);
    expect(status.lists.find((l: { id: string }) => l.id === 'firehol-level1')).toMatchObject({
      source: 'missing',
      stale: true,
    });
    expect((await cli('intel', 'settings', '--url', 'nope=http://127.0.0.1/x')).stderr).toMatch(/Unknown list nope/);
    // Plain http off this machine is refused (a list fetched in clear text could be swapped on the way).
    expect((await cli('intel', 'settings', '--url', 'tor=http://mirror.example/tor')).stderr).toMatch(
      /plain http is only allowed on this machine/,
    );
    const daily = await cli('intel', 'settings', '--schedule', 'daily');
    expect(daily.stdout).toMatch(/^Online refresh: on; scheduled refresh: daily \(while the app or serve runs\)/m);
    expect((await cli('intel', 'settings', '--schedule', 'hourly')).code).toBe(2);
    expect(fs.existsSync(path.join(dir, 'intel', 'lists', 'tor.txt'))).toBe(true);
  }, 180_000);
});

describe('terminations import', () => {
  it('imports a CSV of email,date, refuses a bad file whole, and keeps what was imported', async () => {
    const dir = newDir();
    const csv = path.join(dir, 'leavers.csv');
    fs.writeFileSync(
      csv,
      'email,date\r\nAna.Ruiz@Example.com,2026-03-31\r\n"bob@example.com",2026-04-01T17:00:00Z\r\n',
    );
    const ok = await runCli(['--data-dir', dir, 'terminations', 'import', csv, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ imported: 2, added: 2, updated: 0, total: 2 });

    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'carol@example.com,2026-05-01\nnot-an-email,2026-05-02\ndave@example.com,31/05/2026\n');
    const refused = await runCli(['--data-dir', dir, 'terminations', 'import', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Nothing imported.*line 2.*line 3/);
    expect((await runCli(['--data-dir', dir, 'terminations', 'import', path.join(dir, 'none.csv')])).stderr).toMatch(
      /no such file/,
    );

    const listed = JSON.parse((await runCli(['--data-dir', dir, 'terminations', 'list', '--json'])).stdout);
    expect(listed.map((t: { email: string; terminatedAt: number }) => [t.email, t.terminatedAt])).toEqual([
      ['ana.ruiz@example.com', Date.UTC(2026, 2, 31)],
      ['bob@example.com', Date.UTC(2026, 3, 1, 17)],
    ]);
  }, 180_000);
});
