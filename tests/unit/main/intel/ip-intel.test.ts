import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOR_IP } from '../../../../main/demo/scenario';
import { openGeolocation, type Geolocation } from '../../../../main/intel/geolocation';
import { parseAddress } from '../../../../main/intel/ip-address';
import { ipTagsOf, type IpIntelService } from '../../../../main/intel/ip-intel';
import { IpRanges, parseCategory } from '../../../../main/intel/ip-ranges';
import { openIpIntel } from '../../../../main/intel/open-ip-intel';
import { storeLayout } from '../../../../main/store/layout';
import { LowIpRangeStore } from '../../../../main/store/ip-range-store';
import type { CorruptionReport } from '../../../../main/store/types';
import { tempDir } from '../../../support/cli';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const newDir = () => {
  const d = tempDir('wg-intel-');
  dirs.push(d);
  return d;
};

async function openRanges(dataDir: string, reports: CorruptionReport[] = []) {
  const layout = storeLayout(dataDir);
  fs.mkdirSync(layout.root, { recursive: true });
  return LowIpRangeStore.open(layout, async (r) => void reports.push(r));
}

describe('categories', () => {
  it('are accepted in any letter case and by display name', () => {
    expect(['vpn', 'VPN', 'Vpn'].map(parseCategory)).toEqual(['vpn', 'vpn', 'vpn']);
    expect(parseCategory('Cloud provider')).toBe('cloud');
    expect(parseCategory('cloud-provider')).toBe('cloud');
    expect(parseCategory('ADMINISTRATIVE')).toBe('administrative');
    expect(() => parseCategory('friendly')).toThrow(/Unknown category "friendly".*Corporate, VPN, Cloud provider/);
  });
});

describe('the admin IP ranges', () => {
  it('parse v4 and v6 CIDR, refuse overlaps naming the existing range, persist, and match', async () => {
    const dir = newDir();
    const ranges = new IpRanges(await openRanges(dir));
    const office = await ranges.add({
      cidr: '203.0.113.0/24',
      category: 'Corporate',
      name: 'Paris office',
      tags: ['hq'],
    });
    expect(office).toMatchObject({ cidr: '203.0.113.0/24', category: 'corporate', name: 'Paris office', tags: ['hq'] });
    // Host bits are normalised away.
    const vpn = await ranges.add({ cidr: '198.51.100.77/25', category: 'vpn' });
    expect(vpn.cidr).toBe('198.51.100.0/25');
    await ranges.add({ cidr: '2001:db8:1::/48', category: 'risky', tags: ['lab', 'LAB', ' '] });

    await expect(ranges.add({ cidr: '203.0.113.128/25', category: 'risky' })).rejects.toThrow(
      /203\.0\.113\.128\/25 overlaps the existing range "Paris office" 203\.0\.113\.0\/24 \(Corporate/,
    );
    await expect(ranges.add({ cidr: '203.0.0.0/16', category: 'risky' })).rejects.toThrow(
      /overlaps.*203\.0\.113\.0\/24/,
    );
    await expect(ranges.add({ cidr: '2001:db8::/32', category: 'vpn' })).rejects.toThrow(/overlaps.*2001:db8:1::\/48/);
    await expect(ranges.add({ cidr: '::ffff:203.0.113.5/128', category: 'vpn' })).rejects.toThrow(/overlaps/);
    await expect(ranges.add({ cidr: '203.0.113.0/33', category: 'vpn' })).rejects.toThrow(/not an IP range/);
    await expect(ranges.add({ cidr: 'banana', category: 'vpn' })).rejects.toThrow(/not an IP range/);
    // Adjacent is not overlapping.
    await ranges.add({ cidr: '203.0.114.0/24', category: 'cloud' });

    const m = (ip: string) => ranges.match(parseAddress(ip)!)?.cidr ?? null;
    expect(m('203.0.113.0')).toBe('203.0.113.0/24');
    expect(m('203.0.113.255')).toBe('203.0.113.0/24');
    expect(m('::ffff:203.0.113.9')).toBe('203.0.113.0/24');
    expect(m('203.0.114.1')).toBe('203.0.114.0/24');
    expect(m('203.0.112.255')).toBeNull();
    expect(m('2001:db8:1:ffff::1')).toBe('2001:db8:1::/48');
    expect(m('2001:db8:2::1')).toBeNull();

    // Persisted: a new process sees the same ranges and tags ("lab" once, empty dropped).
    const reopened = new IpRanges(await openRanges(dir));
    expect(reopened.list().map((r) => [r.cidr, r.category, r.tags])).toEqual([
      ['203.0.113.0/24', 'corporate', ['hq']],
      ['198.51.100.0/25', 'vpn', []],
      ['2001:db8:1::/48', 'risky', ['lab']],
      ['203.0.114.0/24', 'cloud', []],
    ]);
    const removed = await reopened.remove('198.51.100.5/25');
    expect(removed.id).toBe(vpn.id);
    await reopened.remove(office.id);
    await expect(reopened.remove('10.0.0.0/8')).rejects.toThrow(/No range with id or CIDR/);
    expect(new IpRanges(await openRanges(dir)).list().map((r) => r.cidr)).toEqual([
      '2001:db8:1::/48',
      '203.0.114.0/24',
    ]);
  });

  it('a damaged ranges file is quarantined and reported, not overwritten', async () => {
    const dir = newDir();
    const layout = storeLayout(dir);
    fs.mkdirSync(layout.root, { recursive: true });
    fs.writeFileSync(path.join(layout.root, 'ip-ranges.json'), '{"v":1,"ranges":[{"id":');
    const reports: CorruptionReport[] = [];
    const store = await openRanges(dir, reports);
    expect(store.list()).toEqual([]);
    expect(reports[0].message).toMatch(/IP ranges file/);
    expect(fs.readdirSync(layout.quarantine).length).toBe(1);
  });
});

describe('IpIntel', () => {
  let intel: IpIntelService;
  let geo: Geolocation;
  beforeAll(async () => {
    const dir = newDir();
    intel = await openIpIntel({ dataDir: dir, ranges: await openRanges(dir), listFixtures: true });
    geo = await openGeolocation();
  });
  afterAll(() => geo.close());

  it('holds the sanity IPs of ip-intel.md (country from geolocation, ASN from the table)', () => {
    expect(geo.lookup('8.8.8.8')?.country).toBe('US');
    expect(geo.lookup('1.1.1.1')?.country).toBe('AU');
    expect(geo.lookup('81.2.69.142')?.country).toBe('GB');
    expect(intel.facts('8.8.8.8')).toMatchObject({ asn: 15169, asOrg: expect.stringMatching(/google/i) });
    expect(intel.facts('1.1.1.1')).toMatchObject({ asn: 13335, asOrg: expect.stringMatching(/cloudflare/i) });
    expect(intel.facts('1.1.1.1').network).toBe('hosting');
    expect(intel.facts('2001:4860:4860::8888').asn).toBe(15169);
    expect(intel.facts('::ffff:8.8.8.8')).toMatchObject({ ip: '8.8.8.8', asn: 15169 });
    expect(intel.facts('not-an-ip')).toEqual({
      ip: 'not-an-ip',
      asn: null,
      asOrg: null,
      network: null,
      lists: [],
      range: null,
    });
  });

  it('combines lists and ranges, and a range added applies to the very next lookup', async () => {
    const before = intel.facts(TOR_IP);
    expect(before.lists.map((l) => l.id)).toEqual(['tor']);
    expect(before.range).toBeNull();
    expect(ipTagsOf(before)).toContain('tor');
    await intel.ranges.add({ cidr: '185.220.101.0/24', category: 'Anonymous', tags: ['tor-relays'] });
    const after = intel.facts(TOR_IP);
    expect(after.range?.category).toBe('anonymous');
    expect(ipTagsOf(after)).toEqual(expect.arrayContaining(['tor', 'anonymous', 'tag:tor-relays']));
    await intel.ranges.remove('185.220.101.0/24');
    expect(intel.facts(TOR_IP).range).toBeNull();
  });

  it('knows bordering countries', () => {
    expect(intel.bordering('FR', 'BE')).toBe(true);
    expect(intel.bordering('FR', 'GB')).toBe(false);
  });
});
