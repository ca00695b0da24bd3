// Detection in the running console: the sync's commit hook queues new activities, and when the
// sync run ends (the connector reports it is no longer running) they are evaluated together —
// the audit log pages newest first, so evaluating page by page would judge each user backwards.
// New alerts go out as `alerts.new`; the connector entering Error raises a system alert.
import type { ConnectorStatus } from '../../preload/contract';
import { bordering } from '../intel/borders';
import type { IpIntel } from '../intel/ip-facts';
import type { GuardEvents } from '../runtime/events';
import type { StoredActivity, Store } from '../store/types';
import { createActivityPolicyStage } from './activity/stage';
import {
  createDetection,
  type ActivityPolicyStage,
  type Detection,
  type FlushResult,
  type TerminationLookup,
} from './detection';

export interface DetectionPipelineOptions {
  store: Store;
  events: GuardEvents;
  /** What is known about addresses; without it detection knows borders only (no lists, ranges or ASNs). */
  intel?: IpIntel | null;
  terminations?: TerminationLookup | null;
  activityPolicies?: ActivityPolicyStage | null;
  onError?: (message: string) => void;
}

export interface DetectionPipeline {
  detection: Detection;
  /** The connector's `onActivitiesCommitted`. */
  onActivitiesCommitted(added: StoredActivity[]): void;
  /** Resolves when everything queued so far has been evaluated (tests and the CLI wait on it). */
  settled(): Promise<FlushResult | null>;
  stop(): void;
}

export function startDetectionPipeline(opts: DetectionPipelineOptions): DetectionPipeline {
  const { store, events } = opts;
  const intel = opts.intel ?? bordersOnlyIntel;
  const detection = createDetection({
    store,
    intel,
    terminations: opts.terminations ?? null,
    activityPolicies: opts.activityPolicies ?? createActivityPolicyStage({ store, intel }),
    onAlerts: (r) => {
      if (r.created.length) events.emit('alerts.new', { ids: r.created });
    },
  });
  const report = (err: unknown) =>
    opts.onError?.(`Detection failed: ${err instanceof Error ? err.message : String(err)}`);
  // Warm up at start; what a previous run queued but never evaluated (it died) is evaluated now.
  let last: Promise<FlushResult | null> = detection
    .warm()
    .then(() => (detection.pendingCount() > 0 ? detection.flush() : null))
    .catch((err: unknown) => (report(err), null));
  const flush = () => {
    last = detection.flush().catch((err: unknown) => {
      report(err);
      return null;
    });
    return last;
  };
  let lastErrorCode: string | null = null;
  const off = events.on('connector.status', (s: ConnectorStatus) => {
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- flush() catches and reports; it cannot reject
    if (!s.progress.running && detection.pendingCount() > 0) void flush();
    if (s.state === 'error' && s.error && s.error.code !== lastErrorCode) {
      lastErrorCode = s.error.code;
      void store.alerts
        .raiseSystem({
          key: s.error.code,
          title: 'The Workplace connector is in Error',
          description: `${s.error.message} ${s.error.fix}`.trim(),
        })
        .then((id) => events.emit('alerts.new', { ids: [id] }))
        .catch(report);
    }
    if (s.state !== 'error') lastErrorCode = null;
  });
  return {
    detection,
    onActivitiesCommitted(added) {
      detection.enqueue(added);
    },
    settled: () => (detection.pendingCount() > 0 ? flush() : last),
    stop: off,
  };
}

/** Before the intel layer is wired: every address is unknown, but borders are real data. */
const bordersOnlyIntel: IpIntel = {
  facts: (ip) => ({ ip, asn: null, asOrg: null, network: null, lists: [], range: null }),
  bordering,
};
