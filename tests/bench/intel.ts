// Intel benchmark: ASN table build (first run, from the CSVs) and load (from the binary cache),
// then lookups per second on random public addresses — by numeric key (the table alone) and by
// address text (parsing included), IPv4 and IPv6.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAsnTable } from '../../main/intel/asn-table';
import { parseAddress, type AddressKey } from '../../main/intel/ip-address';

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

/** Deterministic generator (mulberry32), so runs compare. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
