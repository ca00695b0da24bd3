// Intel benchmark: ASN table build (first run, from the CSVs) and load (from the binary cache),
// then lookups per second on random public addresses — by numeric key (the table alone) and by
// address text (parsing included), IPv4 and IPv6.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEnricher } from '../../main/detect/enrich';
import { openAsnTable } from '../../main/intel/asn-table';
import { parseAddress, type AddressKey } from '../../main/intel/ip-address';
import { openIpIntel } from '../../main/intel/open-ip-intel';
import { LowIpRangeStore } from '../../main/store/ip-range-store';
import { storeLayout } from '../../main/store/layout';
import { seededRandom } from '../support/random';

function randomV4(rand: () => number): string {
  const o = () => Math.floor(rand() * 256);
  return `${1 + Math.floor(rand() * 222)}.${o()}.${o()}.${o()}`;
}
function randomV6(rand: () => number): string {
  const g = () => Math.floor(rand() * 0x10000).toString(16);
  return `2${Math.floor(rand() * 0x1000)
    .toString(16)
    .padStart(3, '0')}:${g()}:${g()}:${g()}::${g()}`;
}

const n = (x: number) => x.toLocaleString('en');

/** Deterministic, so runs compare. */
const prng = seededRandom;

export async function benchIntel(report: (line: string) => void, opts: { lookups: number }): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-bench-intel-'));
  try {
    const cacheFile = path.join(dir, 'asn-table.bin');
    let t = performance.now();
    const built = await openAsnTable({ cacheFile });
    const buildMs = performance.now() - t;
    t = performance.now();
    const table = await openAsnTable({ cacheFile });
    const loadMs = performance.now() - t;
    report(
      `ASN table: ${n(built.ranges.v4)} IPv4 + ${n(built.ranges.v6)} IPv6 ranges, ` +
        `${n(built.organisations)} organisations, cache ${(fs.statSync(cacheFile).size / 1e6).toFixed(1)} MB`,
    );
    report(
      `  first run (CSV → binary): ${buildMs.toFixed(0)} ms; ` +
        `load from cache (${table.source}): ${loadMs.toFixed(1)} ms`,
    );
    const rand = prng(42);
    for (const family of [4, 6] as const) {
      const texts = Array.from({ length: 100_000 }, () => (family === 4 ? randomV4(rand) : randomV6(rand)));
      const keys = texts.map((s) => parseAddress(s)).filter((k): k is AddressKey => k !== null);
      let found = 0;
      t = performance.now();
      for (let i = 0; i < opts.lookups; i++) if (table.lookupKey(keys[i % keys.length])) found++;
      const keyRate = opts.lookups / ((performance.now() - t) / 1000);
      t = performance.now();
      const textLookups = Math.min(opts.lookups, 1_000_000);
      for (let i = 0; i < textLookups; i++) if (table.lookup(texts[i % texts.length])) found++;
      const textRate = textLookups / ((performance.now() - t) / 1000);
      report(
        `  IPv${family}: ${(keyRate / 1e6).toFixed(2)} M lookups/s by key, ` +
          `${(textRate / 1e6).toFixed(2)} M/s from text ` +
          `(${found.toLocaleString('en')} hits)`,
      );
    }
    await benchEnrichment(report, dir, opts.lookups);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What enrichment adds per activity in a sync: IpIntel facts (ASN, network kind, lists, ranges),
 * device from the user agent and details from extra_data, over a realistic repetition of
 * addresses (20,000 distinct) and user agents (40 distinct).
 */
async function benchEnrichment(report: (line: string) => void, dataDir: string, events: number): Promise<void> {
  const layout = storeLayout(dataDir);
  fs.mkdirSync(layout.root, { recursive: true });
  const ranges = await LowIpRangeStore.open(layout, async () => undefined);
  const intel = await openIpIntel({ dataDir, ranges, listFixtures: true });
  await intel.ranges.add({ cidr: '203.0.113.0/24', category: 'corporate' });
  const rand = prng(7);
  const ips = Array.from({ length: 20_000 }, () => randomV4(rand));
  const uas = Array.from(
    { length: 40 },
    (_, i) =>
      `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) ` +
      `Chrome/${100 + i}.0.0.0 Safari/537.36`,
  );
  const enricher = createEnricher(null, 50_000, intel);
  const extra = { summary: 'downloaded a file', file_name: 'Q3 forecast.xlsx' };
  let tags = 0;
  const t = performance.now();
  for (let i = 0; i < events; i++) {
    // User agents arrive as fresh strings from JSON.parse, as in a sync.
    const d = enricher.describe({ ip: ips[i % ips.length], userAgent: uas[i % uas.length].slice(0), extra });
    tags += d.ipTags.length;
  }
  const rate = events / ((performance.now() - t) / 1000);
  report(`  enrichment (IpIntel + device + details): ${(rate / 1e6).toFixed(2)} M activities/s (${n(tags)} tags)`);
}
