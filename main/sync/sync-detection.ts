// Detection for whatever runs syncs — the console (app, `serve`) and the CLI's connect and sync:
// the IP intel of the data directory (ASN table, lists, the admin's ranges), used both to
// enrich each activity as it is stored and by the policies, and the detection pipeline fed by
// the connector's commit hook. One builder, so a sync judged from the command line raises the
// same alerts as one run from the app.
import { startDetectionPipeline, type DetectionPipeline } from '../detect/pipeline';
import { terminationLookup, type TerminationLookup } from '../detect/detection';
import type { IpIntelService } from '../intel/ip-intel';
import { openIpIntel } from '../intel/open-ip-intel';
import type { GuardEvents } from '../runtime/events';
import { LowIpRangeStore } from '../store/ip-range-store';
import { storeLayout } from '../store/layout';
import { LowTerminationStore } from '../store/termination-store';
import type { CorruptionReport, Store } from '../store/types';
import { readConnection } from './connection';
import type { ConnectorDeps } from './connector';
import { isSwitchable } from './switchable-store';

export interface SyncDetectionOptions {
  store: Store;
  events: GuardEvents;
  dataDir: string;
  /** Given by callers that already hold the intel (tests, the bench); otherwise opened for the data dir. */
  ipIntel?: IpIntelService;
  /** The admin's imported termination list; otherwise the store's. */
  terminations?: TerminationLookup;
}

export interface SyncDetection {
  intel: IpIntelService;
  pipeline: DetectionPipeline;
  /** What the connector needs: enrichment from the same intel, and new activities to detection. */
  connectorDeps: Pick<ConnectorDeps, 'intel' | 'onActivitiesCommitted'>;
  /** Stops listening and resolves once everything queued is evaluated. */
  close(): Promise<void>;
}

export async function openSyncDetection(opts: SyncDetectionOptions): Promise<SyncDetection> {
  const { store, dataDir } = opts;
  // A damaged ranges or terminations file is quarantined by its store; the admin hears of it
  // here and in `status` (the store's corruption list), and detection goes on without it.
  const report = async (r: CorruptionReport) => {
    process.stderr.write(`${r.message}\n`);
    await (store.meta as { addCorruption?: (c: CorruptionReport) => Promise<void> }).addCorruption?.(r);
  };
  const intel =
    opts.ipIntel ??
    (await openIpIntel({
      dataDir,
      // The bundled ASN data: hosting / VPN / mobile networks carry no place for the location
      // policies, which is what keeps impossible travel quiet for tunnels (built once per data dir).
      // The shipped list fixtures stand in for never-refreshed lists only for the demo community.
      listFixtures: readConnection(store.meta)?.method === 'demo',
      // The admin's ranges must reach detection: a range tagged on the IP ranges screen (or from
      // an alert, or with `ip-ranges add`) applies to the next evaluation.
      ranges: await LowIpRangeStore.open(storeLayout(dataDir), report),
    }));
  const pipeline = startDetectionPipeline({
    store,
    events: opts.events,
    intel,
    terminations: opts.terminations ?? terminationLookup(await LowTerminationStore.open(storeLayout(dataDir), report)),
    onError: (message) => process.stderr.write(`${message}\n`),
  });
  // Archive or clear (another organisation connected) moves the store's folder: what detection
  // queued from the old organisation is judged and its baselines saved first, in the old store.
  // Afterwards detection carries on in the new store (it loads the baselines of whichever store is
  // open), so nothing is stopped, only waited for.
  const settleBeforeSwitch = async () => {
    await pipeline.settled();
    await pipeline.detection.settledWrites();
  };
  const unregister = isSwitchable(store) ? store.beforeReplace(settleBeforeSwitch) : () => undefined;
  return {
    intel,
    pipeline,
    connectorDeps: { intel, onActivitiesCommitted: (added) => pipeline.onActivitiesCommitted(added) },
    async close() {
      unregister();
      pipeline.stop();
      await pipeline.settled();
    },
  };
}
