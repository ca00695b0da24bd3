// Store benchmark: synthesises a realistic organisation (≈10k users, 90 days, ~20 countries,
// tens of thousands of IPs) straight into the store — no demo server — and prints append
// throughput, size on disk, open → first page, filtered page latencies, counts, summary time
// and peak RSS for each size, then how each figure grows from the smallest to the largest size.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../main/store/index';
import type { IndexedActivityStore } from '../../main/store/activity-store';
import type { StoredActivity, StoredUser } from '../../main/store/types';
import type { StoreActivityFilter } from '../../main/store/query';
import { seededRandom } from '../support/random';

const DAY = 86_400_000;
const USERS = 10_000;
const DAYS = 90;
const BATCH = 1_000; // one audit-log page
const OVERLAP = 25; // events re-sent from the previous page, as a resumed sync does

const COUNTRIES: [string, string[]][] = [
  ['FR', ['Paris', 'Lyon']],
  ['US', ['New York', 'Seattle', 'Austin']],
  ['GB', ['London', 'Leeds']],
  ['DE', ['Berlin', 'Munich']],
  ['IE', ['Dublin']],
  ['ES', ['Madrid', 'Barcelona']],
  ['IT', ['Milan', 'Rome']],
  ['NL', ['Amsterdam']],
  ['BE', ['Brussels']],
  ['PL', ['Warsaw']],
  ['SE', ['Stockholm']],
  ['IN', ['Bangalore', 'Mumbai']],
  ['SG', ['Singapore']],
  ['JP', ['Tokyo']],
  ['BR', ['Sao Paulo']],
  ['CA', ['Toronto']],
  ['AU', ['Sydney']],
  ['MX', ['Mexico City']],
  ['ZA', ['Cape Town']],
  ['NG', ['Lagos']],
];
const TYPES: [string, string, number][] = [
  ['login.success', 'Logged in', 50],
  ['logout', 'Logged out', 15],
  ['login.failure', 'Login Failed', 8],
  ['file.download', 'file download', 8],
  ['file.upload', 'file upload', 6],
  ['mfa.failure', 'Two-Factor Code Entry Failed', 2],
  ['password.change', 'Password Changed', 2],
  ['password.reset', 'Password Reset Succeeded', 1],
  ['mfa.enable', 'Two-Factor Authentication Enabled', 1],
  ['admin.role.assign', 'New role assigned', 1],
  ['account.deactivate', 'Account Deactivated', 1],
  ['logout.forced', 'Forced Logout', 1],
  ['integration.installed', 'integration installed', 1],
  ['other', 'SSO Reauthentication', 3],
];
const FIRST = [
  'alice',
  'bob',
  'chloe',
  'david',
  'emma',
  'farid',
  'grace',
  'hugo',
  'ines',
  'jon',
  'kim',
  'leo',
  'mia',
  'noah',
  'olga',
  'paul',
];
const LAST = [
  'martin',
  'smith',
  'garcia',
  'muller',
  'rossi',
  'kowalski',
  'tanaka',
  'silva',
  'brown',
  'dubois',
  'lee',
  'ng',
];
const BROWSERS = ['Chrome/124.0', 'Firefox/125.0', 'Safari/17.4', 'Edg/124.0', 'Workplace/445.0'];
const OSES = [
  'Windows NT 10.0; Win64; x64',
  'Macintosh; Intel Mac OS X 14_4',
  'X11; Linux x86_64',
  'iPhone; CPU iPhone OS 17_4',
  'Linux; Android 14',
];

/** Small deterministic PRNG so every run measures the same data. */
export const rng = seededRandom;

interface SynthUser {
  id: string;
  email: string;
  name: string;
  country: number;
  ips: string[];
  ua: string[];
}

export function synthUsers(rand: () => number): SynthUser[] {
  const users: SynthUser[] = [];
  for (let i = 0; i < USERS; i++) {
    const first = FIRST[i % FIRST.length];
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length];
    const country = rand() < 0.6 ? Math.floor(rand() * 4) : Math.floor(rand() * COUNTRIES.length);
    const ipCount = 1 + Math.floor(rand() * 4);
    const ips = Array.from(
      { length: ipCount },
      () =>
        `${10 + Math.floor(rand() * 200)}.${Math.floor(rand() * 256)}.` +
        `${Math.floor(rand() * 256)}.${1 + Math.floor(rand() * 254)}`,
    );
    const ua = Array.from(
      { length: 1 + Math.floor(rand() * 2) },
      () => `Mozilla/5.0 (${OSES[Math.floor(rand() * OSES.length)]}) ${BROWSERS[Math.floor(rand() * BROWSERS.length)]}`,
    );
    users.push({
      id: String(100000000000000 + i * 7919),
      email: `${first}.${last}${i}@example.com`,
      name: `${first} ${last} ${i}`,
      country,
      ips,
      ua,
    });
  }
  return users;
}

function pickType(rand: () => number): [string, string] {
  const total = TYPES.reduce((n, t) => n + t[2], 0);
  let x = rand() * total;
  for (const t of TYPES) if ((x -= t[2]) < 0) return [t[0], t[1]];
  return [TYPES[0][0], TYPES[0][1]];
}

/** Newest-first pages of synthetic activities, like a first sync reading the audit log. */
export function* pages(
  total: number,
  users: SynthUser[],
  end: number,
  rand: () => number,
): Generator<StoredActivity[]> {
  const span = DAYS * DAY;
  const step = span / total;
  let k = 0;
  let prevTail: StoredActivity[] = [];
  while (k < total) {
    const page: StoredActivity[] = [...prevTail];
    const n = Math.min(BATCH, total - k);
    for (let j = 0; j < n; j++, k++) {
      const at = Math.floor(end - k * step - rand() * step);
      const u = users[Math.floor(rand() ** 1.3 * users.length)];
      const [type, event] = pickType(rand);
      const travelling = rand() < 0.03;
      const c = travelling ? Math.floor(rand() * COUNTRIES.length) : u.country;
      const ip = travelling
        ? `${1 + Math.floor(rand() * 220)}.${Math.floor(rand() * 256)}.` +
          `${Math.floor(rand() * 256)}.${1 + Math.floor(rand() * 254)}`
        : u.ips[Math.floor(rand() * u.ips.length)];
      const ua = u.ua[Math.floor(rand() * u.ua.length)];
      const admin = type.startsWith('admin.') || type === 'account.deactivate' || type === 'logout.forced';
      const target = admin ? users[Math.floor(rand() * users.length)].email : null;
      const city = COUNTRIES[c][1][Math.floor(rand() * COUNTRIES[c][1].length)];
      const id = String(7000000000000000 + k * 13 + Math.floor(rand() * 13));
      const summary = target
        ? `${u.name} ${event.toLowerCase()} for ${target}`
        : `${u.name} ${event.toLowerCase()} from ${city}`;
      page.push({
        id,
        at,
        type,
        event,
        actor: u.email,
        target,
        ip,
        country: COUNTRIES[c][0],
        city,
        lat: 40 + rand() * 10,
        lon: rand() * 10,
        radiusKm: 25,
        admin,
        impersonated: admin && rand() < 0.05,
        userAgent: ua,
        summary,
        raw: {
          id,
          timestamp: new Date(at).toISOString(),
          event_id: Math.floor(rand() * 1e6),
          event,
          ip_address: ip,
          useragent: ua,
          actor_username: u.email,
          target_username: target,
          extra_data: { summary, session: Math.floor(rand() * 1e9).toString(36) },
        },
      });
    }
    prevTail = page.slice(-OVERLAP);
    yield page;
  }
}

function diskSize(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    n += e.isDirectory() ? diskSize(p) : fs.statSync(p).size;
  }
  return n;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const ms = (x: number) => `${x.toFixed(1)} ms`;

class RssSampler {
  peak = 0;
  private timer: NodeJS.Timeout;
  constructor() {
    this.sample();
    this.timer = setInterval(() => this.sample(), 20);
  }
  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
  }
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}

interface SizeResult {
  events: number;
  appendRate: number;
  disk: number;
  openFirstPage: number;
  open: number;
  filters: Record<string, { p50: number; p95: number }>;
  countsByDay: number;
  countsByDayFiltered: number;
  countsByType: number;
  summary: number;
  indexBytes: number;
  peakRss: number;
}

async function benchOne(events: number, report: (line: string) => void): Promise<SizeResult> {
  (globalThis as { gc?: () => void }).gc?.();
  const rss = new RssSampler();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-bench-store-'));
  const rand = rng(42);
  const users = synthUsers(rand);
  const end = Date.UTC(2024, 5, 30);
  try {
    let store = await openStore(dir);
    await store.users.upsertMany(
      users.map<StoredUser>((u) => ({
        id: u.id,
        email: u.email,
        name: u.name,
        title: null,
        department: COUNTRIES[u.country][0],
        active: true,
        admin: false,
        claimed: true,
        authMethod: 'sso',
        termDate: null,
        managerId: null,
        raw: {},
      })),
    );
    let appendMs = 0;
    let added = 0;
    for (const page of pages(events, users, end, rand)) {
      const t = performance.now();
      const r = await store.activities.append(page);
      appendMs += performance.now() - t;
      added += r.added;
      rss.sample();
    }
    if (added !== events) throw new Error(`expected ${events} new activities, store added ${added}`);
    await store.close();
    const disk = diskSize(dir);
    (globalThis as { gc?: () => void }).gc?.();

    const t0 = performance.now();
    store = await openStore(dir);
    const tOpen = performance.now() - t0;
    const first = await store.activities.query({}, null, 50);
    const openFirstPage = performance.now() - t0;
    if (first.items.length !== 50 || store.activities.count() !== events) throw new Error('store reopened incomplete');

    const q = rng(7);
    const pickUser = () => users[Math.floor(q() ** 1.3 * users.length)];
    const sample: Record<string, () => StoreActivityFilter> = {
      user: () => ({ user: pickUser().email }),
      'user (by id)': () => ({ user: pickUser().id }),
      type: () => ({ type: ['login', 'password.change', 'file', 'admin', 'mfa.failure'][Math.floor(q() * 5)] }),
      country: () => ({ country: COUNTRIES[Math.floor(q() * COUNTRIES.length)][0].toLowerCase() }),
      ip: () => ({ ip: pickUser().ips[0] }),
      text: () => ({
        text: ['stockholm', 'grace', 'password', 'forced', '.example.com', 'lagos'][Math.floor(q() * 6)],
      }),
      'text (rare)': () => ({
        text: `${pickUser().name.split(' ')[0]} ${pickUser().name.split(' ')[1]} ${Math.floor(q() * USERS)}`,
      }),
      combined: () => ({
        type: 'login',
        country: COUNTRIES[Math.floor(q() * COUNTRIES.length)][0],
        admin: false,
        since: end - 30 * DAY,
      }),
      admin: () => ({ admin: true, impersonated: q() < 0.5 }),
      // The timeline's own filters (issue 11): several types, an address range, a name's start, new countries.
      types: () => ({ types: ['login.failure', 'mfa', 'password'] }),
      'ip (CIDR)': () => ({ ip: `${pickUser().ips[0].split('.').slice(0, 2).join('.')}.0.0/16` }),
      'user (prefix)': () => ({ user: pickUser().email.slice(0, 4), personPrefix: true }),
      'new country': () => ({ newCountry: true, since: end - 30 * DAY }),
    };
    const filters: SizeResult['filters'] = {};
    for (const [name, make] of Object.entries(sample)) {
      const times: number[] = [];
      for (let i = 0; i < 60; i++) {
        const filter = make();
        const t = performance.now();
        const page = await store.activities.query(filter, null, 50);
        times.push(performance.now() - t);
        if (page.nextCursor && i % 3 === 0) {
          // Second pages too: keyset continuation must cost the same as the first page.
          const t2 = performance.now();
          await store.activities.query(filter, page.nextCursor, 50);
          times.push(performance.now() - t2);
        }
      }
      times.sort((a, b) => a - b);
      filters[name] = { p50: pct(times, 50), p95: pct(times, 95) };
      rss.sample();
    }
    const timeIt = async (fn: () => Promise<unknown>, n = 10) => {
      const ts: number[] = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        await fn();
        ts.push(performance.now() - t);
      }
      return ts.sort((a, b) => a - b)[Math.floor(n / 2)];
    };
    const countsByDay = await timeIt(() => store.activities.countsByDay({}));
    const countsByDayFiltered = await timeIt(() =>
      store.activities.countsByDay({ type: 'login.failure', country: 'fr' }),
    );
    const countsByType = await timeIt(() => store.activities.countsByType({}));
    const summary = await timeIt(() => store.activities.summaryForUser({ id: pickUser().id, email: pickUser().email }));
    const indexBytes = (store.activities as IndexedActivityStore).indexBytes();
    await store.close();
    const peakRss = rss.stop();
    const r: SizeResult = {
      events,
      appendRate: events / (appendMs / 1000),
      disk,
      open: tOpen,
      openFirstPage,
      filters,
      countsByDay,
      countsByDayFiltered,
      countsByType,
      summary,
      indexBytes,
      peakRss,
    };
    report(
      `-- ${events.toLocaleString('en')} events (${USERS.toLocaleString('en')} users, ${DAYS} days, ` +
        `pages of ${BATCH} with ${OVERLAP} re-sent) --`,
    );
    report(`append: ${Math.round(r.appendRate).toLocaleString('en')} events/s (${(appendMs / 1000).toFixed(1)} s)`);
    report(`on disk: ${mb(disk)} (${(disk / events).toFixed(0)} B/event)`);
    report(`open → first timeline page: ${ms(openFirstPage)} (open ${ms(tOpen)})   target ≤ 1500 ms`);
    for (const [name, v] of Object.entries(filters))
      report(
        `filtered page, ${name.padEnd(13)} p50 ${ms(v.p50).padStart(9)}  ` +
          `p95 ${ms(v.p95).padStart(9)}   target p95 ≤ 50 ms`,
      );
    report(
      `counts per day: ${ms(countsByDay)} (filtered ${ms(countsByDayFiltered)}); ` +
        `counts per type: ${ms(countsByType)}; user summary: ${ms(summary)}`,
    );
    report(
      `index in memory: ${mb(indexBytes)} (${(indexBytes / events).toFixed(0)} B/event); ` +
        `peak RSS: ${mb(peakRss)}   target ≤ 1024 MB`,
    );
    return r;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchStore(report: (line: string) => void, opts: { events?: number[] } = {}): Promise<void> {
  const sizes = opts.events ?? [100_000, 500_000, 2_000_000];
  const results: SizeResult[] = [];
  for (const n of sizes) results.push(await benchOne(n, report));
  if (results.length < 2) return;
  const a = results[0];
  const b = results[results.length - 1];
  const x = (from: number, to: number) => `${(to / from).toFixed(1)}×`;
  const worst = (r: SizeResult) => Math.max(...Object.values(r.filters).map((f) => f.p95));
  report(
    `-- growth ${a.events.toLocaleString('en')} → ${b.events.toLocaleString('en')} events ` +
      `(${x(a.events, b.events)} the data) --`,
  );
  report(
    `append rate ${x(a.appendRate, b.appendRate)}; disk ${x(a.disk, b.disk)}; ` +
      `open → first page ${x(a.openFirstPage, b.openFirstPage)}; ` +
      `worst filtered p95 ${x(worst(a), worst(b))} (${ms(worst(a))} → ${ms(worst(b))})`,
  );
  report(
    `counts per day ${x(a.countsByDay, b.countsByDay)}; user summary ${x(a.summary, b.summary)}; ` +
      `index memory ${x(a.indexBytes, b.indexBytes)}; ` +
      `peak RSS ${x(a.peakRss, b.peakRss)} (${mb(a.peakRss)} → ${mb(b.peakRss)})`,
  );
}

// Run directly: `node --import tsx --expose-gc tests/bench/store.ts [events...]`
if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  await benchStore((l) => process.stdout.write(`${l}\n`), sizes.length ? { events: sizes } : {});
}
