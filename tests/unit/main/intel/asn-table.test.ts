import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAsnTable, type AsnTable } from '../../../../main/intel/asn-table';
import { parseAsnCsvLine, decimalToV6Words } from '../../../../main/intel/asn-csv';
import { bordering, landBorders } from '../../../../main/intel/borders';
import { CURATED_ASNS, networkKind } from '../../../../main/intel/network-kind';
import { tempDir } from '../../../support/cli';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function fixtureSource(v4: string[], v6: string[]): string {
  const dir = tempDir('wg-asn-src-');
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'asn-ipv4-num.csv'), v4.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'asn-ipv6-num.csv'), v6.join('\n') + '\n');
  return dir;
}

describe('ASN CSV rows', () => {
  it('reads quoted organisations with commas and doubled quotes', () => {
    expect(parseAsnCsvLine('16777216,16777471,13335,"Cloudflare, Inc."')).toEqual({
      start: '16777216',
      end: '16777471',
      asn: 13335,
      org: 'Cloudflare, Inc.',
    });
    expect(parseAsnCsvLine('1,2,201907,"LLC ""SPUTNIK"""')?.org).toBe('LLC "SPUTNIK"');
    expect(parseAsnCsvLine('garbage')).toBeNull();
    expect(parseAsnCsvLine('1,2,notanumber,Org')).toBeNull();
  });

  it('converts decimal IPv6 numbers to four words', () => {
    // 2001:4860:: = 0x20014860 << 96
    const n = (0x20014860n << 96n).toString();
    expect(Array.from(decimalToV6Words(n)!)).toEqual([0x20014860, 0, 0, 0]);
    expect(decimalToV6Words((1n << 128n).toString())).toBeNull();
    expect(decimalToV6Words('12a')).toBeNull();
  });
});

describe('openAsnTable on a small source', () => {
  const v6start = (0x20010db8n << 96n).toString();
  const v6end = ((0x20010db8n << 96n) + (1n << 96n) - 1n).toString();
  const source = () =>
    fixtureSource(
      [
        // 1.0.0.0–1.0.0.255, 1.0.4.0–1.0.7.255, an overlapping row that must be clipped, a damaged row
        '16777216,16777471,13335,"Cloudflare, Inc."',
        '16778240,16779263,38803,Gtelecom Pty Ltd',
        '16779000,16779300,64500,Overlapping Org',
        'oops',
      ],
      [`${v6start},${v6end},64496,"Doc, Net"`],
    );

  it('builds from CSV, caches a binary table, and reads the cache back identically', async () => {
    const dir = source();
    const cacheFile = path.join(tempDir('wg-asn-cache-'), 'asn.bin');
    dirs.push(path.dirname(cacheFile));
    const built = await openAsnTable({ dir, cacheFile });
    expect(built.source).toBe('csv');
    expect(fs.existsSync(cacheFile)).toBe(true);
    const cached = await openAsnTable({ dir, cacheFile });
    expect(cached.source).toBe('cache');
    for (const t of [built, cached]) {
      expect(t.lookup('1.0.0.1')).toEqual({ asn: 13335, org: 'Cloudflare, Inc.' });
      expect(t.lookup('1.0.7.255')).toEqual({ asn: 38803, org: 'Gtelecom Pty Ltd' });
      // The overlapping row only keeps the part past the earlier range.
      expect(t.lookup('1.0.8.0')).toEqual({ asn: 64500, org: 'Overlapping Org' });
      expect(t.lookup('1.0.1.0')).toBeNull();
      expect(t.lookup('2001:db8::1')).toEqual({ asn: 64496, org: 'Doc, Net' });
      expect(t.lookup('::ffff:1.0.0.1')).toEqual({ asn: 13335, org: 'Cloudflare, Inc.' });
      expect(t.lookup('not an ip')).toBeNull();
    }
  });

  it('reads a sorted, disjoint source (the published files) by the direct path', async () => {
    const dir = fixtureSource(
      ['16777216,16777471,13335,"Cloudflare, Inc."', '16778240,16779263,38803,Gtelecom Pty Ltd'],
      [`${v6start},${v6end},64496,Doc`],
    );
    const t = await openAsnTable({ dir });
    expect(t.ranges).toEqual({ v4: 2, v6: 1 });
    expect(t.lookup('1.0.4.0')?.asn).toBe(38803);
    expect(t.lookup('1.0.3.255')).toBeNull();
    expect(t.lookup('2001:db8:ffff::1')?.asn).toBe(64496);
    expect(t.lookup('2001:db9::1')).toBeNull();
  });

  it('rebuilds when the source changes or the cache is damaged', async () => {
    const dir = source();
    const cacheFile = path.join(tempDir('wg-asn-cache-'), 'asn.bin');
    dirs.push(path.dirname(cacheFile));
    await openAsnTable({ dir, cacheFile });
    fs.appendFileSync(path.join(dir, 'asn-ipv4-num.csv'), '167772160,167772415,64511,Added Later\n');
    const rebuilt = await openAsnTable({ dir, cacheFile });
    expect(rebuilt.source).toBe('csv');
    expect(rebuilt.lookup('10.0.0.1')?.asn).toBe(64511);
    const bytes = fs.readFileSync(cacheFile);
    fs.writeFileSync(cacheFile, bytes.subarray(0, bytes.length - 7));
    const again = await openAsnTable({ dir, cacheFile });
    expect(again.source).toBe('csv');
    expect(again.lookup('10.0.0.1')?.asn).toBe(64511);
  });
});

describe('the bundled ASN data', () => {
  let table: AsnTable;
  beforeAll(async () => {
    const cacheDir = tempDir('wg-asn-real-');
    dirs.push(cacheDir);
    table = await openAsnTable({ cacheFile: path.join(cacheDir, 'asn.bin') });
  });

  it('passes the sanity checks of ip-intel.md', () => {
    expect(table.lookup('8.8.8.8')).toMatchObject({ asn: 15169, org: expect.stringMatching(/google/i) });
    expect(table.lookup('1.1.1.1')).toMatchObject({ asn: 13335, org: expect.stringMatching(/cloudflare/i) });
    expect(table.lookup('2001:4860:4860::8888')?.asn).toBe(15169);
    expect(table.lookup('::ffff:8.8.8.8')?.asn).toBe(15169);
    expect(table.lookup('10.1.2.3')).toBeNull();
    expect(table.ranges.v4).toBeGreaterThan(300_000);
    expect(table.ranges.v6).toBeGreaterThan(50_000);
  });

  it('every curated ASN exists in the data (a typo in the list would silently classify nothing)', () => {
    const present = new Set<number>();
    for (const f of ['asn-ipv4-num.csv', 'asn-ipv6-num.csv']) {
      const text = fs.readFileSync(
        path.join(path.dirname(require.resolve('@ip-location-db/asn/package.json')), f),
        'utf8',
      );
      for (const line of text.split('\n')) {
        const row = parseAsnCsvLine(line);
        if (row) present.add(row.asn);
      }
    }
    const missing = CURATED_ASNS.filter((e) => !present.has(e.asn)).map((e) => e.asn);
    expect(missing).toEqual([]);
    for (const e of CURATED_ASNS) expect(e.source).toMatch(/^https:\/\//);
  });
});

describe('network kinds', () => {
  it('curated ASNs win over keywords; keywords classify the rest', () => {
    expect(networkKind(14593, 'Space Exploration Technologies Corporation')).toBe('satellite');
    expect(networkKind(16509, 'Amazon.com, Inc.')).toBe('hosting');
    expect(networkKind(36183, 'Akamai Technologies, Inc.')).toBe('private-relay');
    expect(networkKind(39351, '31173 Services AB')).toBe('vpn-provider');
    expect(networkKind(21928, 'T-Mobile USA, Inc.')).toBe('mobile');
    expect(networkKind(64512, 'Example Hosting Ltd')).toBe('hosting');
    expect(networkKind(64513, 'Example Secure VPN GmbH')).toBe('vpn-provider');
    expect(networkKind(64514, 'Example Mobile Telecom')).toBe('mobile');
    expect(networkKind(3320, 'Deutsche Telekom AG')).toBeNull();
    expect(networkKind(null, null)).toBeNull();
  });
});

describe('land borders (world-countries)', () => {
  it('knows real neighbours, and only them', () => {
    expect(bordering('FR', 'DE')).toBe(true);
    expect(bordering('de', 'fr')).toBe(true);
    expect(bordering('US', 'CA')).toBe(true);
    expect(bordering('US', 'MX')).toBe(true);
    expect(bordering('GB', 'IE')).toBe(true);
    expect(bordering('GB', 'FR')).toBe(false);
    expect(bordering('AU', 'NZ')).toBe(false);
    expect(bordering('FR', 'FR')).toBe(false);
    expect(bordering('XX', 'FR')).toBe(false);
    // Symmetric across the whole dataset.
    for (const [a, ns] of landBorders()) for (const b of ns) expect(bordering(b, a)).toBe(true);
    expect(landBorders().size).toBeGreaterThan(240);
  });
});
