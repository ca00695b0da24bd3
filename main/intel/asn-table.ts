// ASN and AS organisation for any address, from @ip-location-db/asn (CC BY 4.0: RouteViews and
// DB-IP). The package ships ~515k CSV rows (~30 MB); parsing them costs about a second, so the
// first open converts them into one binary file of typed arrays (sorted ranges, ASNs, and a
// deduplicated organisation string table) that later opens map in a few milliseconds. The
// cache is keyed on the source files' sizes and times, so an updated package rebuilds it.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DIR_MODE, writeFileAtomic } from '../store/atomic-file';
import { parseAsnCsvLine, decimalToV6Words } from './asn-csv';
import { compareV6, parseAddress, type AddressKey } from './ip-address';
import { buildRangeIndex, findV4, findV6, type RangeIndex, type V4Input, type V6Input } from './range-index';

export interface AsnInfo {
  asn: number;
  org: string;
}

export interface AsnTable {
  lookup(ip: string): AsnInfo | null;
  lookupKey(key: AddressKey): AsnInfo | null;
  readonly ranges: { v4: number; v6: number };
  readonly organisations: number;
  /** How the table was obtained this time: read from the binary cache, or built from the CSVs. */
  readonly source: 'cache' | 'csv';
}

const MAGIC = 0x3141_5357; // "WSA1" little-endian; a byte-swapped machine sees another number and rebuilds
const FORMAT = 1;
const HEADER_WORDS = 8;

/** The directory of the bundled package (packaged builds point WORKPLACE_GUARD_ASN_DIR at the resources copy). */
export function defaultAsnDir(): string {
  const env = process.env.WORKPLACE_GUARD_ASN_DIR;
  if (env) return env;
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('@ip-location-db/asn/package.json'));
}

function sourceFiles(dir: string): { v4: string; v6: string } {
  return { v4: path.join(dir, 'asn-ipv4-num.csv'), v6: path.join(dir, 'asn-ipv6-num.csv') };
}

function sourceKey(dir: string): string {
  const f = sourceFiles(dir);
  const stat = (p: string) => {
    const s = fs.statSync(p);
    return `${s.size}:${Math.floor(s.mtimeMs)}`;
  };
  return JSON.stringify({ format: FORMAT, v4: stat(f.v4), v6: stat(f.v6) });
}

interface TableData {
  index: RangeIndex;
  /** ASN and organisation id per packed range, v4 then v6. */
  asn4: Uint32Array;
  org4: Uint32Array;
  asn6: Uint32Array;
  org6: Uint32Array;
  orgOffsets: Uint32Array;
  orgBytes: Uint8Array;
}

/** Parses the two CSVs; rows that do not parse are skipped (counted in `skipped`). */
export function buildFromCsv(dir: string): TableData & { skipped: number } {
  const files = sourceFiles(dir);
  const orgIds = new Map<string, number>();
  const orgs: string[] = [];
  const orgOf = (name: string) => {
    let id = orgIds.get(name);
    if (id === undefined) {
      id = orgs.length;
      orgs.push(name);
      orgIds.set(name, id);
    }
    return id;
  };
  const rowAsn: number[] = [];
  const rowOrg: number[] = [];
  let skipped = 0;
  // The published files are sorted and disjoint: rows go straight into flat arrays, and only a
  // source that breaks that order pays for per-range objects and a sort (buildRangeIndex).
  const s4: number[] = [];
  const e4: number[] = [];
  let ordered4 = true;
  for (const line of fs.readFileSync(files.v4, 'utf8').split('\n')) {
    if (line.length === 0) continue;
    const r = parseAsnCsvLine(line);
    const start = r ? Number(r.start) : NaN;
    const end = r ? Number(r.end) : NaN;
    if (!r || !(start >= 0 && end >= start && end <= 0xffffffff) || !Number.isInteger(start + end)) {
      skipped++;
      continue;
    }
    if (s4.length > 0 && start <= e4[e4.length - 1]) ordered4 = false;
    s4.push(start);
    e4.push(end);
    rowAsn.push(r.asn);
    rowOrg.push(orgOf(r.org));
  }
  const n4 = s4.length;
  const w6: number[] = [];
  let ordered6 = true;
  for (const line of fs.readFileSync(files.v6, 'utf8').split('\n')) {
    if (line.length === 0) continue;
    const r = parseAsnCsvLine(line);
    const start = r && decimalToV6Words(r.start);
    const end = r && decimalToV6Words(r.end);
    if (!r || !start || !end || compareV6(start, 0, end, 0) > 0) {
      skipped++;
      continue;
    }
    // Each row is 8 words: start then end; the previous end sits at the last four.
    if (w6.length > 0 && compareV6(start, 0, w6, w6.length - 4) <= 0) ordered6 = false;
    for (let k = 0; k < 4; k++) w6.push(start[k]);
    for (let k = 0; k < 4; k++) w6.push(end[k]);
    rowAsn.push(r.asn);
    rowOrg.push(orgOf(r.org));
  }
  const n6 = w6.length / 8;
  let index: RangeIndex;
  if (ordered4 && ordered6) {
    const v6Start = new Uint32Array(n6 * 4);
    const v6End = new Uint32Array(n6 * 4);
    for (let i = 0; i < n6; i++) {
      for (let k = 0; k < 4; k++) {
        v6Start[i * 4 + k] = w6[i * 8 + k];
        v6End[i * 4 + k] = w6[i * 8 + 4 + k];
      }
    }
    index = {
      v4Start: Uint32Array.from(s4),
      v4End: Uint32Array.from(e4),
      v4Value: Uint32Array.from({ length: n4 }, (_, i) => i),
      v6Start,
      v6End,
      v6Value: Uint32Array.from({ length: n6 }, (_, i) => n4 + i),
    };
  } else {
    const v4: V4Input[] = s4.map((start, i) => ({ start, end: e4[i], value: i }));
    const v6: V6Input[] = Array.from({ length: n6 }, (_, i) => ({
      start: w6.slice(i * 8, i * 8 + 4),
      end: w6.slice(i * 8 + 4, i * 8 + 8),
      value: n4 + i,
    }));
    index = buildRangeIndex(v4, v6, 'clip');
  }
  const encoder = new TextEncoder();
  const encoded = orgs.map((o) => encoder.encode(o));
  const orgOffsets = new Uint32Array(orgs.length + 1);
  encoded.forEach((b, i) => (orgOffsets[i + 1] = orgOffsets[i] + b.length));
  const orgBytes = new Uint8Array(orgOffsets[orgs.length]);
  encoded.forEach((b, i) => orgBytes.set(b, orgOffsets[i]));
  return {
    index,
    asn4: Uint32Array.from(index.v4Value, (row) => rowAsn[row]),
    org4: Uint32Array.from(index.v4Value, (row) => rowOrg[row]),
    asn6: Uint32Array.from(index.v6Value, (row) => rowAsn[row]),
    org6: Uint32Array.from(index.v6Value, (row) => rowOrg[row]),
    orgOffsets,
    orgBytes,
    skipped,
  };
}

const pad4 = (n: number) => (n + 3) & ~3;

/** The binary cache: a header, the source key, then each array in a fixed order. */
export function encodeTable(data: TableData, key: string): Uint8Array {
  const keyBytes = new TextEncoder().encode(key);
  const arrays: Uint32Array[] = [
    data.index.v4Start,
    data.index.v4End,
    data.asn4,
    data.org4,
    data.index.v6Start,
    data.index.v6End,
    data.asn6,
    data.org6,
    data.orgOffsets,
  ];
  const head = HEADER_WORDS * 4 + pad4(keyBytes.length);
  const body = arrays.reduce((n, a) => n + a.byteLength, 0);
  const out = new Uint8Array(head + body + data.orgBytes.length);
  const header = new Uint32Array(out.buffer, 0, HEADER_WORDS);
  header.set([
    MAGIC,
    FORMAT,
    data.asn4.length,
    data.asn6.length,
    data.orgOffsets.length - 1,
    data.orgBytes.length,
    keyBytes.length,
  ]);
  out.set(keyBytes, HEADER_WORDS * 4);
  let at = head;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  out.set(data.orgBytes, at);
  return out;
}

/** Reads the cache back as views over one buffer; null when it is for other sources or damaged. */
export function decodeTable(file: Uint8Array, expectedKey: string): TableData | null {
  // Typed-array views need 4-byte alignment; a pooled Buffer may not give it.
  const bytes = file.byteOffset % 4 === 0 ? file : file.slice();
  if (bytes.byteLength < HEADER_WORDS * 4) return null;
  const header = new Uint32Array(bytes.buffer, bytes.byteOffset, HEADER_WORDS);
  const [magic, format, n4, n6, orgCount, orgByteLength, keyLength] = header;
  if (magic !== MAGIC || format !== FORMAT) return null;
  const keyStart = HEADER_WORDS * 4;
  if (keyStart + keyLength > bytes.byteLength) return null;
  const key = new TextDecoder().decode(bytes.subarray(keyStart, keyStart + keyLength));
  if (key !== expectedKey) return null;
  const lengths = [n4, n4, n4, n4, n6 * 4, n6 * 4, n6, n6, orgCount + 1];
  let at = keyStart + pad4(keyLength);
  const total = at + lengths.reduce((n, l) => n + l * 4, 0) + orgByteLength;
  if (total !== bytes.byteLength) return null;
  const views = lengths.map((l) => {
    const v = new Uint32Array(bytes.buffer, bytes.byteOffset + at, l);
    at += l * 4;
    return v;
  });
  const [v4Start, v4End, asn4, org4, v6Start, v6End, asn6, org6, orgOffsets] = views;
  return {
    index: { v4Start, v4End, v4Value: asn4, v6Start, v6End, v6Value: asn6 },
    asn4,
    org4,
    asn6,
    org6,
    orgOffsets,
    orgBytes: bytes.subarray(at, at + orgByteLength),
  };
}

function tableFrom(data: TableData, source: 'cache' | 'csv'): AsnTable {
  const decoder = new TextDecoder();
  const names: (string | undefined)[] = new Array(data.orgOffsets.length - 1);
  const orgName = (id: number) =>
    (names[id] ??= decoder.decode(data.orgBytes.subarray(data.orgOffsets[id], data.orgOffsets[id + 1])));
  const lookupKey = (key: AddressKey): AsnInfo | null => {
    if (key.family === 4) {
      const at = findV4(data.index, key.v4);
      return at < 0 || data.asn4[at] === 0 ? null : { asn: data.asn4[at], org: orgName(data.org4[at]) };
    }
    const at = findV6(data.index, key.v6);
    return at < 0 || data.asn6[at] === 0 ? null : { asn: data.asn6[at], org: orgName(data.org6[at]) };
  };
  return {
    lookupKey,
    lookup(ip) {
      const key = parseAddress(ip);
      return key ? lookupKey(key) : null;
    },
    ranges: { v4: data.asn4.length, v6: data.asn6.length },
    organisations: data.orgOffsets.length - 1,
    source,
  };
}

export interface OpenAsnOptions {
  /** Directory holding asn-ipv4-num.csv and asn-ipv6-num.csv (default: the bundled package). */
  dir?: string;
  /** Where the derived binary table is cached (e.g. <dataDir>/intel/asn-table.bin); none: build in memory. */
  cacheFile?: string | null;
}

/** Opens the ASN table, from the binary cache when it matches the sources, else from the CSVs. */
export async function openAsnTable(opts: OpenAsnOptions = {}): Promise<AsnTable> {
  const dir = opts.dir ?? defaultAsnDir();
  const key = sourceKey(dir);
  if (opts.cacheFile) {
    const cached = await fs.promises.readFile(opts.cacheFile).catch(() => null);
    const data = cached && decodeTable(cached, key);
    if (data) return tableFrom(data, 'cache');
  }
  const built = buildFromCsv(dir);
  if (opts.cacheFile) {
    // The cache only saves time: failing to write it (read-only disk) must not fail the open.
    await fs.promises
      .mkdir(path.dirname(opts.cacheFile), { recursive: true, mode: DIR_MODE })
      .then(() => writeFileAtomic(opts.cacheFile!, encodeTable(built, key)))
      .catch(() => undefined);
  }
  return tableFrom(built, 'csv');
}
