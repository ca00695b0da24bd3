// What the intel CLI commands share: the store opened for writing (the data-directory lock and
// its corruption reports), the admin's ranges beside it, and IpIntel over both.
import { openIpIntel } from '../../intel/open-ip-intel';
import type { IpIntelService } from '../../intel/ip-intel';
import { openStore } from '../../store/index';
import { LowIpRangeStore } from '../../store/ip-range-store';
import { storeLayout } from '../../store/layout';
import type { Store, CorruptionReport } from '../../store/types';

export interface IntelSession {
  store: Store;
  ranges: LowIpRangeStore;
  report(r: CorruptionReport): Promise<void>;
  close(): Promise<void>;
}

export async function openIntelSession(dataDir: string): Promise<IntelSession> {
  const store = await openStore(dataDir);
  const meta = store.meta as Store['meta'] & { addCorruption?: (r: CorruptionReport) => Promise<void> };
  const report = async (r: CorruptionReport) => {
    process.stderr.write(`workplace-guard: ${r.message}\n`);
    await meta.addCorruption?.(r);
  };
  try {
    const ranges = await LowIpRangeStore.open(storeLayout(dataDir), report);
    return { store, ranges, report, close: () => store.close() };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** IpIntel for this data dir; `withAsn: false` skips the ASN table (commands that only touch the lists). */
export function intelFor(
  session: IntelSession,
  dataDir: string,
  fixtures: boolean,
  withAsn = true,
): Promise<IpIntelService> {
  return openIpIntel({ dataDir, ranges: session.ranges, listFixtures: fixtures, asnDir: withAsn ? undefined : null });
}
