// The incidents and look-alikes detection is evaluated on: every one points at real events and
// names the policy it tests, and each precision case (unlisted spray, late event, VPN-tagged
// hops, mobile-carrier hops, plausible flight) exists, with numbers that clearly cross (attacks)
// or clearly stay inside (look-alikes) the thresholds of detections.md — for three seeds.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventFormatter } from '../../../../main/demo/event-format';
import {
  DEFAULT_SEED,
  generateOrganisation,
  writeIncidents,
  type IncidentsDocument,
} from '../../../../main/demo/index';
import { indexOfEventId } from '../../../../main/demo/ids';
import { BLOCKLIST_NETSET, TOR_EXITS } from '../../../../main/demo/scenario';
import type { Incident, Organisation } from '../../../../main/demo/types';
import { bordering } from '../../../../main/intel/borders';
import { openGeolocation, type Geolocation } from '../../../../main/intel/geolocation';
import { EVAL_SEEDS } from '../../../eval/seeds';
import { NOW } from './helpers';

const POLICIES = [
  'impossible-travel',
  'infrequent-country',
  'anonymous-ip',
  'suspicious-ip',
  'terminated-user',
  'failed-logins',
  'unusual-admin',
  'unusual-impersonation',
];
const NEW_PATTERNS = [
  'password-spray-unlisted',
  'late-event',
  'vpn-tagged-hops',
  'mobile-carrier-hops',
  'plausible-flight',
] as const;
const LOGIN = 0;
const LOGIN_FAILED = 1;

let geo: Geolocation;
const orgs = new Map<string, Organisation>();
beforeAll(async () => {
  geo = await openGeolocation();
  for (const seed of EVAL_SEEDS)
    orgs.set(seed, generateOrganisation({ users: 300, days: 30, seed, now: NOW, geolocation: geo }));
});
afterAll(() => geo.close());

function haversine(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lon2 - lon1) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** A view of one organisation's events by public id, with the time each really happened. */
function view(org: Organisation) {
  const s = org.store;
  const fmt = new EventFormatter(org);
  const idx = (id: string) => indexOfEventId(org.idPrefix, id)!;
  const occurred = (i: number) => Number(JSON.parse(fmt.eventJson(i, null, 'unix')).timestamp);
  const place = (i: number) => geo.lookup(s.ips.values[s.ip[i]])!;
  /** Distance minus both radii (km) and the implied speed (km/h) between two events. */
  const travel = (a: number, b: number) => {
    const [p, q] = [place(a), place(b)];
    const km = haversine(p.lat!, p.lon!, q.lat!, q.lon!) - p.radiusKm - q.radiusKm;
    return { km, kmh: km / (Math.abs(occurred(b) - occurred(a)) / 3600), from: p.country, to: q.country };
  };
  return { s, idx, occurred, place, travel };
}

const byPattern = (org: Organisation, p: Incident['pattern']) => org.incidents.filter((i) => i.pattern === p);

function inNetset(ip: string): boolean {
  const n = (a: string) => a.split('.').reduce((x, y) => x * 256 + Number(y), 0);
  return BLOCKLIST_NETSET.filter((l) => /^\d/.test(l)).some((cidr) => {
    const [base, bits] = cidr.split('/');
    const size = 2 ** (32 - Number(bits));
    return Math.floor(n(ip) / size) === Math.floor(n(base) / size);
  });
}

describe.each([...EVAL_SEEDS])('scenario for seed %s', (seed) => {
  it('names, for every incident, its policy, user and existing events; look-alikes name what must not fire', () => {
    const org = orgs.get(seed)!;
    const { s, idx } = view(org);
    for (const inc of org.incidents) {
      expect(inc.eventIds.length, inc.id).toBeGreaterThan(0);
      for (const id of inc.eventIds) {
        const i = idx(id);
        expect(i, `${inc.id} ${id}`).not.toBeNull();
        expect(i).toBeLessThan(s.length);
      }
      for (const p of [...inc.alsoExpected, ...inc.mustNotFire]) expect(POLICIES, inc.id).toContain(p);
      if (inc.kind === 'attack') {
        expect(POLICIES, inc.id).toContain(inc.policy);
        expect(inc.user, inc.id).not.toBeNull();
        expect(org.usersById.has(inc.user!.id)).toBe(true);
      } else {
        expect(inc.policy).toBe('none');
        expect(inc.mustNotFire.length, inc.id).toBeGreaterThan(0);
      }
    }
    for (const p of NEW_PATTERNS) expect(byPattern(org, p).length, p).toBeGreaterThan(0);
  });

  it('sprays from an unlisted address: ≥ 10 users failed within the hour before its success', () => {
    const org = orgs.get(seed)!;
    const { s, idx } = view(org);
    const [inc] = byPattern(org, 'password-spray-unlisted');
    expect(inc.policy).toBe('suspicious-ip');
    expect(inc.mustNotFire).toContain('failed-logins');
    const events = inc.eventIds.map(idx);
    const success = events.find((i) => s.type[i] === LOGIN && org.users[s.actor[i]].id === inc.user!.id)!;
    const ip = s.ips.values[s.ip[success]];
    expect(TOR_EXITS).not.toContain(ip);
    expect(inNetset(ip)).toBe(false);
    const failures = events.filter((i) => s.type[i] === LOGIN_FAILED && s.ip[i] === s.ip[success]);
    const withinHour = failures.filter((i) => s.ts[i] < s.ts[success] && s.ts[success] - s.ts[i] <= 3600);
    expect(new Set(withinHour.map((i) => s.target[i])).size).toBeGreaterThanOrEqual(10);
    // One try per account: no single user sees a failed-login burst.
    expect(new Set(failures.map((i) => s.target[i])).size).toBe(failures.length);
  });

  it('delivers an impossible-travel leg late, with a creation time older than events already in the feed', () => {
    const org = orgs.get(seed)!;
    const { s, idx, occurred, travel } = view(org);
    const [inc] = byPattern(org, 'late-event');
    expect(inc.policy).toBe('impossible-travel');
    expect(inc.late.length).toBeGreaterThan(0);
    for (const l of inc.late) {
      const i = idx(l.eventId);
      expect(occurred(i) * 1000).toBe(l.occurredAt);
      expect(s.ts[i] * 1000).toBe(l.deliveredAt);
      expect(l.deliveredAt - l.occurredAt).toBeGreaterThanOrEqual(2 * 3600_000);
    }
    const logins = inc.eventIds.map(idx).filter((i) => s.type[i] === LOGIN);
    const lateLogin = logins.find((i) => inc.late.some((l) => idx(l.eventId) === i))!;
    // Earlier in the feed than the late login, yet newer: the user's next sign-in at home.
    const overtaken = logins.filter((i) => i < lateLogin && occurred(i) > occurred(lateLogin));
    expect(overtaken.length).toBeGreaterThan(0);
    const before = logins.filter((i) => occurred(i) < occurred(lateLogin)).at(-1)!;
    const t = travel(before, lateLogin);
    expect(t.km).toBeGreaterThan(500);
    expect(t.kmh).toBeGreaterThan(900);
  });

  it('hops through a corporate VPN range the eval registers: impossible unless the range is tagged VPN', () => {
    const org = orgs.get(seed)!;
    const { s, idx, travel } = view(org);
    const [inc] = byPattern(org, 'vpn-tagged-hops');
    expect(inc.mustNotFire).toEqual(expect.arrayContaining(['impossible-travel', 'infrequent-country']));
    expect(inc.ranges).toHaveLength(1);
    expect(inc.ranges[0].category).toBe('VPN');
    expect(org.fixtures.corporateVpnRanges).toContain(inc.ranges[0].cidr);
    const prefix = inc.ranges[0].cidr.split('.').slice(0, 3).join('.') + '.';
    const inRange = (i: number) => {
      const ip = s.ips.values[s.ip[i]];
      const host = Number(ip.split('.')[3]);
      return ip.startsWith(prefix) && host >= 32 && host < 48;
    };
    const logins = inc.eventIds.map(idx).filter((i) => s.type[i] === LOGIN);
    const vpnLeg = logins.find(inRange)!;
    const homeLeg = logins.filter((i) => i < vpnLeg && !inRange(i)).at(-1)!;
    const t = travel(homeLeg, vpnLeg);
    expect(t.km).toBeGreaterThan(500);
    expect(t.kmh).toBeGreaterThan(900);
    // Nobody else's traffic comes from the range: tagging it changes only this look-alike.
    for (let i = 0; i < s.length; i++) if (inRange(i)) expect(org.users[s.actor[i]].id).toBe(inc.user!.id);
  });

  it("hops a phone between bordering countries' carriers the user has used since the first days", () => {
    const org = orgs.get(seed)!;
    const { s, idx, occurred, place } = view(org);
    const [inc] = byPattern(org, 'mobile-carrier-hops');
    const user = org.users.find((u) => u.id === inc.user!.id)!;
    expect(inc.mustNotFire).toEqual(expect.arrayContaining(['impossible-travel', 'infrequent-country']));
    const logins = inc.eventIds.map(idx).filter((i) => s.type[i] === LOGIN);
    const abroad = logins.filter((i) => place(i).country !== user.country);
    expect(abroad.length).toBeGreaterThanOrEqual(2);
    for (const i of abroad) {
      expect(bordering(user.country, place(i).country), place(i).country).toBe(true);
      const p = place(i);
      const home = place(logins.find((j) => place(j).country === user.country)!);
      expect(haversine(p.lat!, p.lon!, home.lat!, home.lon!)).toBeLessThan(1200);
      // Habitual: the same carrier country seen during the 7-day learning period.
      const firstSeen = Math.min(...abroad.filter((j) => place(j).country === p.country).map(occurred));
      expect(firstSeen - org.startSec).toBeLessThan(7 * 86400);
    }
  });

  it('flies far but plausibly: < 900 km/h between countries ≥ 3,000 km apart', () => {
    const org = orgs.get(seed)!;
    const { s, idx, occurred, travel } = view(org);
    const flights = byPattern(org, 'plausible-flight');
    expect(flights.length).toBeGreaterThanOrEqual(2);
    for (const inc of flights) {
      expect(inc.mustNotFire).toContain('impossible-travel');
      const logins = inc.eventIds
        .map(idx)
        .filter((i) => s.type[i] === LOGIN)
        .sort((a, b) => occurred(a) - occurred(b));
      const hops = logins.slice(1).map((b, k) => travel(logins[k], b));
      const far = hops.filter((h) => h.from !== h.to);
      expect(far.length, inc.id).toBeGreaterThan(0);
      for (const h of far) {
        expect(h.km).toBeGreaterThan(3000);
        expect(h.kmh).toBeLessThan(700);
      }
    }
  });
});

describe('incidents.json', () => {
  it('carries pattern, ranges and late deliveries, and writes the corporate VPN range fixture', () => {
    const org = orgs.get(DEFAULT_SEED)!;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wg-incidents-'));
    try {
      const { path: file } = writeIncidents(org, dir);
      const doc = JSON.parse(readFileSync(file, 'utf8')) as IncidentsDocument;
      expect(doc.incidents).toEqual(org.incidents);
      const fixture = readFileSync(doc.fixtures.corporateVpnRanges, 'utf8');
      expect(doc.fixtures.corporateVpnCidrs.length).toBeGreaterThan(0);
      for (const cidr of doc.fixtures.corporateVpnCidrs) expect(fixture.split('\n')).toContain(cidr);
      const late = doc.incidents.find((i) => i.pattern === 'late-event')!;
      expect(late.late[0]).toEqual({
        eventId: expect.any(String),
        occurredAt: expect.any(Number),
        deliveredAt: expect.any(Number),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
