// Assembles IpIntel for a data directory: the ASN table (its binary cache in <dataDir>/intel),
// the lists (cache and settings in <dataDir>/intel), and the admin's ranges (the store's file).
import { openAsnTable, type AsnTable } from './asn-table';
import { createIpIntel, type IpIntelService } from './ip-intel';
import { openIpLists } from './ip-lists';
import { IpRanges } from './ip-ranges';
import { intelPaths } from './list-state';
import type { IpRangeStore } from '../store/ip-range-store';

export interface OpenIpIntelOptions {
  dataDir: string;
  ranges: IpRangeStore;
  /** Use the shipped list fixtures for lists never refreshed here (demo, tests). */
  listFixtures?: boolean;
  /** ASN CSV directory (default: the bundled package); null: no ASN data. */
  asnDir?: string | null;
}

export async function openIpIntel(opts: OpenIpIntelOptions): Promise<IpIntelService> {
  let asn: AsnTable | null = null;
  if (opts.asnDir !== null) {
    try {
      asn = await openAsnTable({ dir: opts.asnDir, cacheFile: intelPaths(opts.dataDir).asnCache });
    } catch {
      // Missing or unreadable ASN data: addresses have no ASN; lists and ranges still apply.
      asn = null;
    }
  }
  const lists = await openIpLists({ dataDir: opts.dataDir, fixtures: opts.listFixtures });
  return createIpIntel({ asn, lists, ranges: new IpRanges(opts.ranges) });
}
