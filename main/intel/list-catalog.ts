// The built-in threat and anonymity lists (ip-intel.md): where each is published, its format,
// how often its publisher allows fetching, and the small fixture shipped for tests and the demo.
import type { IpListMatch } from './ip-facts';
import type { ListFormat } from './list-formats';

export interface ListDefinition {
  id: string;
  name: string;
  kind: IpListMatch['kind'];
  format: ListFormat;
  /** Default download URLs (all of them make the list; Spamhaus publishes v4 and v6 apart). */
  urls: string[];
  /** Fixture files in main/intel/data/fixtures/, in the list's own format. */
  fixtures: string[];
  /** Never fetched more often than this (Spamhaus asks for at most hourly). */
  minIntervalMs: number;
  credit: string | null;
}

const HOUR = 3_600_000;

export const BUILT_IN_LISTS: readonly ListDefinition[] = [
  {
    id: 'tor',
    name: 'Tor exit nodes',
    kind: 'anonymity',
    format: 'ip-lines',
    urls: ['https://check.torproject.org/torbulkexitlist'],
    fixtures: ['torbulkexitlist.txt'],
    minIntervalMs: HOUR / 2,
    credit: null,
  },
  {
    id: 'firehol-level1',
    name: 'FireHOL level 1',
    kind: 'threat',
    format: 'netset',
    urls: ['https://iplists.firehol.org/files/firehol_level1.netset'],
    fixtures: ['firehol_level1.netset'],
    minIntervalMs: HOUR,
    credit: null,
  },
  {
    id: 'spamhaus-drop',
    name: 'Spamhaus DROP',
    kind: 'threat',
    format: 'spamhaus-json',
    urls: ['https://www.spamhaus.org/drop/drop_v4.json', 'https://www.spamhaus.org/drop/drop_v6.json'],
    fixtures: ['drop_v4.json', 'drop_v6.json'],
    minIntervalMs: HOUR,
    credit: 'Spamhaus DROP © The Spamhaus Project',
  },
  {
    id: 'feodo',
    name: 'abuse.ch Feodo Tracker',
    kind: 'threat',
    format: 'ip-lines',
    urls: ['https://feodotracker.abuse.ch/downloads/ipblocklist_recommended.txt'],
    fixtures: ['ipblocklist_recommended.txt'],
    minIntervalMs: HOUR / 2,
    credit: null,
  },
];

/** A list older than this is shown (and reported in alert evidence) as stale. */
export const STALE_AFTER_MS = 7 * 24 * HOUR;
