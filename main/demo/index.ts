// The demo community: a Workplace-compatible server on loopback over a seeded organisation
// with known attacks. Programmatic entry point for the app ("Explore the demo community"),
// the CLI (`workplace-guard demo-server`), tests and the bench.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { newSecret, appsecretProof, ALL_PERMISSIONS, type Permission } from './auth';
import { COMPANY } from './catalog';
import type { TimestampFormat } from './event-format';
import type { FaultConfig } from './faults';
import { CITY_BY_KEY, generateOrganisation, type OrganisationOptions } from './organisation';
import { seedFrom } from './prng';
import { POLICY_NAMES } from './scenario';
import { DemoCommunity, type DemoMessage } from './server';
import type { Incident, Organisation } from './types';

export { generateOrganisation, floorToHour, DEFAULT_SEED, MIN_DEMO_USERS } from './organisation';
export type { OrganisationOptions } from './organisation';
export { DEFAULT_FAULTS, parseFaults, parseFaultArgs } from './faults';
export type { FaultConfig } from './faults';
export { PERMISSIONS, ALL_PERMISSIONS, appsecretProof } from './auth';
export type { Permission } from './auth';
export type { Incident, Organisation, DemoUser, PolicyId, Fixtures } from './types';
export type { DemoMessage } from './server';
export type { TimestampFormat } from './event-format';

export interface DemoServerOptions {
  /** Loopback port; 0 (default) picks a free one. */
  port?: number;
  /** Accounts in the organisation (default 300). */
  users?: number;
  /** Days of history (default 30). */
  days?: number;
  /** Default 'workplace-guard-demo'. Same seed + same `now` → identical organisation, events and ids. */
  seed?: number | string;
  /** New events per minute after start (live mode). Default 0 (off). */
  liveRatePerMin?: number;
  /**
   * Stamp live events with the real clock even when `now` pins the history (the in-app demo
   * pins its history so a restart regenerates the same events, but its new events must be new).
   */
  liveClock?: 'simulated' | 'real';
  /**
   * Emit live events (at once) until the audit log holds an event at this position, so a
   * restarted server never hands out the id of an event a console synced from a previous run.
   */
  resumeAfterPosition?: number;
  faults?: Partial<FaultConfig>;
  /** End of the generated history, epoch ms (default: now floored to the hour). */
  now?: number;
  /** Lifetime of client-credentials tokens (default 7200 s). */
  tokenTtlSec?: number;
  /** Where incidents.json and its fixtures are written (default: a new temp directory). */
  outDir?: string;
  /** Registered redirect URIs (default: any loopback http URI and any custom app scheme). */
  redirectUris?: string[];
  /** Default timestamp format of audit events (default unix seconds). */
  timestampFormat?: TimestampFormat;
  /** Calls per hour that read as 100 % in X-App-Usage (default 50,000). */
  callBudgetPerHour?: number;
  /** Geolocation data directory (default: the bundled DB-IP package). */
  geoDir?: string;
  /** Host to bind (default 127.0.0.1; loopback only). */
  host?: string;
  /**
   * Which organisation this server is (default Brightwave Logistics, id 100038294712245). Two
   * servers with different communities (and seeds) are two organisations, as the one-organisation-
   * per-store rule sees them.
   */
  community?: { id: string; name: string };
}

export interface GroundTruthUser {
  id: string;
  email: string;
  name: string;
  kind: 'person' | 'service';
  country: string;
  city: string;
  administrator: boolean;
  active: boolean;
  claimed: boolean;
  former: boolean;
  authMethod: 'sso' | 'password';
  termDate: number | null;
  homeIp: string;
  mobileIp: string;
  officeWorker: boolean;
  traveller: boolean;
}

export interface IncidentsDocument {
  generatedBy: string;
  seed: string;
  now: number;
  nowIso: string;
  users: number;
  days: number;
  events: number;
  community: { id: string; name: string };
  connectedAdmin: { id: string; email: string };
  fixtures: {
    torExits: string;
    blocklist: string;
    corporateRanges: string;
    vpnRanges: string;
    /** The company's own VPN concentrator: register as VPN (look-alike LA-08 depends on it). */
    corporateVpnRanges: string;
    cloudRanges: string;
    corporateCidrs: string[];
    vpnCidrs: string[];
    corporateVpnCidrs: string[];
    cloudCidrs: string[];
  };
  policies: Record<string, string>;
  incidents: Incident[];
}

export interface DemoServer {
  baseUrl: string;
  appId: string;
  appSecret: string;
  integrationToken: string;
  adminCenter: { appId: string; appSecret: string };
  incidentsPath: string;
  incidents: IncidentsDocument;
  stats: { users: number; events: number; generatedMs: number };
  groundTruth: {
    /** Every event id the audit log would return (live ones so far included), newest last;
     *  bounds inclusive, epoch ms. */
    eventIds(sinceMs?: number, untilMs?: number): string[];
    eventCount(): number;
    users(): GroundTruthUser[];
    /** The event as the audit log serves it (unix-seconds timestamp), or null. */
    event(id: string): Record<string, unknown> | null;
    /** Where the generator placed every IP it used (checked against the geolocation data). */
    ips(): Array<{ ip: string; country: string; city: string | null; role: string }>;
    organisation: Organisation;
  };
  faults: {
    set(f: Partial<FaultConfig>): void;
    reset(): void;
    current(): FaultConfig;
  };
  tokens: {
    /** Issue a token directly (tests: e.g. one without read_security_audit_logs). */
    issue(opts?: {
      kind?: 'integration' | 'consent' | 'client_credentials';
      permissions?: Permission[];
      ttlSec?: number | null;
    }): string;
    revoke(token: string): boolean;
    expire(token: string): boolean;
    /** appsecret_proof/appsecret_time for a consent token (what a correct client sends). */
    proof(token: string, timeSec?: number): { appsecret_proof: string; appsecret_time: string };
  };
  inspect: {
    messages(): DemoMessage[];
    userState(id: string): Record<string, unknown> | null;
    /** A sign-in attempt now (fails and is logged as failed when the user is suspended). */
    simulateLogin(id: string, opts?: { ip?: string; success?: boolean }): { eventId: string; success: boolean };
    /** Emit one live event now, regardless of the live rate. */
    liveTick(): string;
    connectedAdminId: string;
  };
  close(): Promise<void>;
}

const DEFAULT_COMMUNITY = { id: COMPANY.communityId, name: COMPANY.name };
const COMMUNITY_ID = /^[0-9]{1,20}$/;

/** The community option, checked where it enters: Graph ids are digits; a name is short, printable text. */
export function demoCommunity(given?: { id: string; name: string }): { id: string; name: string } {
  if (!given) return DEFAULT_COMMUNITY;
  const name = given.name.trim();
  if (!COMMUNITY_ID.test(given.id))
    throw new Error(`Demo community id must be 1-20 digits, got "${given.id.slice(0, 40)}".`);
  if (name.length === 0 || name.length > 120 || /\p{Cc}/u.test(name))
    throw new Error('Demo community name must be 1-120 printable characters.');
  return { id: given.id, name };
}

function incidentsDocument(
  org: Organisation,
  dir: string,
  community: { id: string; name: string } = DEFAULT_COMMUNITY,
): IncidentsDocument {
  const p = (f: string) => path.join(dir, f);
  const admin = org.users[org.connectedAdmin];
  return {
    generatedBy: 'Workplace Guard demo community',
    seed: org.seed,
    now: org.now,
    nowIso: new Date(org.now).toISOString(),
    users: org.users.length,
    days: org.days,
    events: org.store.length,
    community,
    connectedAdmin: { id: admin.id, email: admin.email },
    fixtures: {
      torExits: p('tor-exits.txt'),
      blocklist: p('blocklist.netset'),
      corporateRanges: p('corporate-ranges.txt'),
      vpnRanges: p('vpn-ranges.txt'),
      corporateVpnRanges: p('corporate-vpn-ranges.txt'),
      cloudRanges: p('cloud-ranges.txt'),
      corporateCidrs: org.fixtures.corporateRanges,
      vpnCidrs: org.fixtures.vpnRanges,
      corporateVpnCidrs: org.fixtures.corporateVpnRanges,
      cloudCidrs: org.fixtures.cloudRanges,
    },
    policies: { ...POLICY_NAMES, none: 'A benign look-alike: no policy should alert' },
    incidents: org.incidents,
  };
}

/** Writes incidents.json and the list fixtures it refers to into `dir`; returns the JSON path. */
export function writeIncidents(
  org: Organisation,
  dir: string,
  community?: { id: string; name: string },
): { path: string; document: IncidentsDocument } {
  mkdirSync(dir, { recursive: true });
  const doc = incidentsDocument(org, dir, community);
  const stamp = `# Workplace Guard demo community fixture (seed ${org.seed}, ${new Date(org.now).toISOString()})`;
  writeFileSync(
    doc.fixtures.torExits,
    [`# Tor exit relays (fixture in torbulkexitlist format: one IP per line)`, ...org.fixtures.torExits].join('\n') +
      '\n',
  );
  writeFileSync(doc.fixtures.blocklist, org.fixtures.blocklist.join('\n') + '\n');
  writeFileSync(
    doc.fixtures.corporateRanges,
    [stamp, '# Corporate egress (office NAT pools): tag as Corporate', ...org.fixtures.corporateRanges].join('\n') +
      '\n',
  );
  writeFileSync(
    doc.fixtures.vpnRanges,
    [stamp, '# Corporate VPN gateways (cloud hosted, several countries): tag as VPN', ...org.fixtures.vpnRanges].join(
      '\n',
    ) + '\n',
  );
  writeFileSync(
    doc.fixtures.corporateVpnRanges,
    [
      stamp,
      "# The company's remote-access VPN concentrator (an ordinary network, not hosting): tag as VPN",
      ...org.fixtures.corporateVpnRanges,
    ].join('\n') + '\n',
  );
  writeFileSync(
    doc.fixtures.cloudRanges,
    [stamp, '# Integration egress (cloud provider): tag as Cloud provider', ...org.fixtures.cloudRanges].join('\n') +
      '\n',
  );
  const file = path.join(dir, 'incidents.json');
  writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
  return { path: file, document: doc };
}

export async function startDemoServer(opts: DemoServerOptions = {}): Promise<DemoServer> {
  const communityIdentity = demoCommunity(opts.community);
  const orgOpts: OrganisationOptions = {
    users: opts.users,
    days: opts.days,
    seed: opts.seed,
    now: opts.now,
    geoDir: opts.geoDir,
  };
  const org = generateOrganisation(orgOpts);
  const outDir = opts.outDir ?? mkdtempSync(path.join(tmpdir(), 'workplace-guard-demo-'));
  const { path: incidentsPath, document } = writeIncidents(org, outDir, communityIdentity);

  const realStart = Date.now();
  const clock =
    opts.now !== undefined && opts.liveClock !== 'real'
      ? () => org.now / 1000 + (Date.now() - realStart) / 1000
      : () => Date.now() / 1000;
  const appId = String(1000000000000 + (seedFrom(org.seed, 'app') % 900000000000));
  const host = opts.host ?? '127.0.0.1';
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const community = new DemoCommunity(org, {
    baseUrl,
    appId,
    appSecret: newSecret(),
    adminCenter: { appId: String(Number(appId) + 1), appSecret: newSecret() },
    integrationToken: 'DQWR' + newSecret(32),
    tokenTtlSec: opts.tokenTtlSec ?? 7200,
    redirectUris: opts.redirectUris,
    callBudgetPerHour: opts.callBudgetPerHour ?? 50_000,
    clock,
    community: communityIdentity,
  });
  if (opts.timestampFormat) community.setDefaultTimestampFormat(opts.timestampFormat);
  if (opts.faults) community.setFaults(opts.faults);
  const eventIds = (sinceMs?: number, untilMs?: number) =>
    community.eventIdsBetween(
      sinceMs !== undefined ? Math.ceil(sinceMs / 1000) : undefined,
      untilMs !== undefined ? Math.floor(untilMs / 1000) : undefined,
    );
  community.inspectionHandlers = {
    groundTruthIds: eventIds,
    incidentsDoc: () => document,
    stats: () => ({ users: org.users.length, events: org.store.length, generatedMs: Math.round(org.generatedMs) }),
  };
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('request', (req, res) => {
    community.handleHttp(req, res).catch((err: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err?.message ?? err));
    });
  });

  if (opts.resumeAfterPosition !== undefined) {
    while (org.store.length <= opts.resumeAfterPosition) community.liveTick();
  }

  let timer: NodeJS.Timeout | null = null;
  if (opts.liveRatePerMin && opts.liveRatePerMin > 0) {
    timer = setInterval(() => community.liveTick(), Math.max(10, 60_000 / opts.liveRatePerMin));
    timer.unref();
  }

  const userIndex = (id: string) => org.usersById.get(id);
  const city = (key: string) => CITY_BY_KEY.get(key)?.name ?? key;
  return {
    baseUrl,
    appId: community.opts.appId,
    appSecret: community.opts.appSecret,
    integrationToken: community.opts.integrationToken,
    adminCenter: community.opts.adminCenter,
    incidentsPath,
    incidents: document,
    stats: { users: org.users.length, events: org.store.length, generatedMs: Math.round(org.generatedMs) },
    groundTruth: {
      eventIds,
      eventCount: () => org.store.length,
      users: () =>
        org.users.map((u) => ({
          id: u.id,
          email: u.email,
          name: u.name,
          kind: u.kind,
          country: u.country,
          city: city(u.cityKey),
          administrator: u.administrator,
          active: u.active,
          claimed: u.claimTime !== null,
          former: u.former,
          authMethod: u.authMethod,
          termDate: u.termDate,
          homeIp: org.store.ips.values[u.homeIp],
          mobileIp: org.store.ips.values[u.mobileIp],
          officeWorker: u.officeWorker,
          traveller: u.traveller,
        })),
      event: (id) => community.eventById(id),
      ips: () => [...org.ipInfo.values()].map((i) => ({ ip: i.ip, country: i.country, city: i.city, role: i.role })),
      organisation: org,
    },
    faults: {
      set: (f) => community.setFaults(f),
      reset: () => community.resetFaults(),
      current: () => ({ ...community.faults }),
    },
    tokens: {
      issue: (o = {}) => {
        const kind = o.kind ?? 'integration';
        return community.tokens.issue(kind, {
          permissions: o.permissions ?? ALL_PERMISSIONS,
          ttlSec: o.ttlSec ?? null,
          actor: kind === 'consent' ? org.connectedAdmin : org.integrationUser,
        }).token;
      },
      revoke: (t) => community.tokens.revoke(t),
      expire: (t) => community.tokens.expire(t),
      proof: (t, timeSec) => {
        const time = String(timeSec ?? Math.floor(Date.now() / 1000));
        return { appsecret_proof: appsecretProof(community.opts.appSecret, t, time), appsecret_time: time };
      },
    },
    inspect: {
      messages: () => community.messages.slice(),
      userState: (id) => {
        const i = userIndex(id);
        return i === undefined ? null : community.userState(i);
      },
      simulateLogin: (id, o) => {
        const i = userIndex(id);
        if (i === undefined) throw new Error(`unknown user ${id}`);
        return community.simulateLogin(i, o);
      },
      liveTick: () => community.liveTick(),
      connectedAdminId: org.users[org.connectedAdmin].id,
    },
    async close() {
      if (timer) clearInterval(timer);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
  };
}
