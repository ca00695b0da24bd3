// Shapes shared by the demo community's generator, scenario and server.
import type { EventStore, Interner } from './event-store';

export type UserKind = 'person' | 'service';

export interface Trip {
  cityKey: string;
  /** Day offsets (from the first day of history) of departure and return; both are travel days. */
  fromDay: number;
  toDay: number;
  ip: number;
}

export interface DemoUser {
  index: number;
  id: string;
  kind: UserKind;
  name: string;
  givenName: string;
  familyName: string;
  email: string;
  externalId: string;
  title: string;
  department: string;
  division: string;
  managerIndex: number;
  cityKey: string;
  country: string;
  administrator: boolean;
  authMethod: 'sso' | 'password';
  mfa: boolean;
  /** Unix seconds. */
  inviteTime: number;
  claimTime: number | null;
  startDate: number;
  termDate: number | null;
  active: boolean;
  deactivateTime: number | null;
  /** Deleted from the community: listed only by /community/former_members. */
  former: boolean;
  officeWorker: boolean;
  traveller: boolean;
  vpnUser: boolean;
  typoHabit: boolean;
  /** IP table indexes. */
  homeIp: number;
  mobileIp: number;
  desktopUa: number;
  mobileUa: number;
  trips: Trip[];
  /** Last-modified time for SCIM meta (unix seconds). */
  updated: number;
}

export interface IpInfo {
  ip: string;
  country: string;
  city: string | null;
  lat: number | null;
  lon: number | null;
  /** What the scenario uses this address as. */
  role: 'home' | 'mobile' | 'office' | 'vpn' | 'corporate-vpn' | 'cloud' | 'hotel' | 'tor' | 'blocklisted' | 'attacker';
}

export type PolicyId =
  | 'impossible-travel'
  | 'infrequent-country'
  | 'anonymous-ip'
  | 'suspicious-ip'
  | 'terminated-user'
  | 'failed-logins'
  | 'unusual-admin'
  | 'unusual-impersonation'
  | 'none';

export interface Incident {
  id: string;
  kind: 'attack' | 'look-alike';
  /** The anomaly policy a good console should raise (or `none` for a benign look-alike). */
  policy: PolicyId;
  policyName: string;
  /** Other policies that may legitimately fire on the same events. */
  alsoExpected: PolicyId[];
  /** Policies that must NOT fire on these events (look-alikes name what they imitate). */
  mustNotFire: PolicyId[];
  severity: 'Low' | 'Medium' | 'High' | null;
  title: string;
  description: string;
  user: { id: string; email: string; name: string } | null;
  actors: string[];
  ips: Array<{ ip: string; country: string; city: string | null; tags: string[] }>;
  window: { from: number; to: number; fromIso: string; toIso: string };
  eventIds: string[];
  fixtures: string[];
  /**
   * The case this item exercises, stable across seeds: e.g. `password-spray-unlisted`,
   * `late-event`, `vpn-tagged-hops`, `mobile-carrier-hops`, `plausible-flight`.
   */
  pattern: IncidentPattern;
  /** IP ranges the admin must have registered (from the fixtures) for the expectation to hold. */
  ranges: Array<{ cidr: string; category: 'Corporate' | 'VPN' | 'Cloud provider'; name: string }>;
  /** Events whose creation_time is older than their place in the feed (delivered late), epoch ms. */
  late: Array<{ eventId: string; occurredAt: number; deliveredAt: number }>;
}

export type IncidentPattern =
  | 'impossible-travel'
  | 'infrequent-country'
  | 'tor-exit'
  | 'password-spray-listed'
  | 'password-spray-unlisted'
  | 'blocklisted-ip'
  | 'terminated-user'
  | 'failed-login-burst'
  | 'admin-burst'
  | 'first-admin-action'
  | 'impersonation-burst'
  | 'late-event'
  | 'plausible-flight'
  | 'cloud-vpn-hops'
  | 'vpn-tagged-hops'
  | 'mobile-carrier-hops'
  | 'shared-corporate-egress'
  | 'habitual-typos'
  | 'routine-admin'
  | 'integration-impersonation'
  | 'serving-notice';

export interface Fixtures {
  torExits: string[];
  blocklist: string[];
  corporateRanges: string[];
  vpnRanges: string[];
  /** The company's own remote-access VPN concentrator, in an ordinary (non-hosting) network. */
  corporateVpnRanges: string[];
  cloudRanges: string[];
}

export interface Organisation {
  seed: string;
  /** Generation reference time (epoch ms); history ends here. */
  now: number;
  startSec: number;
  endSec: number;
  days: number;
  users: DemoUser[];
  usersById: Map<string, number>;
  /** Actor/target principals: index < users.length is that user; beyond are non-members. */
  principals: Interner;
  principalNames: string[];
  store: EventStore;
  idPrefix: string;
  ipInfo: Map<string, IpInfo>;
  incidents: Incident[];
  fixtures: Fixtures;
  /**
   * Late events: position → when the event really happened (unix seconds). The store's time is
   * when the feed delivered it (its place in the log); the event's creation_time is this.
   */
  occurredAt: Map<number, number>;
  /** The admin who installs the app through consent (governance calls act as them). */
  connectedAdmin: number;
  /** The custom integration's service account. */
  integrationUser: number;
  generatedMs: number;
}
