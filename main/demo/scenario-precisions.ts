// The cases that test detection's precisions (issue 9, requirement 3) rather than its basics:
// a password spray from an address no list knows, an impossible-travel pair whose far leg is
// delivered hours late, hops through the company's own VPN concentrator (harmless only once the
// admin tags its range VPN), a phone whose carrier geolocates it in bordering countries, and a
// long flight with enough hours for the distance. Thresholds are those of detections.md.
import { REASON, T } from './catalog';
import { CITY_BY_KEY, addQuiet } from './organisation';
import type { ScenarioKit } from './scenario';
import type { DemoUser } from './types';

const HOUR = 3600;
const MIN = 60;

/**
 * Where a home country's mobile carriers can geolocate a phone: cities in bordering countries,
 * close to the border region (the hop must be "nearby", never a long-haul jump).
 */
const CARRIER_NEIGHBOURS: Record<string, string[]> = {
  NL: ['frankfurt', 'munich'],
  DE: ['amsterdam', 'zurich'],
  FR: ['frankfurt', 'zurich'],
  ES: ['lyon', 'paris'],
  IT: ['zurich', 'lyon'],
  CH: ['frankfurt', 'milan'],
  PL: ['frankfurt', 'munich'],
  GB: ['dublin'],
  IE: ['london'],
  US: ['toronto'],
  CA: ['new-york', 'boston'],
};

/**
 * The /28 the company's VPN concentrator answers from: a Boston business line (the Boston
 * networks of geo-data.ts are Verizon Business access networks, not hosting), so only the
 * admin's VPN tag — not a hosting flag — can take the location away.
 */
function corporateVpnRange(kit: ScenarioKit): { cidr: string; hosts: number[] } {
  const { ipf, org } = kit.ctx;
  const boston = CITY_BY_KEY.get('boston')!;
  const inBoston = (ip: string) => {
    const g = ipf.geo.lookup(ip);
    return g?.country === boston.country && !!g.city?.startsWith(boston.dbCity);
  };
  // No member may already live inside the range (their home would turn into "VPN").
  const taken = (p: string) => {
    for (let h = 32; h < 48; h++) if (ipf.info.has(`${p}.${h}`)) return true;
    return false;
  };
  const base = boston.v4.find((p) => !taken(p) && [33, 34, 35, 36].every((h) => inBoston(`${p}.${h}`))) ?? boston.v4[0];
  const cidr = `${base}.32/28`;
  org.fixtures.corporateVpnRanges.push(cidr);
  return { cidr, hosts: [33, 34, 35, 36].map((h) => ipf.fixed(`${base}.${h}`, 'corporate-vpn', boston.country)) };
}

export function planPrecisionCases(kit: ScenarioKit): void {
  const { ctx, rng, items, pick, slotDay, localTime, attackerUa, file } = kit;
  const { org, ipf } = ctx;
  const users = org.users;
  const inCountries =
    (...cc: string[]) =>
    (u: DemoUser) =>
      cc.includes(u.country);
  const sso = (u: DemoUser) => (u.authMethod === 'sso' ? 1 : 0);

  // INC-11. Password spray from an address on no list: one Jakarta host fails against 16
  //         different members within 30 minutes (one try each), then signs in as one of them.
  {
    const u = pick(inCountries('FR', 'ES', 'IT', 'DE', 'GB'), (x) => x.country !== 'ID');
    u.authMethod = 'password';
    const t = localTime(u, slotDay(16), 2);
    const ip = ipf.v4In(CITY_BY_KEY.get('jakarta')!, rng, 'attacker');
    addQuiet(ctx, u.index, t - 20 * HOUR, t + 20 * HOUR);
    const targets = users.filter((x) => x.kind === 'person' && x.index !== u.index && !x.former).map((x) => x.index);
    rng.shuffle(targets);
    const sprayed = targets.slice(0, Math.min(16, targets.length));
    items.push({
      id: 'INC-11',
      kind: 'attack',
      pattern: 'password-spray-unlisted',
      policy: 'suspicious-ip',
      alsoExpected: kit.countryIsNew(u, ip) ? ['infrequent-country'] : [],
      mustNotFire: ['failed-logins'],
      severity: 'High',
      title: `Password spray from an unlisted address, then a sign-in as ${u.name}`,
      description:
        `${org.store.ips.values[ip]} (Jakarta; on no threat list) fails once each against ${sprayed.length} ` +
        `members within 30 minutes, then signs in successfully as ${u.name} 4 minutes later: ≥ 10 distinct ` +
        'users within the hour before the success (suspicious IP, High), whether or not a list knows it.',
      user: u.index,
      fixtures: [],
      window: [t, t + 45 * MIN],
      inject(ev) {
        sprayed.forEach((p, k) => {
          ev.push(
            t + Math.floor((k * 30 * MIN) / sprayed.length),
            T.loginFailed,
            p,
            p,
            ip,
            attackerUa(2),
            REASON.wrongPassword,
          );
        });
        ev.push(t + 34 * MIN, T.login, u.index, u.index, ip, attackerUa(2), 0);
        for (let k = 0; k < 4; k++)
          ev.push(t + 36 * MIN + k * 2 * MIN, T.fileDownloaded, u.index, u.index, ip, attackerUa(2), file());
      },
    });
  }

  // INC-12. Impossible travel whose far leg is delivered late: the São Paulo sign-in happened
  //         40 minutes after one at home but reaches the feed 5 hours later, after the user's
  //         next activity at home. It must still be judged against the history before it.
  {
    const u = pick(inCountries('GB', 'IE', 'NL', 'SE', 'PL', 'DE'), (x) => x.country !== 'BR');
    const far = CITY_BY_KEY.get('sao-paulo')!;
    // An earlier visit, so the country itself is not new and only the travel is impossible.
    if (org.days >= 8) u.trips.push({ cityKey: far.key, fromDay: 2, toDay: 5, ip: ipf.v4In(far, rng, 'hotel') });
    const t = localTime(u, slotDay(17), 9);
    const delay = Math.min(5 * HOUR, org.endSec - t - 50 * MIN);
    const attackIp = ipf.v4In(far, rng, 'attacker');
    addQuiet(ctx, u.index, t - 20 * HOUR, t + 20 * HOUR);
    items.push({
      id: 'INC-12',
      kind: 'attack',
      pattern: 'late-event',
      policy: 'impossible-travel',
      alsoExpected: org.days >= 8 ? [] : ['infrequent-country'],
      mustNotFire: [],
      severity: 'High',
      title: `Impossible travel delivered late: ${CITY_BY_KEY.get(u.cityKey)!.name} → São Paulo in 40 minutes`,
      description:
        `${u.name} signs in at home; a sign-in from São Paulo 40 minutes later is delivered ` +
        `${Math.round(delay / 60)} minutes late (its creation_time is older than events already in the feed, ` +
        'including the user’s next sign-in at home). Evaluated in time order, both legs are impossible.',
      user: u.index,
      fixtures: [],
      window: [t, t + 40 * MIN + delay + 5 * MIN],
      inject(ev) {
        ev.push(t, T.login, u.index, u.index, u.homeIp, u.desktopUa, sso(u));
        ev.push(t + 5 * MIN, T.fileDownloaded, u.index, u.index, u.homeIp, u.desktopUa, file());
        ev.late(t + 40 * MIN, t + 40 * MIN + delay, T.login, u.index, u.index, attackIp, attackerUa(1), sso(u));
        ev.late(
          t + 44 * MIN,
          t + 44 * MIN + delay,
          T.fileDownloaded,
          u.index,
          u.index,
          attackIp,
          attackerUa(1),
          file(),
        );
        ev.push(t + 2 * HOUR, T.login, u.index, u.index, u.homeIp, u.desktopUa, sso(u));
        ev.push(t + 2 * HOUR + 10 * MIN, T.fileDownloaded, u.index, u.index, u.homeIp, u.desktopUa, file());
      },
    });
  }

  // LA-08. Hops through the company's own VPN concentrator (Boston, an ordinary network, not a
  //        hosting one): home → "Boston" in 20 minutes, and back. Impossible travel until the
  //        admin tags the range VPN (corporate-vpn-ranges.txt); then the VPN leg has no place.
  {
    const vpn = corporateVpnRange(kit);
    const u = pick(inCountries('ES', 'IT', 'FR', 'DE', 'PL', 'SE', 'NL'), (x) => x.country !== 'US');
    const t = localTime(u, slotDay(18), 9);
    addQuiet(ctx, u.index, t - 4 * HOUR, t + 4 * HOUR);
    const [a, b] = [vpn.hosts[rng.int(0, 1)], vpn.hosts[rng.int(2, 3)]];
    items.push({
      id: 'LA-08',
      kind: 'look-alike',
      pattern: 'vpn-tagged-hops',
      policy: 'none',
      alsoExpected: [],
      mustNotFire: ['impossible-travel', 'infrequent-country', 'anonymous-ip'],
      severity: null,
      title: `${u.name} connects through the corporate VPN (Boston) and back`,
      description:
        `${u.name} works from home in ${CITY_BY_KEY.get(u.cityKey)!.name}, switches to the company's VPN ` +
        `concentrator (${vpn.cidr}, which geolocates to Boston) 20 minutes later, drops it, and reconnects. ` +
        'Once the admin tags that range VPN, the VPN legs carry no location: no alert. Untagged, it would ' +
        'look like impossible travel.',
      user: u.index,
      fixtures: ['corporate-vpn-ranges.txt'],
      ranges: [{ cidr: vpn.cidr, category: 'VPN', name: 'Corporate VPN concentrator (Boston)' }],
      window: [t, t + 80 * MIN],
      inject(ev) {
        ev.push(t, T.login, u.index, u.index, u.homeIp, u.desktopUa, sso(u));
        ev.push(t + 20 * MIN, T.login, u.index, u.index, a, u.desktopUa, sso(u));
        ev.push(t + 24 * MIN, T.fileDownloaded, u.index, u.index, a, u.desktopUa, file());
        ev.push(t + 45 * MIN, T.login, u.index, u.index, u.homeIp, u.desktopUa, sso(u));
        ev.push(t + 70 * MIN, T.login, u.index, u.index, b, u.desktopUa, sso(u));
        ev.push(t + 75 * MIN, T.fileUploaded, u.index, u.index, b, u.desktopUa, file());
      },
    });
  }

  // LA-09. A phone whose carrier geolocates it in bordering countries, switching within the
  //        hour; the user has seen those carrier locations since the first days.
  {
    const home = Object.keys(CARRIER_NEIGHBOURS);
    const u = pick((x) => home.includes(x.country) && x.mobileUa >= 0, inCountries(...home));
    if (u.mobileUa < 0) u.mobileUa = ctx.uaMobile[0];
    const carriers = CARRIER_NEIGHBOURS[u.country].map((k) => ipf.v4In(CITY_BY_KEY.get(k)!, rng, 'mobile'));
    const [first, second] = [carriers[0], carriers[carriers.length - 1]];
    const t = localTime(u, slotDay(19), 12);
    addQuiet(ctx, u.index, t - 4 * HOUR, t + 4 * HOUR);
    const places = CARRIER_NEIGHBOURS[u.country].map((k) => CITY_BY_KEY.get(k)!.name).join(' and ');
    items.push({
      id: 'LA-09',
      kind: 'look-alike',
      pattern: 'mobile-carrier-hops',
      policy: 'none',
      alsoExpected: [],
      mustNotFire: ['impossible-travel', 'infrequent-country'],
      severity: null,
      title: `${u.name}'s phone hops between carrier locations in bordering countries`,
      description:
        `${u.name} (${CITY_BY_KEY.get(u.cityKey)!.name}) uses the desktop app at home while their phone's ` +
        `carrier places it in ${places}, switching within the hour. Bordering countries never count as ` +
        'impossible travel (Low/Medium), and the phone has used these carrier locations since the first days.',
      user: u.index,
      fixtures: [],
      window: [t, t + 75 * MIN],
      inject(ev) {
        // Habitual carrier locations from the learning period, so neither country is new.
        for (let d = 1; d <= 4; d++)
          ev.push(localTime(u, d, 13), T.login, u.index, u.index, carriers[d % carriers.length], u.mobileUa, sso(u));
        ev.push(t, T.login, u.index, u.index, u.homeIp, u.desktopUa, sso(u));
        ev.push(t + 15 * MIN, T.login, u.index, u.index, first, u.mobileUa, sso(u));
        ev.push(t + 30 * MIN, T.fileDownloaded, u.index, u.index, u.homeIp, u.desktopUa, file());
        ev.push(t + 55 * MIN, T.login, u.index, u.index, second, u.mobileUa, sso(u));
        ev.push(t + 70 * MIN, T.fileDownloaded, u.index, u.index, second, u.mobileUa, file());
      },
    });
  }

  // LA-10. A plausible flight the other way: North America → the London office, at least 10.5
  //        hours between the sign-ins and never faster than 550 km/h over the great circle (New
  //        York ≈ 5,600 km, Dallas ≈ 7,600 km), London used by much of the company.
  {
    const u = pick(inCountries('US', 'CA'), (x) => x.country !== 'GB');
    const london = CITY_BY_KEY.get('london')!;
    const t0 = localTime(u, slotDay(20), 7);
    const home = CITY_BY_KEY.get(u.cityKey)!;
    // Rounded up to the quarter hour, so the speed stays under 550 km/h whatever the home city.
    const flight = Math.max(10.5 * HOUR, Math.ceil((greatCircleKm(home, london) / 550) * 4) * (HOUR / 4));
    const t1 = t0 + flight;
    const hotel = ipf.v4In(london, rng, 'hotel');
    addQuiet(ctx, u.index, t0 - 12 * HOUR, t1 + 38 * HOUR);
    items.push({
      id: 'LA-10',
      kind: 'look-alike',
      pattern: 'plausible-flight',
      policy: 'none',
      alsoExpected: [],
      mustNotFire: ['impossible-travel', 'infrequent-country'],
      severity: null,
      title: `${u.name} flies ${CITY_BY_KEY.get(u.cityKey)!.name} → London`,
      description:
        `${u.name} signs in at home at 07:00 and from a London hotel ${flight / HOUR} hours later: far apart, ` +
        'but slower than a plane (< 900 km/h). The United Kingdom is used by well over 5 % of the organisation.',
      user: u.index,
      fixtures: [],
      window: [t0, t1 + 18.5 * HOUR],
      inject(ev) {
        ev.push(t0, T.login, u.index, u.index, u.homeIp, u.desktopUa, sso(u));
        ev.push(t0 + 15 * MIN, T.fileDownloaded, u.index, u.index, u.homeIp, u.desktopUa, file());
        ev.push(t1, T.login, u.index, u.index, hotel, u.desktopUa, sso(u));
        ev.push(t1 + 20 * MIN, T.fileDownloaded, u.index, u.index, hotel, u.desktopUa, file());
        ev.push(t1 + 17.5 * HOUR, T.login, u.index, u.index, hotel, u.desktopUa, sso(u));
      },
    });
  }
}

/** Great-circle distance between two cities, km (the demo stands apart from detect/geo.ts). */
function greatCircleKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}
