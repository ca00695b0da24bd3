// The demo organisation: people, accounts and D days of security history, deterministic
// from (seed, now). Routine behaviour lives here; the attacks and look-alikes with their
// ground truth live in scenario.ts.
import { performance } from 'node:perf_hooks';
import { openGeolocationSync, type Geolocation } from '../intel/geolocation';
import {
  ADMIN_ROLES,
  COMPANY,
  COUNTRY_NAMES,
  DEPARTMENTS,
  DESKTOP_UAS,
  FILE_NAMES,
  MOBILE_UAS,
  NAMES,
  REASON,
  SERVICE_UA,
  T,
} from './catalog';
import { EventStore, FLAG_IMPERSONATED, Interner } from './event-store';
import { CITIES, type CitySpec } from './geo-data';
import { Rng, seedFrom } from './prng';
import { applyScenario, planScenario } from './scenario';
import type { DemoUser, IpInfo, Organisation, Trip } from './types';

export interface OrganisationOptions {
  /** Number of accounts (people + a few integration accounts). Default 300. */
  users?: number;
  /** Days of history. Default 30. */
  days?: number;
  /** Default 'workplace-guard-demo'. */
  seed?: number | string;
  /**
   * End of the generated history, epoch ms. Default: the current time floored to the hour,
   * so two generations with the same seed within the same hour are identical; pass `now`
   * for full determinism.
   */
  now?: number;
  /** Geolocation data directory (default: the bundled DB-IP package). */
  geoDir?: string;
  /** An already-open geolocation handle (not closed by the generator). */
  geolocation?: Geolocation;
}

export const DEFAULT_SEED = 'workplace-guard-demo';
const DAY = 86400;
const HOUR = 3600;

export const CITY_BY_KEY = new Map(CITIES.map((c) => [c.key, c]));
export const OFFICE_CITIES = ['london', 'new-york', 'frankfurt'];
/** Corporate VPN gateways (a cloud-hosted VPN service): the egress hops countries. */
export const VPN_GATEWAYS = [
  { cidr: '188.166.10.0/28', base: '188.166.10', country: 'NL' },
  { cidr: '159.203.100.0/28', base: '159.203.100', country: 'US' },
  { cidr: '128.199.100.0/28', base: '128.199.100', country: 'SG' },
];
/** Where the integrations (service accounts) call from: a cloud provider. */
export const CLOUD_EGRESS = { cidr: '164.90.10.0/28', base: '164.90.10', country: 'US' };

function asciiFold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

export function floorToHour(ms: number): number {
  return Math.floor(ms / 3_600_000) * 3_600_000;
}

/** Builds IPs that the geolocation data really places where the scenario claims. */
export class IpFactory {
  constructor(
    readonly geo: Geolocation,
    private readonly store: EventStore,
    readonly info: Map<string, IpInfo>,
  ) {}

  private record(ip: string, role: IpInfo['role'], claimedCountry?: string): number {
    if (!this.info.has(ip)) {
      const g = this.geo.lookup(ip);
      this.info.set(ip, {
        ip,
        country: g?.country ?? claimedCountry ?? 'ZZ',
        city: g?.city ?? null,
        lat: g?.lat ?? null,
        lon: g?.lon ?? null,
        role,
      });
    }
    return this.store.ips.id(ip);
  }

  private matches(ip: string, city: CitySpec): boolean {
    const g = this.geo.lookup(ip);
    return !!g && g.country === city.country && !!g.city && g.city.startsWith(city.dbCity);
  }

  /** A random IPv4 host in `city` (checked against the data; retries other networks). */
  v4In(city: CitySpec, rng: Rng, role: IpInfo['role'], avoid?: Set<string>): number {
    for (let attempt = 0; attempt < 40; attempt++) {
      const p = rng.pick(city.v4);
      if (avoid?.has(p)) continue;
      const ip = `${p}.${rng.int(2, 253)}`;
      if (this.matches(ip, city)) return this.record(ip, role);
    }
    // Data refreshed under us: fall back to any host that is at least in the right country.
    for (const p of city.v4) {
      const ip = `${p}.10`;
      const g = this.geo.lookup(ip);
      if (g?.country === city.country) return this.record(ip, role);
    }
    throw new Error(`No IP for ${city.name} in the geolocation data`);
  }

  v6In(city: CitySpec, rng: Rng, role: IpInfo['role']): number | null {
    for (let attempt = 0; attempt < 10 && city.v6.length; attempt++) {
      const p = rng.pick(city.v6);
      const h = () => rng.int(1, 0xffff).toString(16);
      const ip = `${p}:${h()}:${h()}:${h()}:${h()}:${h()}`;
      if (this.matches(ip, city)) return this.record(ip, role);
    }
    return null;
  }

  /** A fixed address (fixtures: Tor exits, blocklisted hosts, VPN gateways, cloud egress). */
  fixed(ip: string, role: IpInfo['role'], claimedCountry?: string): number {
    return this.record(ip, role, claimedCountry);
  }

  infoOf(ipIndex: number): IpInfo {
    return this.info.get(this.store.ips.values[ipIndex])!;
  }
}

export interface GenContext {
  org: Organisation;
  rng: Rng;
  ipf: IpFactory;
  /** Per user: [from, to) unix-second windows where routine activity is not generated. */
  quiet: Map<number, Array<[number, number]>>;
  /**
   * Users an incident or look-alike is staged on: their routine always includes the history's
   * first full day, so detection knows them from the start (as it would an established colleague)
   * whatever weekday the history happens to begin on.
   */
  established: Set<number>;
  officeIps: Map<string, number[]>;
  vpnIps: number[];
  cloudIp: number;
  uaDesktop: number[];
  uaMobile: number[];
  serviceUa: number;
  /** Day offset 0 = the UTC day containing startSec. */
  dayBase: number;
}

/**
 * The smallest organisation the demo generates: its scenario places each injected incident and
 * each look-alike on a different ordinary user (not an admin, traveller, VPN user or leaver), and
 * below about 40 users some seeds run out of them. A smaller request is raised to this.
 */
export const MIN_DEMO_USERS = 40;

export function generateOrganisation(options: OrganisationOptions = {}): Organisation {
  const t0 = performance.now();
  const userCount = Math.max(MIN_DEMO_USERS, Math.floor(options.users ?? 300));
  const days = Math.max(1, Math.floor(options.days ?? 30));
  const seed = String(options.seed ?? DEFAULT_SEED);
  const nowMs = floorToHour(options.now ?? floorToHour(Date.now()));
  const geo = options.geolocation ?? openGeolocationSync(options.geoDir);
  try {
    const endSec = Math.floor(nowMs / 1000);
    const startSec = endSec - days * DAY;
    const rng = new Rng(seedFrom(seed, 'organisation'));
    const store = new EventStore(Math.ceil(userCount * days * 3.2) + 4096);
    const org: Organisation = {
      seed,
      now: nowMs,
      startSec,
      endSec,
      days,
      users: [],
      usersById: new Map(),
      principals: new Interner(),
      principalNames: [],
      store,
      idPrefix: String(1000 + (seedFrom(seed, 'ids') % 9000)),
      ipInfo: new Map(),
      incidents: [],
      fixtures: {
        torExits: [],
        blocklist: [],
        corporateRanges: [],
        vpnRanges: [],
        corporateVpnRanges: [],
        cloudRanges: [],
      },
      occurredAt: new Map(),
      connectedAdmin: 0,
      integrationUser: 0,
      generatedMs: 0,
    };
    const ipf = new IpFactory(geo, store, org.ipInfo);
    const ctx: GenContext = {
      org,
      rng,
      ipf,
      quiet: new Map(),
      established: new Set(),
      officeIps: new Map(),
      vpnIps: [],
      cloudIp: 0,
      uaDesktop: DESKTOP_UAS.map((u) => store.uas.id(u)),
      uaMobile: MOBILE_UAS.map((u) => store.uas.id(u)),
      serviceUa: store.uas.id(SERVICE_UA),
      dayBase: Math.floor(startSec / DAY) * DAY,
    };
    buildNetworks(ctx);
    buildUsers(ctx, userCount);
    const plan = planScenario(ctx);
    generateRoutine(ctx);
    const created = applyScenario(ctx, plan);
    const newIndex = store.sortByTime();
    created.finish(newIndex);
    org.generatedMs = performance.now() - t0;
    return org;
  } finally {
    if (!options.geolocation) geo.close();
  }
}

function buildNetworks(ctx: GenContext): void {
  const { ipf, org } = ctx;
  const rng = new Rng(seedFrom(org.seed, 'networks'));
  for (const key of OFFICE_CITIES) {
    const city = CITY_BY_KEY.get(key)!;
    // A /28 NAT pool inside a network the data places in the office's city.
    let chosen: string | null = null;
    for (const p of city.v4) {
      const ok = Array.from({ length: 14 }, (_, i) => `${p}.${17 + i}`).every((ip) => {
        const g = ipf.geo.lookup(ip);
        return g?.country === city.country && g.city?.startsWith(city.dbCity);
      });
      if (ok) {
        chosen = p;
        break;
      }
    }
    const base = chosen ?? city.v4[0];
    org.fixtures.corporateRanges.push(`${base}.16/28`);
    ctx.officeIps.set(
      key,
      Array.from({ length: 14 }, (_, i) => ipf.fixed(`${base}.${17 + i}`, 'office', city.country)),
    );
  }
  for (const gw of VPN_GATEWAYS) {
    org.fixtures.vpnRanges.push(gw.cidr);
    for (let h = 1; h <= 3; h++) ctx.vpnIps.push(ipf.fixed(`${gw.base}.${h + 4}`, 'vpn', gw.country));
  }
  org.fixtures.cloudRanges.push(CLOUD_EGRESS.cidr);
  ctx.cloudIp = ipf.fixed(`${CLOUD_EGRESS.base}.7`, 'cloud', CLOUD_EGRESS.country);
  void rng;
}

function buildUsers(ctx: GenContext, userCount: number): void {
  const { org, rng, ipf } = ctx;
  const homeCities = CITIES.filter((c) => c.weight > 0);
  const cityWeights = homeCities.map((c) => c.weight);
  const deptWeights = DEPARTMENTS.map((d) => d.weight);
  const services = [
    { name: 'Files Sync', email: `files-sync@${COMPANY.domain}`, title: 'Document sync integration', admin: false },
    { name: 'HR Connector', email: `hr-connector@${COMPANY.domain}`, title: 'HRIS provisioning (SCIM)', admin: true },
    {
      name: 'Security Scanner',
      email: `security-scanner@${COMPANY.domain}`,
      title: 'Workplace Guard custom integration',
      admin: false,
    },
  ];
  const personCount = userCount - services.length;
  const usedEmails = new Set<string>();
  const idBase = 100000000000000 + (seedFrom(org.seed, 'user-ids') % 900000) * 1000000;
  const start = org.startSec;
  const end = org.endSec;

  const makeUser = (
    i: number,
    partial: Partial<DemoUser> & Pick<DemoUser, 'name' | 'givenName' | 'familyName' | 'email' | 'kind'>,
  ): DemoUser => ({
    index: i,
    id: String(idBase + 7919 * (i + 1)),
    externalId: `BW${String(10000 + i)}`,
    title: '',
    department: '',
    division: '',
    managerIndex: -1,
    cityKey: 'london',
    country: 'GB',
    administrator: false,
    authMethod: 'sso',
    mfa: false,
    inviteTime: start - 400 * DAY,
    claimTime: start - 399 * DAY,
    startDate: start - 400 * DAY,
    termDate: null,
    active: true,
    deactivateTime: null,
    former: false,
    officeWorker: false,
    traveller: false,
    vpnUser: false,
    typoHabit: false,
    homeIp: 0,
    mobileIp: 0,
    desktopUa: ctx.uaDesktop[0],
    mobileUa: -1,
    trips: [],
    updated: start - 30 * DAY,
    ...partial,
  });

  const deptMembers: number[][] = DEPARTMENTS.map(() => []);
  for (let i = 0; i < personCount; i++) {
    const city = homeCities[rng.weighted(cityWeights)];
    const names = NAMES[COUNTRY_NAMES[city.country] ?? 'anglo'];
    const givenName = rng.pick(names.given);
    const familyName = rng.pick(names.family);
    let local = `${asciiFold(givenName)}.${asciiFold(familyName)}`;
    if (usedEmails.has(local)) {
      let k = 2;
      while (usedEmails.has(`${local}${k}`)) k++;
      local = `${local}${k}`;
    }
    usedEmails.add(local);
    const deptIdx = i === 0 ? -1 : rng.weighted(deptWeights);
    const dept = deptIdx >= 0 ? DEPARTMENTS[deptIdx] : null;
    const tenureDays = rng.int(60, 3000);
    const u = makeUser(i, {
      kind: 'person',
      name: `${givenName} ${familyName}`,
      givenName,
      familyName,
      email: `${local}@${COMPANY.domain}`,
      title: dept ? rng.pick(dept.titles) : 'Chief Executive Officer',
      department: dept?.name ?? 'Executive',
      division: dept?.division ?? 'Executive',
      cityKey: city.key,
      country: city.country,
      authMethod: rng.chance(0.7) ? 'sso' : 'password',
      inviteTime: end - tenureDays * DAY - rng.int(0, DAY),
      startDate: end - tenureDays * DAY,
      officeWorker: OFFICE_CITIES.includes(city.key) && rng.chance(0.7),
      traveller: rng.chance(dept?.traveller ?? 0.4),
      typoHabit: rng.chance(0.015),
      desktopUa: rng.pick(ctx.uaDesktop),
      mobileUa: rng.chance(0.65) ? rng.pick(ctx.uaMobile) : -1,
    });
    u.claimTime = u.inviteTime + rng.int(HOUR, 5 * DAY);
    u.mfa = u.authMethod === 'password' && rng.chance(0.6);
    u.vpnUser = !u.officeWorker && rng.chance(0.08);
    u.updated = Math.max(u.claimTime, start - rng.int(0, 200) * DAY);
    u.homeIp = ipf.v4In(city, rng, 'home');
    u.mobileIp = (rng.chance(0.5) ? ipf.v6In(city, rng, 'mobile') : null) ?? ipf.v4In(city, rng, 'mobile');
    org.users.push(u);
    if (deptIdx >= 0) deptMembers[deptIdx].push(i);
  }

  // Reporting lines: CEO ← department heads ← team leads ← everyone else.
  DEPARTMENTS.forEach((dept, d) => {
    const members = deptMembers[d];
    if (members.length === 0) return;
    const head = org.users[members[0]];
    head.title = dept.head;
    head.managerIndex = 0;
    const leads: number[] = [];
    for (let k = 1; k < members.length; k++) {
      const u = org.users[members[k]];
      if ((k - 1) % 8 === 0) {
        u.title = dept.lead;
        u.managerIndex = head.index;
        leads.push(u.index);
      } else {
        u.managerIndex = leads.length ? leads[(k - 1) % leads.length] : head.index;
      }
    }
  });

  // Admins: ~3 % (2–5 % from ~100 accounts up), IT first. The first one installs the app.
  // At least three so the scenario has an installer, a routine admin and a compromised one.
  const adminTarget = Math.max(3, Math.round(personCount * 0.03));
  const it = org.users.filter((u) => u.department === 'IT' && u.index !== 0);
  const others = org.users.filter((u) => u.department !== 'IT' && u.index !== 0);
  const adminPool = [...it, ...rng.shuffle(others.slice())];
  for (let k = 0; k < adminTarget && k < adminPool.length; k++) {
    const a = adminPool[k];
    a.administrator = true;
    a.authMethod = 'sso';
    a.traveller = false;
    a.typoHabit = false;
  }
  org.connectedAdmin = adminPool[0].index;

  // Lifecycle variety (never the CEO or the admins).
  const pool = rng.shuffle(org.users.filter((u) => u.index !== 0 && !u.administrator).map((u) => u.index));
  let cursor = 0;
  const take = (share: number, min: number) => {
    const n = Math.max(min, Math.round(personCount * share));
    const out = pool.slice(cursor, cursor + n);
    cursor += out.length;
    return out.map((i) => org.users[i]);
  };
  for (const u of take(0.03, 1)) {
    // Invited, never claimed.
    u.claimTime = null;
    u.inviteTime = end - rng.int(3, 120) * DAY;
    u.startDate = u.inviteTime;
    u.mobileUa = -1;
  }
  for (const u of take(0.015, 1)) {
    // Left the company: HR termination date in the past, account deactivated soon after.
    u.termDate = end - rng.int(2, Math.max(3, org.days + 20)) * DAY + 17 * HOUR;
    u.deactivateTime = u.termDate + rng.int(2, 30) * HOUR;
    if (u.deactivateTime > end - HOUR) u.deactivateTime = end - HOUR;
    u.active = false;
    u.updated = u.deactivateTime;
  }
  for (const u of take(0.01, 1)) {
    // Deactivated for another reason (long leave), no termination date.
    u.deactivateTime = start - rng.int(5, 200) * DAY;
    u.active = false;
    u.updated = u.deactivateTime;
  }
  for (const u of take(0.01, 1)) {
    // Former members: removed from the community before the history starts.
    u.termDate = start - rng.int(20, 300) * DAY;
    u.deactivateTime = u.termDate + DAY;
    u.active = false;
    u.former = true;
  }
  for (const u of take(0.01, 1)) {
    // Serving notice: termination date in the future, still working.
    u.termDate = end + rng.int(3, 45) * DAY;
  }
  for (const u of take(0.02, 1)) {
    // New hires during the history.
    const offset = rng.int(1, Math.max(1, org.days - 1));
    u.startDate = start + offset * DAY + 8 * HOUR;
    u.inviteTime = u.startDate - 2 * DAY;
    u.claimTime = u.startDate + rng.int(HOUR, 2 * DAY);
    if (u.claimTime > end - HOUR) u.claimTime = null;
  }

  // Integration / service accounts.
  services.forEach((s, k) => {
    const i = personCount + k;
    const [givenName, familyName] = s.name.split(' ');
    org.users.push(
      makeUser(i, {
        kind: 'service',
        name: s.name,
        givenName,
        familyName,
        email: s.email,
        title: s.title,
        department: 'IT',
        division: 'Corporate',
        administrator: s.admin,
        authMethod: 'password',
        homeIp: ctx.cloudIp,
        mobileIp: ctx.cloudIp,
        desktopUa: ctx.serviceUa,
      }),
    );
  });
  org.integrationUser = personCount + 2;

  for (const u of org.users) {
    org.usersById.set(u.id, u.index);
    org.principals.id(u.email);
    org.principalNames.push(u.name);
  }

  // Trips for frequent travellers: to countries where many colleagues are (plausible flights).
  const destinations = ['london', 'new-york', 'frankfurt', 'paris', 'boston'];
  for (const u of org.users) {
    if (!u.traveller || u.kind !== 'person') continue;
    const tripCount = Math.max(1, Math.round((org.days / 30) * rng.int(1, 2)));
    let day = rng.int(0, 6);
    for (let k = 0; k < tripCount && day < org.days - 3; k++) {
      const options = destinations.filter((d) => CITY_BY_KEY.get(d)!.country !== u.country);
      const city = CITY_BY_KEY.get(rng.pick(options))!;
      const len = rng.int(3, 6);
      u.trips.push({ cityKey: city.key, fromDay: day, toDay: day + len, ip: ipf.v4In(city, rng, 'hotel') });
      day += len + rng.int(5, 20);
    }
  }
}

/** Adds a quiet window: routine activity of `user` is not generated in [from, to). */
export function addQuiet(ctx: GenContext, user: number, from: number, to: number): void {
  let list = ctx.quiet.get(user);
  if (!list) ctx.quiet.set(user, (list = []));
  list.push([from, to]);
}

function tripOn(u: DemoUser, day: number): Trip | 'travel' | null {
  for (const t of u.trips) {
    if (day === t.fromDay || day === t.toDay) return 'travel';
    if (day > t.fromDay && day < t.toDay) return t;
  }
  return null;
}

function generateRoutine(ctx: GenContext): void {
  const { org } = ctx;
  const store = org.store;
  const persons = org.users.filter((u) => u.kind === 'person');
  const activePersons = persons.filter((u) => u.active && u.claimTime !== null && !u.former).map((u) => u.index);
  const admins = org.users.filter((u) => u.administrator && u.kind === 'person');
  const routineAdmin = admins.length > 1 ? admins[1].index : (admins[0]?.index ?? -1);
  const totalDays = org.days + 1;

  for (const u of org.users) {
    if (u.kind !== 'person' || u.former || u.claimTime === null) continue;
    const rng = new Rng(seedFrom(org.seed, 'routine', u.index));
    const city = CITY_BY_KEY.get(u.cityKey)!;
    const offset = city.utcOffset * HOUR;
    const from = Math.max(org.startSec, u.claimTime);
    let to = org.endSec;
    if (u.termDate !== null && u.termDate < to) to = u.termDate;
    if (u.deactivateTime !== null && u.deactivateTime < to) to = u.deactivateTime;
    if (to <= from) continue;
    const quiet = ctx.quiet.get(u.index);
    const established = ctx.established.has(u.index);
    const me = u.index;
    const emit = (ts: number, type: number, ip: number, ua: number, arg = 0, target = me, flags = 0) => {
      if (ts < from || ts >= to) return;
      if (quiet) for (const [a, b] of quiet) if (ts >= a && ts < b) return;
      store.push(ts, type, me, target, ip, ua, arg, flags);
    };
    const office = ctx.officeIps.get(u.cityKey);
    const typoRate = u.typoHabit ? 0.55 : 0.02;

    for (let d = 0; d < totalDays; d++) {
      const localMidnight = ctx.dayBase + d * DAY - offset;
      if (localMidnight + DAY <= from || localMidnight >= to) continue;
      const weekday = (Math.floor((localMidnight + offset) / DAY) + 4) % 7; // 0 = Sunday
      const workday = weekday >= 1 && weekday <= 5;
      const trip = tripOn(u, d);
      if (trip === 'travel') continue;
      // A staged user works the history's first full day and the days of a trip the scenario gave
      // them (its "has been to New York before" must hold whichever weekday the history starts on).
      const mustWork = established && (d === 1 || trip !== null);
      if (!rng.chance(mustWork ? 1 : workday ? 0.93 : 0.08)) continue;
      const startH = 8 + rng.normal() * 0.7;
      const lenH = workday ? 8.5 + rng.normal() * 0.6 : 1 + rng.next() * 2;
      const dayStart = Math.floor(localMidnight + startH * HOUR);
      const dayEnd = Math.floor(dayStart + lenH * HOUR);
      let ip: number;
      if (trip) ip = trip.ip;
      else if (office && u.officeWorker && workday && rng.chance(0.85)) ip = rng.pick(office);
      else if (u.vpnUser && rng.chance(0.5)) ip = rng.pick(ctx.vpnIps);
      else ip = u.homeIp;
      const ua = u.desktopUa;

      let t = dayStart;
      if (rng.chance(typoRate)) {
        const fails = u.typoHabit ? rng.int(1, 3) : 1;
        t -= fails * 20 + 10;
        for (let k = 0; k < fails; k++) {
          emit(t, T.loginFailed, ip, ua, REASON.wrongPassword);
          t += rng.int(8, 25);
        }
        t = Math.max(t, dayStart);
      }
      emit(t, T.login, ip, ua, u.authMethod === 'sso' ? 1 : 0);
      if (u.mfa) {
        if (rng.chance(0.01)) emit(t + 6, T.mfaFailed, ip, ua);
        emit(t + 14, T.mfaOk, ip, ua);
      }
      if (u.mobileUa >= 0 && rng.chance(0.3)) {
        const mt = dayStart + rng.int(-HOUR, 12 * HOUR);
        emit(mt, T.login, trip ? trip.ip : u.mobileIp, u.mobileUa, u.authMethod === 'sso' ? 1 : 0);
        if (rng.chance(0.3))
          emit(
            mt + rng.int(60, 3600),
            T.fileDownloaded,
            trip ? trip.ip : u.mobileIp,
            u.mobileUa,
            rng.int(0, FILE_NAMES.length - 1),
          );
      }
      const span = Math.max(600, dayEnd - dayStart);
      const downloads = rng.poisson(workday ? 1.6 : 0.6);
      for (let k = 0; k < downloads; k++)
        emit(dayStart + 120 + rng.int(0, span), T.fileDownloaded, ip, ua, rng.int(0, FILE_NAMES.length - 1));
      const uploads = rng.poisson(workday ? 0.6 : 0.2);
      for (let k = 0; k < uploads; k++)
        emit(dayStart + 120 + rng.int(0, span), T.fileUploaded, ip, ua, rng.int(0, FILE_NAMES.length - 1));
      if (u.authMethod === 'sso' && rng.chance(0.12)) emit(dayStart + Math.floor(span / 2), T.ssoReauth, ip, ua);
      if (u.authMethod === 'password') {
        if (rng.chance(0.012)) emit(dayStart + rng.int(300, span), T.passwordChanged, ip, ua);
        if (rng.chance(0.005)) {
          const rt = dayStart - rng.int(120, 600);
          emit(rt, T.resetRequested, ip, ua);
          emit(rt + rng.int(60, 240), T.resetSucceeded, ip, ua);
        }
        if (!u.mfa && rng.chance(0.002)) emit(dayStart + rng.int(300, span), T.mfaEnabled, ip, ua);
      }
      if (rng.chance(0.35)) emit(dayEnd, T.logout, ip, ua);

      if (u.administrator && workday) {
        const pickTarget = () => activePersons[rng.int(0, activePersons.length - 1)];
        const adminAction = (ts: number) => {
          const kind = rng.int(0, 9);
          if (kind < 4) emit(ts, T.forcedReset, ip, ua, 0, pickTarget());
          else if (kind < 7) emit(ts, T.roleAssigned, ip, ua, rng.int(0, ADMIN_ROLES.length - 1), pickTarget());
          else if (kind < 9) emit(ts, T.emailChanged, ip, ua, 0, pickTarget());
          else emit(ts, T.accountActivated, ip, ua, 0, pickTarget());
        };
        if (me === routineAdmin) {
          // The busiest admin: a steady block of three actions every working day.
          const block = dayStart + rng.int(HOUR, 3 * HOUR);
          for (let k = 0; k < 3; k++) adminAction(block + k * rng.int(300, 900));
          const extra = rng.poisson(0.6);
          for (let k = 0; k < extra; k++) adminAction(dayStart + 5 * HOUR + rng.int(0, 3 * HOUR));
        } else {
          const n = rng.poisson(1.1);
          for (let k = 0; k < n; k++) adminAction(dayStart + 600 + rng.int(0, span));
        }
      }
    }
  }

  // Integrations: Files Sync acts on behalf of users (routine impersonation, ≤ 3 per hour);
  // HR Connector provisions and deprovisions accounts; Security Scanner signs in daily.
  const filesSync = org.users.find((u) => u.email.startsWith('files-sync@'))!;
  const hr = org.users.find((u) => u.email.startsWith('hr-connector@'))!;
  const scanner = org.users[org.integrationUser];
  const rng = new Rng(seedFrom(org.seed, 'integrations'));
  for (let d = 0; d < totalDays; d++) {
    const midnight = ctx.dayBase + d * DAY;
    const weekday = (Math.floor(midnight / DAY) + 4) % 7;
    const push = (ts: number, type: number, actor: number, target: number, arg = 0, flags = 0) => {
      if (ts >= org.startSec && ts < org.endSec)
        store.push(ts, type, actor, target, ctx.cloudIp, ctx.serviceUa, arg, flags);
    };
    push(midnight + 2 * HOUR + rng.int(0, 600), T.login, scanner.index, scanner.index, 0);
    if (weekday >= 1 && weekday <= 5 && activePersons.length) {
      for (let h = 7; h < 19; h++) {
        const n = rng.int(0, 3);
        for (let k = 0; k < n; k++) {
          const target = activePersons[rng.int(0, activePersons.length - 1)];
          push(
            midnight + h * HOUR + rng.int(0, HOUR - 1),
            T.fileDownloaded,
            filesSync.index,
            target,
            rng.int(0, FILE_NAMES.length - 1),
            FLAG_IMPERSONATED,
          );
        }
      }
    }
  }
  for (const u of persons) {
    if (u.startDate >= org.startSec && u.startDate < org.endSec)
      store.push(u.startDate, T.accountCreated, hr.index, u.index, ctx.cloudIp, ctx.serviceUa);
    if (u.deactivateTime !== null && u.deactivateTime >= org.startSec && u.deactivateTime < org.endSec) {
      store.push(u.deactivateTime, T.accountDeactivated, hr.index, u.index, ctx.cloudIp, ctx.serviceUa);
    }
  }
}
