// Detection test inputs: activities from a small cast at known places, and an IpIntel built from
// a literal table (a fixture of what the intel layer knows about a handful of addresses — the
// same shape createIpIntel answers with, written out by hand).
import type { IpFacts, IpIntel, IpListMatch, IpRange } from '../../../../main/intel/ip-facts';
import { newEngineState, AnomalyEngine, type EngineState } from '../../../../main/detect/engine';
import {
  defaultAnomalyConfig,
  type AnomalyPolicyConfig,
  type PolicySnapshot,
} from '../../../../main/store/policy-store';
import type { PersonFacts } from '../../../../main/detect/types';
import type { StoredActivity } from '../../../../main/store/types';

export const T0 = Date.UTC(2024, 4, 1, 8, 0, 0);
export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export const PLACES = {
  paris: { country: 'FR', city: 'Paris', lat: 48.8566, lon: 2.3522, radiusKm: 20 },
  lyon: { country: 'FR', city: 'Lyon', lat: 45.764, lon: 4.8357, radiusKm: 20 },
  brussels: { country: 'BE', city: 'Brussels', lat: 50.8503, lon: 4.3517, radiusKm: 20 },
  newYork: { country: 'US', city: 'New York', lat: 40.7128, lon: -74.006, radiusKm: 20 },
  hanoi: { country: 'VN', city: 'Hanoi', lat: 21.0278, lon: 105.8342, radiusKm: 25 },
  amsterdam: { country: 'NL', city: 'Amsterdam', lat: 52.3676, lon: 4.9041, radiusKm: 20 },
  singapore: { country: 'SG', city: 'Singapore', lat: 1.3521, lon: 103.8198, radiusKm: 20 },
} as const;
export type PlaceName = keyof typeof PLACES;

const TOR: IpListMatch = { id: 'tor', name: 'Tor exit nodes', kind: 'anonymity', updatedAt: T0 - 2 * HOUR };
const FIREHOL: IpListMatch = { id: 'firehol-level1', name: 'FireHOL level 1', kind: 'threat', updatedAt: T0 - DAY };
const range = (cidr: string, category: IpRange['category']): IpRange => ({
  id: `r-${cidr}`,
  cidr,
  category,
  name: null,
  tags: [],
  createdAt: T0 - 30 * DAY,
});

/** Addresses the tests use and what the intel layer knows about each. */
export const IPS: Record<string, Omit<IpFacts, 'ip'>> = {
  '198.51.100.10': { asn: 3215, asOrg: 'Orange', network: null, lists: [], range: null },
  '198.51.100.11': { asn: 3215, asOrg: 'Orange', network: null, lists: [], range: null },
  '203.0.113.50': { asn: 7018, asOrg: 'AT&T', network: null, lists: [], range: null },
  '203.0.113.60': { asn: 45899, asOrg: 'VNPT', network: null, lists: [], range: null },
  '185.220.101.33': {
    asn: 60729,
    asOrg: 'Stiftung Erneuerbare Freiheit',
    network: 'hosting',
    lists: [TOR],
    range: null,
  },
  '92.63.197.10': { asn: 48693, asOrg: 'Hostile Hosting', network: 'hosting', lists: [FIREHOL], range: null },
  '193.142.146.35': { asn: 208046, asOrg: 'Spray Net', network: null, lists: [], range: null },
  '10.8.0.5': { asn: null, asOrg: null, network: null, lists: [], range: range('10.8.0.0/16', 'vpn') },
  '10.9.0.5': { asn: null, asOrg: null, network: null, lists: [], range: range('10.9.0.0/16', 'vpn') },
  '192.0.2.10': { asn: 1, asOrg: 'Corp', network: null, lists: [], range: range('192.0.2.0/24', 'corporate') },
  '192.0.2.20': { asn: 1, asOrg: 'Corp', network: null, lists: [], range: range('192.0.2.0/24', 'corporate') },
  '100.64.1.1': { asn: 9009, asOrg: 'M247 VPN', network: 'vpn-provider', lists: [], range: null },
  '172.58.1.1': { asn: 21928, asOrg: 'T-Mobile USA', network: 'mobile', lists: [], range: null },
};

const BORDERS = new Set(['FR|BE', 'BE|FR', 'FR|DE', 'DE|FR', 'BE|NL', 'NL|BE']);

export function fixtureIntel(over: Record<string, Partial<Omit<IpFacts, 'ip'>>> = {}): IpIntel {
  return {
    facts(ip) {
      const known = IPS[ip];
      const base = known ?? { asn: null, asOrg: null, network: null, lists: [], range: null };
      return { ip, ...base, ...(over[ip] ?? {}) };
    },
    bordering: (a, b) => BORDERS.has(`${a}|${b}`),
  };
}

let seq = 0;
export function act(over: Partial<StoredActivity> & { at: number; place?: PlaceName | null }): StoredActivity {
  const { place, ...rest } = over;
  const where =
    place === null ? { country: null, city: null, lat: null, lon: null, radiusKm: null } : PLACES[place ?? 'paris'];
  const id = rest.id ?? `evt-${++seq}`;
  return {
    id,
    type: 'login.success',
    event: 'Logged in',
    actor: 'alice@example.com',
    target: 'alice@example.com',
    ip: '198.51.100.10',
    ...where,
    admin: false,
    impersonated: false,
    userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/124',
    summary: null,
    raw: null,
    ...rest,
  };
}

/** A day of ordinary activity: sign-ins from home every `everyHours` for `days` days. */
export function routine(
  actor: string,
  from: number,
  days: number,
  p: Partial<StoredActivity> & { place?: PlaceName } = {},
) {
  const out: StoredActivity[] = [];
  for (let d = 0; d < days; d++) out.push(act({ actor, target: actor, at: from + d * DAY, ...p }));
  return out;
}

export function snapshot(configs: Record<string, Partial<AnomalyPolicyConfig>> = {}): PolicySnapshot {
  const anomaly: Record<string, AnomalyPolicyConfig> = {};
  for (const [id, c] of Object.entries(configs)) anomaly[id] = { ...defaultAnomalyConfig(), ...c };
  return { anomaly, suppressions: [], activity: [] };
}

export function people(over: Record<string, Partial<PersonFacts>> = {}) {
  return (key: string, actor: string): PersonFacts => ({
    key,
    userId: null,
    email: actor.includes('@') ? actor : null,
    termDate: null,
    listedTerminationAt: null,
    admin: false,
    ...(over[key] ?? {}),
  });
}

/** An engine over literal intel; `run` evaluates in time order and returns the drafts of one policy. */
export function engineFor(
  opts: { intel?: IpIntel; people?: Record<string, Partial<PersonFacts>>; state?: EngineState } = {},
) {
  const engine = new AnomalyEngine(opts.state ?? newEngineState(), {
    intel: opts.intel ?? fixtureIntel(),
    person: people(opts.people),
  });
  return {
    engine,
    run(items: StoredActivity[], policy: string, snap: PolicySnapshot = snapshot()) {
      engine.beginRun();
      const sorted = [...items].sort((a, b) => a.at - b.at);
      engine.notePrefailures(sorted);
      return engine.run(sorted, snap, { report: () => true, learnOrg: () => true }).filter((d) => d.policy === policy);
    },
  };
}
