// Known attacks (one or more per anomaly policy of detections.md) and benign look-alikes,
// injected into the routine history with their ground truth. Planning happens before the
// routine is generated (victims get quiet windows so no routine event blurs an incident, and
// profile changes such as a termination date are in place); events are added afterwards and
// resolved to public ids once the store is sorted.
import { ADMIN_ROLES, ATTACKER_UAS, FILE_NAMES, REASON, T } from './catalog';
import { FLAG_IMPERSONATED } from './event-store';
import { eventIdOf } from './ids';
import { Rng, seedFrom } from './prng';
import { CITY_BY_KEY, addQuiet, type GenContext } from './organisation';
import { planPrecisionCases } from './scenario-precisions';
import type { DemoUser, Incident, IncidentPattern, IpInfo, PolicyId } from './types';

const HOUR = 3600;
const DAY = 86400;
const MIN = 60;

export const POLICY_NAMES: Record<PolicyId, string> = {
  'anonymous-ip': 'Activity from anonymous IP addresses',
  'infrequent-country': 'Activity from infrequent country/region',
  'suspicious-ip': 'Activity from suspicious IP addresses',
  'impossible-travel': 'Impossible travel',
  'terminated-user': 'Activity performed by terminated user',
  'failed-logins': 'Multiple failed login attempts',
  'unusual-admin': 'Unusual administrative activities',
  'unusual-impersonation': 'Unusual impersonated activities',
  none: 'none',
};

/** Real Tor exit relays (fixture only; the live list changes hourly). */
export const TOR_EXITS = [
  '185.220.101.1',
  '185.220.101.2',
  '185.220.101.3',
  '185.220.101.4',
  '185.220.101.5',
  '185.220.101.6',
  '185.220.101.7',
  '185.220.101.8',
  '185.220.101.9',
  '185.220.101.10',
  '185.220.101.33',
  '185.220.101.34',
  '185.220.101.35',
  '185.220.101.36',
  '185.220.101.37',
  '185.220.101.38',
  '185.220.100.240',
  '185.220.100.241',
  '185.220.100.242',
  '185.220.100.243',
  '185.220.100.244',
  '185.220.100.245',
  '192.42.116.16',
  '192.42.116.17',
  '192.42.116.18',
  '192.42.116.19',
  '192.42.116.20',
  '171.25.193.20',
  '171.25.193.25',
  '171.25.193.77',
  '171.25.193.78',
  '199.249.230.100',
  '199.249.230.101',
  '204.8.96.100',
];
export const TOR_IP = '185.220.101.33';
export const SPRAY_IP = '193.142.146.35';
export const BOTNET_IP = '92.63.197.10';
/** FireHOL-level1-style netset (fixture): bogons that a reader must drop, and hostile hosting ranges. */
export const BLOCKLIST_NETSET = [
  '#',
  '# Workplace Guard demo community: threat-intelligence fixture in FireHOL netset format.',
  '# The hostile ranges are real hosting networks seen in abuse feeds; use only as a fixture.',
  '# Private and reserved ranges below must be dropped by the reader.',
  '#',
  '0.0.0.0/8',
  '10.0.0.0/8',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '224.0.0.0/3',
  '45.141.84.0/24',
  '80.94.95.0/24',
  '92.63.197.0/24',
  '141.98.10.0/24',
  '193.142.146.0/24',
  '194.26.192.0/24',
];

const NON_MEMBER_TARGETS = [
  'admin',
  'administrator',
  'test',
  'info',
  'hr',
  'finance',
  'support',
  'it',
  'ceo',
  'payroll',
];

export interface Planned {
  id: string;
  kind: Incident['kind'];
  pattern: IncidentPattern;
  policy: PolicyId;
  alsoExpected: PolicyId[];
  mustNotFire: PolicyId[];
  severity: Incident['severity'];
  title: string;
  description: string;
  user: number | null;
  fixtures: string[];
  /** Ranges the admin registers for the expectation to hold (look-alikes that rely on a tag). */
  ranges?: Incident['ranges'];
  /** Inject events; returns nothing, uses the `ev` helper that records generation indexes. */
  inject?: (ev: Emitter) => void;
  /** Select ids after sorting (for look-alikes made of routine events). */
  select?: () => number[];
  window?: [number, number];
}

export interface Emitter {
  push(
    ts: number,
    type: number,
    actor: number,
    target: number,
    ip: number,
    ua: number,
    arg?: number,
    flags?: number,
  ): void;
  /** An event that happened at `occurredTs` but reaches the feed at `deliveredTs` (later). */
  late(
    occurredTs: number,
    deliveredTs: number,
    type: number,
    actor: number,
    target: number,
    ip: number,
    ua: number,
    arg?: number,
  ): void;
}

/** What the scenario's planners share: the organisation, its randomness, and placement helpers. */
export interface ScenarioKit {
  ctx: GenContext;
  rng: Rng;
  items: Planned[];
  /** A fresh eligible victim, preferring `prefer`, then `fallback`, then anyone eligible. */
  pick(prefer: (u: DemoUser) => boolean, fallback?: (u: DemoUser) => boolean): DemoUser;
  /** Day of the k-th incident slot (all after the learning period when the history allows). */
  slotDay(k: number): number;
  /** Unix seconds of `hour` (local to the user's home city) on `day` of the history. */
  localTime(u: DemoUser, day: number, hour: number): number;
  attackerUa(k: number): number;
  file(): number;
  countryIsNew(u: DemoUser, ip: number): boolean;
}

export interface ScenarioPlan {
  items: Planned[];
}

function usersOf(ctx: GenContext): DemoUser[] {
  return ctx.org.users;
}

export function planScenario(ctx: GenContext): ScenarioPlan {
  const { org, ipf } = ctx;
  const rng = new Rng(seedFrom(org.seed, 'scenario'));
  const users = usersOf(ctx);
  const used = new Set<number>();
  const startSec = org.startSec;
  const days = org.days;
  const firstDay = days >= 10 ? 8 : Math.max(1, Math.floor(days / 2));
  const lastDay = Math.max(firstDay, days - 1);
  const slotCount = 22;
  const slotDay = (k: number) => firstDay + Math.floor((k * (lastDay - firstDay + 1)) / slotCount);
  const localTime = (u: DemoUser, day: number, hour: number) => {
    const off = CITY_BY_KEY.get(u.cityKey)!.utcOffset * HOUR;
    let t = ctx.dayBase + day * DAY + Math.round(hour * HOUR) - off;
    if (t < startSec + HOUR) t += DAY;
    if (t > org.endSec - 3 * HOUR) t = org.endSec - 3 * HOUR;
    return t;
  };
  const eligible = (u: DemoUser) =>
    u.kind === 'person' &&
    u.index !== 0 &&
    u.active &&
    !u.former &&
    u.claimTime !== null &&
    u.claimTime < startSec &&
    u.termDate === null &&
    !u.administrator &&
    !u.traveller &&
    !u.typoHabit &&
    !u.vpnUser;
  const pick = (prefer: (u: DemoUser) => boolean, fallback: (u: DemoUser) => boolean = () => true): DemoUser => {
    const pool = users.filter((u) => eligible(u) && !used.has(u.index));
    const best = pool.filter(prefer);
    const list = best.length ? best : pool.filter(fallback).length ? pool.filter(fallback) : pool;
    if (list.length === 0) throw new Error('organisation too small for the scenario');
    const u = list[rng.int(0, list.length - 1)];
    used.add(u.index);
    ctx.established.add(u.index);
    return u;
  };
  const inCountries =
    (...cc: string[]) =>
    (u: DemoUser) =>
      cc.includes(u.country);
  const attackerUa = (k: number) => ctx.org.store.uas.id(ATTACKER_UAS[k % ATTACKER_UAS.length]);
  const file = () => rng.int(0, FILE_NAMES.length - 1);
  const admins = users.filter((u) => u.administrator && u.kind === 'person');
  const items: Planned[] = [];
  const countryIsNew = (u: DemoUser, ip: number) => ipf.infoOf(ip).country !== u.country;

  // 1. Impossible travel: a European user who has been to New York before signs in at home,
  //    and 50 minutes later "from New York".
  {
    const u = pick(inCountries('FR', 'ES', 'IT', 'DE', 'NL', 'PL', 'SE', 'CH'), (x) => x.country !== 'US');
    const ny = CITY_BY_KEY.get('new-york')!;
    if (days >= 8) u.trips.push({ cityKey: 'new-york', fromDay: 2, toDay: 5, ip: ipf.v4In(ny, rng, 'hotel') });
    const t = localTime(u, slotDay(0), 9);
    const attackIp = ipf.v4In(ny, rng, 'attacker');
    addQuiet(ctx, u.index, t - 20 * HOUR, t + 20 * HOUR);
    items.push({
      id: 'INC-01',
      kind: 'attack',
      pattern: 'impossible-travel',
      policy: 'impossible-travel',
      alsoExpected: days >= 8 ? [] : ['infrequent-country'],
      mustNotFire: [],
      severity: 'High',
      title: `Impossible travel: ${CITY_BY_KEY.get(u.cityKey)!.name} → New York in 50 minutes`,
      description:
        `${u.name} signs in from home in ${CITY_BY_KEY.get(u.cityKey)!.name}; 50 minutes later a session from New ` +
        `York (≈ 6,000 km away) downloads files. The user visited New York earlier in the history, so the country ` +
        `itself is not new.`,
      user: u.index,
      fixtures: [],
      window: [t, t + 75 * MIN],
      inject(ev) {
        ev.push(t, T.login, u.index, u.index, u.homeIp, u.desktopUa, u.authMethod === 'sso' ? 1 : 0);
        ev.push(t + 10 * MIN, T.fileDownloaded, u.index, u.index, u.homeIp, u.desktopUa, file());
        ev.push(t + 50 * MIN, T.login, u.index, u.index, attackIp, attackerUa(1), u.authMethod === 'sso' ? 1 : 0);
        for (let k = 0; k < 3; k++)
          ev.push(t + 55 * MIN + k * 5 * MIN, T.fileDownloaded, u.index, u.index, attackIp, attackerUa(1), file());
      },
    });
  }

  // 2. Infrequent country: a session from Hanoi, where nobody in the organisation has been.
  {
    const u = pick(inCountries('GB'), (x) => x.country !== 'VN');
    const t = localTime(u, slotDay(1), 11);
    const ip = ipf.v4In(CITY_BY_KEY.get('hanoi')!, rng, 'attacker');
    addQuiet(ctx, u.index, t - 22 * HOUR, t + 22 * HOUR);
    items.push({
      id: 'INC-02',
      kind: 'attack',
      pattern: 'infrequent-country',
      policy: 'infrequent-country',
      alsoExpected: [],
      mustNotFire: [],
      severity: 'Medium',
      title: `Sign-in from Vietnam for ${u.name}`,
      description:
        `${u.name} (${CITY_BY_KEY.get(u.cityKey)!.name}) has never used Vietnam, nor has anyone else; a successful ` +
        `sign-in from Hanoi is followed by downloads. The previous and next activity are ≥ 22 h away, so the ` +
        `travel is physically possible.`,
      user: u.index,
      fixtures: [],
      window: [t, t + 30 * MIN],
      inject(ev) {
        ev.push(t, T.login, u.index, u.index, ip, attackerUa(2), u.authMethod === 'sso' ? 1 : 0);
        for (let k = 0; k < 6; k++)
          ev.push(t + 3 * MIN + k * 4 * MIN, T.fileDownloaded, u.index, u.index, ip, attackerUa(2), file());
        ev.push(t + 28 * MIN, T.fileUploaded, u.index, u.index, ip, attackerUa(2), file());
      },
    });
  }

  // 3. Anonymous IP: a successful sign-in from a Tor exit relay.
  {
    const u = pick(inCountries('DE'), inCountries('NL', 'CH', 'PL'));
    const t = localTime(u, slotDay(2), 20);
    const ip = ipf.fixed(TOR_IP, 'tor', 'DE');
    addQuiet(ctx, u.index, t - 20 * HOUR, t + 20 * HOUR);
    items.push({
      id: 'INC-03',
      kind: 'attack',
      pattern: 'tor-exit',
      policy: 'anonymous-ip',
      alsoExpected: countryIsNew(u, ip) ? ['infrequent-country'] : [],
      mustNotFire: [],
      severity: 'Medium',
      title: `Sign-in through Tor for ${u.name}`,
      description:
        `A successful sign-in for ${u.name} from ${TOR_IP}, a Tor exit relay listed in tor-exits.txt, followed by ` +
        `downloads.`,
      user: u.index,
      fixtures: ['tor-exits.txt'],
      window: [t, t + 20 * MIN],
      inject(ev) {
        ev.push(t, T.login, u.index, u.index, ip, attackerUa(1), u.authMethod === 'sso' ? 1 : 0);
        for (let k = 0; k < 4; k++)
          ev.push(t + 2 * MIN + k * 4 * MIN, T.fileDownloaded, u.index, u.index, ip, attackerUa(1), file());
      },
    });
  }

  // 4. Suspicious IP: a password spray from a blocklisted host across many accounts, then a hit.
  {
    const u = pick((x) => x.country === 'NL' && x.authMethod === 'password', inCountries('NL', 'DE', 'FR'));
    u.authMethod = 'password';
    const t = localTime(u, slotDay(3), 3);
    const ip = ipf.fixed(SPRAY_IP, 'blocklisted', 'NL');
    addQuiet(ctx, u.index, t - 20 * HOUR, t + 20 * HOUR);
    const targets = users.filter((x) => x.kind === 'person' && x.index !== u.index && !x.former).map((x) => x.index);
    rng.shuffle(targets);
    const memberTargets = targets.slice(0, Math.min(30, targets.length));
    const outsiders = NON_MEMBER_TARGETS.map((n) => org.principals.id(`${n}@${org.users[0].email.split('@')[1]}`));
    for (let k = org.principalNames.length; k < org.principals.size; k++)
      org.principalNames.push(org.principals.values[k]);
    items.push({
      id: 'INC-04',
      kind: 'attack',
      pattern: 'password-spray-listed',
      policy: 'suspicious-ip',
      alsoExpected: countryIsNew(u, ip) ? ['infrequent-country'] : [],
      mustNotFire: ['failed-logins'],
      severity: 'High',
      title: `Password spray from ${SPRAY_IP} then a successful sign-in as ${u.name}`,
      description:
        `${SPRAY_IP} (listed in blocklist.netset) fails to sign in as ${memberTargets.length + outsiders.length} ` +
        `different accounts (${outsiders.length} of them do not exist) within 25 minutes, then signs in ` +
        `successfully as ${u.name}. No single account sees enough failures for the failed-login policy.`,
      user: u.index,
      fixtures: ['blocklist.netset'],
      window: [t, t + 40 * MIN],
      inject(ev) {
        const all = [...memberTargets, ...outsiders];
        rng.shuffle(all);
        all.forEach((p, k) => {
          const ts = t + Math.floor((k * 25 * MIN) / all.length);
          const reason = p >= org.users.length ? REASON.unknownUser : REASON.wrongPassword;
          ev.push(ts, T.loginFailed, p, p, ip, attackerUa(0), reason);
        });
        ev.push(t + 28 * MIN, T.login, u.index, u.index, ip, attackerUa(0), 0);
        for (let k = 0; k < 5; k++)
          ev.push(t + 30 * MIN + k * 2 * MIN, T.fileDownloaded, u.index, u.index, ip, attackerUa(0), file());
      },
    });
  }

  // 5. Suspicious IP: a sign-in from a host on the threat list (no spray).
  {
    const u = pick(inCountries('NL'), inCountries('DE', 'BE', 'FR', 'GB'));
    const t = localTime(u, slotDay(4), 13);
    const ip = ipf.fixed(BOTNET_IP, 'blocklisted', 'NL');
    addQuiet(ctx, u.index, t - 20 * HOUR, t + 20 * HOUR);
    items.push({
      id: 'INC-05',
      kind: 'attack',
      pattern: 'blocklisted-ip',
      policy: 'suspicious-ip',
      alsoExpected: countryIsNew(u, ip) ? ['infrequent-country'] : [],
      mustNotFire: [],
      severity: 'Medium',
      title: `Sign-in from a blocklisted host for ${u.name}`,
      description: `${u.name} signs in from ${BOTNET_IP}, inside a range of blocklist.netset, and downloads files.`,
      user: u.index,
      fixtures: ['blocklist.netset'],
      window: [t, t + 15 * MIN],
      inject(ev) {
        ev.push(t, T.login, u.index, u.index, ip, attackerUa(1), u.authMethod === 'sso' ? 1 : 0);
        for (let k = 0; k < 3; k++)
          ev.push(t + 3 * MIN + k * 3 * MIN, T.fileDownloaded, u.index, u.index, ip, attackerUa(1), file());
      },
    });
  }

  // 6. Terminated user: HR set a termination date, nobody deactivated the account.
  {
    const u = pick(() => true);
    const t = localTime(u, slotDay(5), 19);
    u.termDate = Math.max(startSec + DAY, t - 5 * DAY);
    u.updated = u.termDate;
    const second = t + 26 * HOUR;
    items.push({
      id: 'INC-06',
      kind: 'attack',
      pattern: 'terminated-user',
      policy: 'terminated-user',
      alsoExpected: [],
      mustNotFire: [],
      severity: 'High',
      title: `Activity by terminated user ${u.name}`,
      description:
        `${u.name}'s SCIM termDate is ${new Date(u.termDate * 1000).toISOString()}, but the account is still ` +
        `active; after that date they sign in from home and mass-download files.`,
      user: u.index,
      fixtures: [],
      window: [t, second < org.endSec - HOUR ? second + 10 * MIN : t + 60 * MIN],
      inject(ev) {
        ev.push(t, T.login, u.index, u.index, u.homeIp, u.desktopUa, u.authMethod === 'sso' ? 1 : 0);
        for (let k = 0; k < 25; k++)
          ev.push(
            t + 2 * MIN + k * 2 * MIN,
            T.fileDownloaded,
            u.index,
            u.index,
            u.homeIp,
            u.desktopUa,
            k % FILE_NAMES.length,
          );
        if (second < org.endSec - HOUR) {
          ev.push(second, T.login, u.index, u.index, u.homeIp, u.desktopUa, u.authMethod === 'sso' ? 1 : 0);
          ev.push(second + 5 * MIN, T.fileDownloaded, u.index, u.index, u.homeIp, u.desktopUa, file());
        }
      },
    });
  }

  // 7. Failed-login burst then a success from the same IP (credential stuffing).
  {
    const u = pick((x) => x.country === 'GB' && x.authMethod === 'password', inCountries('GB', 'US'));
    u.authMethod = 'password';
    u.mfa = false;
    const t = localTime(u, slotDay(6), 14);
    const home = org.store.ips.values[u.homeIp].split('.').slice(0, 3).join('.');
    const ip = ipf.v4In(CITY_BY_KEY.get(u.cityKey)!, rng, 'attacker', new Set([home]));
    addQuiet(ctx, u.index, t - 2 * HOUR, t + 2 * HOUR);
    items.push({
      id: 'INC-07',
      kind: 'attack',
      pattern: 'failed-login-burst',
      policy: 'failed-logins',
      alsoExpected: [],
      mustNotFire: [],
      severity: 'High',
      title: `22 failed sign-ins in 4 minutes, then a success, for ${u.name}`,
      description:
        `A host in ${CITY_BY_KEY.get(u.cityKey)!.name} fails to sign in as ${u.name} 22 times within 4 minutes and ` +
        `then succeeds from the same IP (High: a success follows from the same IP).`,
      user: u.index,
      fixtures: [],
      window: [t, t + 8 * MIN],
      inject(ev) {
        for (let k = 0; k < 22; k++)
          ev.push(t + k * 11, T.loginFailed, u.index, u.index, ip, attackerUa(0), REASON.wrongPassword);
        ev.push(t + 5 * MIN, T.login, u.index, u.index, ip, attackerUa(1), 0);
        ev.push(t + 7 * MIN, T.fileDownloaded, u.index, u.index, ip, attackerUa(1), file());
      },
    });
  }

  // 8. Admin burst: a (compromised) admin performs 24 admin actions in 35 minutes.
  const burstAdmin = admins[Math.min(2, admins.length - 1)];
  {
    const u = burstAdmin;
    const t = localTime(u, slotDay(7), 15);
    addQuiet(ctx, u.index, t - HOUR, t + HOUR);
    const targets = users
      .filter((x) => x.kind === 'person' && x.active && !x.administrator && x.index !== 0)
      .map((x) => x.index);
    rng.shuffle(targets);
    items.push({
      id: 'INC-08',
      kind: 'attack',
      pattern: 'admin-burst',
      policy: 'unusual-admin',
      alsoExpected: [],
      mustNotFire: [],
      severity: 'Medium',
      title: `Burst of 24 admin actions by ${u.name}`,
      description:
        `${u.name}, an admin who usually performs one or two admin actions a day, forces password resets, assigns ` +
        `roles, changes emails and promotes three accounts to admin within 35 minutes.`,
      user: u.index,
      fixtures: [],
      window: [t, t + 36 * MIN],
      inject(ev) {
        const kinds = [
          ...Array(8).fill(T.forcedReset),
          ...Array(6).fill(T.roleAssigned),
          ...Array(3).fill(T.promoted),
          ...Array(7).fill(T.emailChanged),
        ] as number[];
        kinds.forEach((type, k) => {
          const target = targets[k % Math.max(1, targets.length)];
          ev.push(
            t + Math.floor((k * 35 * MIN) / kinds.length),
            type,
            u.index,
            target,
            u.homeIp,
            u.desktopUa,
            type === T.roleAssigned ? k % ADMIN_ROLES.length : 0,
          );
        });
      },
    });
  }

  // 9. First-ever admin action: a user promoted today immediately uses the new rights.
  {
    const x = pick(
      (c) => c.department === 'IT',
      (c) => c.department !== 'Executive',
    );
    const promoter = org.users[org.connectedAdmin];
    const t = localTime(x, slotDay(8), 11);
    addQuiet(ctx, x.index, t - HOUR, t + 2 * HOUR);
    const targets = users
      .filter((c) => c.kind === 'person' && c.active && c.index !== x.index && c.index !== 0)
      .map((c) => c.index);
    items.push({
      id: 'INC-09',
      kind: 'attack',
      pattern: 'first-admin-action',
      policy: 'unusual-admin',
      alsoExpected: [],
      mustNotFire: [],
      severity: 'Medium',
      title: `First-ever admin actions by ${x.name}`,
      description:
        `${promoter.name} promotes ${x.name} to admin; 40 minutes later ${x.name}, who has no admin history, ` +
        `assigns a role, forces a password reset and changes an email address.`,
      user: x.index,
      fixtures: [],
      window: [t, t + 50 * MIN],
      inject(ev) {
        x.administrator = true;
        ev.push(t, T.promoted, promoter.index, x.index, promoter.homeIp, promoter.desktopUa);
        ev.push(
          t + 40 * MIN,
          T.roleAssigned,
          x.index,
          targets[rng.int(0, targets.length - 1)],
          x.homeIp,
          x.desktopUa,
          0,
        );
        ev.push(t + 44 * MIN, T.forcedReset, x.index, targets[rng.int(0, targets.length - 1)], x.homeIp, x.desktopUa);
        ev.push(t + 47 * MIN, T.emailChanged, x.index, targets[rng.int(0, targets.length - 1)], x.homeIp, x.desktopUa);
      },
    });
  }

  // 10. Impersonation burst: one account acts as 16 different people within 45 minutes.
  {
    const y = pick((c) => c.department === 'Customer Support' || c.department === 'Operations');
    const t = localTime(y, slotDay(9), 16);
    addQuiet(ctx, y.index, t - HOUR, t + HOUR);
    const targets = users.filter((c) => c.kind === 'person' && c.active && c.index !== y.index).map((c) => c.index);
    rng.shuffle(targets);
    const victims = targets.slice(0, Math.min(16, targets.length));
    items.push({
      id: 'INC-10',
      kind: 'attack',
      pattern: 'impersonation-burst',
      policy: 'unusual-impersonation',
      alsoExpected: [],
      mustNotFire: [],
      severity: 'Medium',
      title: `${y.name} downloads files as ${victims.length} other people`,
      description:
        `${y.name}, who never acted on behalf of anyone, downloads 28 files as ${victims.length} different users ` +
        `(actor ≠ target) within 45 minutes.`,
      user: y.index,
      fixtures: [],
      window: [t, t + 46 * MIN],
      inject(ev) {
        for (let k = 0; k < 28; k++) {
          ev.push(
            t + Math.floor((k * 45 * MIN) / 28),
            T.fileDownloaded,
            y.index,
            victims[k % victims.length],
            y.homeIp,
            y.desktopUa,
            file(),
            FLAG_IMPERSONATED,
          );
        }
      },
    });
  }

  // ---- Benign look-alikes ----

  // L1. A traveller whose flight is plausible: London in the morning, New York in the evening.
  {
    const u = pick(inCountries('GB', 'FR', 'DE', 'NL', 'IE'), (x) => x.country !== 'US');
    const dest = CITY_BY_KEY.get('new-york')!;
    const t0 = localTime(u, slotDay(10), 7.5);
    const hotel = ipf.v4In(dest, rng, 'hotel');
    addQuiet(ctx, u.index, t0 - 12 * HOUR, t0 + 48 * HOUR);
    items.push({
      id: 'LA-01',
      kind: 'look-alike',
      pattern: 'plausible-flight',
      policy: 'none',
      alsoExpected: [],
      mustNotFire: ['impossible-travel'],
      severity: null,
      title: `${u.name} flies ${CITY_BY_KEY.get(u.cityKey)!.name} → New York`,
      description:
        `Signs in at home at 07:30, then from a New York hotel 9.5 hours later (≈ 600 km/h: a flight). New York is ` +
        `used by many colleagues (well over 5 % of the organisation), so the country is not infrequent for the ` +
        `organisation either (only High sensitivity might flag it).`,
      user: u.index,
      fixtures: [],
      window: [t0, t0 + 31 * HOUR],
      inject(ev) {
        ev.push(t0, T.login, u.index, u.index, u.homeIp, u.desktopUa, u.authMethod === 'sso' ? 1 : 0);
        ev.push(t0 + 20 * MIN, T.fileDownloaded, u.index, u.index, u.homeIp, u.desktopUa, file());
        const t1 = t0 + 9 * HOUR + 30 * MIN;
        ev.push(t1, T.login, u.index, u.index, hotel, u.desktopUa, u.authMethod === 'sso' ? 1 : 0);
        ev.push(t1 + 15 * MIN, T.fileDownloaded, u.index, u.index, hotel, u.desktopUa, file());
        const t2 = t0 + 30 * HOUR;
        ev.push(t2, T.login, u.index, u.index, hotel, u.desktopUa, u.authMethod === 'sso' ? 1 : 0);
        ev.push(t2 + 40 * MIN, T.fileUploaded, u.index, u.index, hotel, u.desktopUa, file());
      },
    });
  }

  // L2. A corporate-VPN user whose egress hops between gateways in three countries.
  {
    const u = pick((x) => !ctx.officeIps.has(x.cityKey));
    u.vpnUser = true;
    const t = localTime(u, slotDay(11), 10);
    addQuiet(ctx, u.index, t - 3 * HOUR, t + 3 * HOUR);
    const [nl, us, sg] = [ctx.vpnIps[0], ctx.vpnIps[3], ctx.vpnIps[6]];
    items.push({
      id: 'LA-02',
      kind: 'look-alike',
      pattern: 'cloud-vpn-hops',
      policy: 'none',
      alsoExpected: [],
      mustNotFire: ['impossible-travel', 'infrequent-country', 'anonymous-ip'],
      severity: null,
      title: `${u.name}'s VPN egress hops NL → US → SG`,
      description:
        `The corporate VPN (vpn-ranges.txt, cloud-hosted gateways) moves ${u.name} between gateways in three ` +
        `countries within 45 minutes. Impossible travel is suppressed for VPN/hosting IPs; the user has used every ` +
        `gateway since the start of the history.`,
      user: u.index,
      fixtures: ['vpn-ranges.txt'],
      ranges: org.fixtures.vpnRanges.map((cidr) => ({ cidr, category: 'VPN' as const, name: 'Corporate VPN (cloud)' })),
      window: [t, t + 50 * MIN],
      inject(ev) {
        // Habitual use of each gateway from the first days, so no country is new.
        [nl, us, sg].forEach((gw, k) =>
          ev.push(localTime(u, 1 + k, 10), T.login, u.index, u.index, gw, u.desktopUa, u.authMethod === 'sso' ? 1 : 0),
        );
        ev.push(t, T.login, u.index, u.index, nl, u.desktopUa, u.authMethod === 'sso' ? 1 : 0);
        ev.push(t + 20 * MIN, T.login, u.index, u.index, us, u.desktopUa, u.authMethod === 'sso' ? 1 : 0);
        ev.push(t + 45 * MIN, T.login, u.index, u.index, sg, u.desktopUa, u.authMethod === 'sso' ? 1 : 0);
        ev.push(t + 48 * MIN, T.fileDownloaded, u.index, u.index, sg, u.desktopUa, file());
      },
    });
  }

  // L3. A busy shared corporate egress (the London office NAT pool).
  {
    const day = slotDay(12);
    const from = ctx.dayBase + day * DAY + 7 * HOUR;
    const to = from + 3 * HOUR;
    const office = new Set(ctx.officeIps.get('london') ?? []);
    items.push({
      id: 'LA-03',
      kind: 'look-alike',
      pattern: 'shared-corporate-egress',
      policy: 'none',
      alsoExpected: [],
      mustNotFire: ['anonymous-ip', 'suspicious-ip', 'impossible-travel', 'infrequent-country'],
      severity: null,
      title: 'Morning rush through the London office egress',
      description:
        'Many different people sign in through the same small corporate NAT pool (corporate-ranges.txt) within ' +
        'a few hours: shared infrastructure, not an attack.',
      user: null,
      fixtures: ['corporate-ranges.txt'],
      ranges: org.fixtures.corporateRanges.map((cidr) => ({
        cidr,
        category: 'Corporate' as const,
        name: 'Office NAT',
      })),
      window: [from, to],
      select() {
        const s = org.store;
        const out: number[] = [];
        for (let i = s.lowerBound(from); i < s.length && s.ts[i] < to && out.length < 300; i++) {
          if (s.type[i] === T.login && office.has(s.ip[i])) out.push(i);
        }
        return out;
      },
    });
  }

  // L4. A user with habitual typos (and one bad day with four).
  {
    const u = pick((x) => x.authMethod === 'password');
    u.typoHabit = true;
    const t = localTime(u, slotDay(13), 8.5);
    addQuiet(ctx, u.index, t - 2 * HOUR, t + 2 * HOUR);
    items.push({
      id: 'LA-04',
      kind: 'look-alike',
      pattern: 'habitual-typos',
      policy: 'none',
      alsoExpected: [],
      mustNotFire: ['failed-logins'],
      severity: null,
      title: `${u.name} mistypes their password most mornings`,
      description:
        'One to three failed sign-ins before a success on most days, and four on a bad day: far below max(10, ' +
        '3 × the usual peak).',
      user: u.index,
      fixtures: [],
      window: [ctx.org.startSec, ctx.org.endSec],
      inject(ev) {
        for (let k = 0; k < 4; k++)
          ev.push(t + k * 30, T.loginFailed, u.index, u.index, u.homeIp, u.desktopUa, REASON.wrongPassword);
        ev.push(t + 150, T.login, u.index, u.index, u.homeIp, u.desktopUa, 0);
      },
      select() {
        const s = org.store;
        const out: number[] = [];
        for (let i = 0; i < s.length && out.length < 400; i++)
          if (s.actor[i] === u.index && s.type[i] === T.loginFailed) out.push(i);
        return out;
      },
    });
  }

  // L5. An admin's routine work, with a busier (but normal for them) hour.
  {
    const u = admins.length > 1 ? admins[1] : admins[0];
    const t = localTime(u, slotDay(14), 13);
    addQuiet(ctx, u.index, t - HOUR, t + HOUR);
    const targets = users.filter((x) => x.kind === 'person' && x.active && !x.administrator).map((x) => x.index);
    items.push({
      id: 'LA-05',
      kind: 'look-alike',
      pattern: 'routine-admin',
      policy: 'none',
      alsoExpected: [],
      mustNotFire: ['unusual-admin'],
      severity: null,
      title: `${u.name}'s routine admin work`,
      description:
        `${u.name} performs about three admin actions in one block every working day; one afternoon has seven in ` +
        `an hour — below max(5, 3 × their usual hourly peak of 3).`,
      user: u.index,
      fixtures: [],
      window: [t, t + 50 * MIN],
      inject(ev) {
        for (let k = 0; k < 7; k++) {
          ev.push(
            t + k * 7 * MIN,
            k % 2 ? T.forcedReset : T.roleAssigned,
            u.index,
            targets[rng.int(0, targets.length - 1)],
            u.homeIp,
            u.desktopUa,
            k % ADMIN_ROLES.length,
          );
        }
      },
    });
  }

  // L6. The Files Sync integration acts on behalf of users every working hour.
  {
    const bot = users.find((x) => x.email.startsWith('files-sync@'))!;
    const day = slotDay(15);
    const from = ctx.dayBase + day * DAY;
    const to = from + DAY;
    items.push({
      id: 'LA-06',
      kind: 'look-alike',
      pattern: 'integration-impersonation',
      policy: 'none',
      alsoExpected: [],
      mustNotFire: ['unusual-impersonation'],
      severity: null,
      title: 'Files Sync integration downloading on behalf of users',
      description:
        'A service account impersonates users all day, every working day, at most three times an hour: its own ' +
        'baseline.',
      user: bot.index,
      fixtures: [],
      window: [from, to],
      select() {
        const s = org.store;
        const out: number[] = [];
        for (let i = s.lowerBound(from); i < s.length && s.ts[i] < to; i++) if (s.actor[i] === bot.index) out.push(i);
        return out;
      },
    });
  }

  // L7. A user serving notice: termination date in the future, still working normally.
  {
    const u = users.find((x) => x.termDate !== null && x.termDate > org.endSec && x.active && x.claimTime !== null);
    if (u) {
      const from = org.endSec - 3 * DAY;
      items.push({
        id: 'LA-07',
        kind: 'look-alike',
        pattern: 'serving-notice',
        policy: 'none',
        alsoExpected: [],
        mustNotFire: ['terminated-user'],
        severity: null,
        title: `${u.name} is serving notice`,
        description:
          `termDate is in the future (${new Date(u.termDate! * 1000).toISOString()}); activity before it is ` +
          `legitimate.`,
        user: u.index,
        fixtures: [],
        window: [from, org.endSec],
        select() {
          const s = org.store;
          const out: number[] = [];
          for (let i = s.lowerBound(from); i < s.length; i++) if (s.actor[i] === u.index) out.push(i);
          return out;
        },
      });
    }
  }

  planPrecisionCases({ ctx, rng, items, pick, slotDay, localTime, attackerUa, file, countryIsNew });
  // Admins and integrations are staged on without pick(): they too are known from the start.
  for (const item of items) if (item.user !== null) ctx.established.add(item.user);
  return { items };
}

function ipTags(info: IpInfo): string[] {
  switch (info.role) {
    case 'tor':
      return ['tor'];
    case 'blocklisted':
      return ['blocklisted'];
    case 'vpn':
      return ['vpn', 'corporate-vpn', 'hosting'];
    case 'corporate-vpn':
      return ['vpn', 'corporate-vpn'];
    case 'office':
      return ['corporate'];
    case 'cloud':
      return ['cloud'];
    default:
      return [];
  }
}

export function applyScenario(ctx: GenContext, plan: ScenarioPlan): { finish(newIndex: Uint32Array): void } {
  const { org } = ctx;
  const created = new Map<string, number[]>();
  /** Generation index → when the late event happened (remapped once the store is sorted). */
  const occurred = new Map<number, number>();
  for (const item of plan.items) {
    if (!item.inject) continue;
    const mine: number[] = [];
    const push: Emitter['push'] = (ts, type, actor, target, ip, ua, arg = 0, flags = 0) => {
      if (ts < org.startSec || ts >= org.endSec) return;
      mine.push(org.store.push(ts, type, actor, target, ip, ua, arg, flags));
    };
    item.inject({
      push,
      late(occurredTs, deliveredTs, type, actor, target, ip, ua, arg = 0) {
        if (occurredTs < org.startSec || deliveredTs <= occurredTs) throw new Error(`${item.id}: bad late event`);
        const before = mine.length;
        push(deliveredTs, type, actor, target, ip, ua, arg);
        if (mine.length > before) occurred.set(mine[mine.length - 1], occurredTs);
      },
    });
    created.set(item.id, mine);
  }
  org.fixtures.torExits = TOR_EXITS.slice();
  org.fixtures.blocklist = BLOCKLIST_NETSET.slice();
  return {
    finish(newIndex) {
      const s = org.store;
      for (const [i, ts] of occurred) org.occurredAt.set(newIndex[i], ts);
      for (const item of plan.items) {
        const injected = (created.get(item.id) ?? []).map((i) => newIndex[i]);
        const selected = item.select ? item.select() : [];
        const indexes = [...new Set([...injected, ...selected])].sort((a, b) => a - b);
        let from = item.window?.[0] ?? Infinity;
        let to = item.window?.[1] ?? -Infinity;
        const ips = new Map<number, IpInfo>();
        const actors = new Set<string>();
        for (const i of indexes) {
          from = Math.min(from, s.ts[i]);
          to = Math.max(to, s.ts[i]);
          const info = ctx.ipf.infoOf(s.ip[i]);
          if (item.kind === 'attack' || ips.size < 20) ips.set(s.ip[i], info);
          if (s.actor[i] >= 0) actors.add(org.principals.values[s.actor[i]]);
        }
        if (!Number.isFinite(from)) from = to = org.endSec;
        const u = item.user !== null ? org.users[item.user] : null;
        org.incidents.push({
          id: item.id,
          kind: item.kind,
          policy: item.policy,
          policyName: POLICY_NAMES[item.policy],
          alsoExpected: item.alsoExpected,
          mustNotFire: item.mustNotFire,
          severity: item.severity,
          title: item.title,
          description: item.description,
          user: u ? { id: u.id, email: u.email, name: u.name } : null,
          actors: [...actors].slice(0, 50),
          ips: [...ips.values()].map((info) => ({
            ip: info.ip,
            country: info.country,
            city: info.city,
            tags: ipTags(info),
          })),
          window: {
            from: from * 1000,
            to: to * 1000,
            fromIso: new Date(from * 1000).toISOString(),
            toIso: new Date(to * 1000).toISOString(),
          },
          eventIds: indexes.map((i) => eventIdOf(org.idPrefix, i)),
          fixtures: item.fixtures,
          pattern: item.pattern,
          ranges: item.ranges ?? [],
          late: indexes
            .filter((i) => org.occurredAt.has(i))
            .map((i) => ({
              eventId: eventIdOf(org.idPrefix, i),
              occurredAt: org.occurredAt.get(i)! * 1000,
              deliveredAt: s.ts[i] * 1000,
            })),
        });
      }
    },
  };
}
