// The activities slice of the facade (main/console/activity-ops.ts) through dispatch, so every
// input and answer is checked against the contract: a real console on a temporary data dir
// (real store files, the bundled ASN data, the admin's ranges), every filter held against a
// brute-force answer over the same activities.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../main/console/dispatch';
import { openConsole, type RunningConsole } from '../../../../main/console/open-console';
import { parseDevice } from '../../../../main/detect/device';
import type { StoredActivity } from '../../../../main/store/types';
import type { Activity, ActivityFilter } from '../../../../preload/contract';
import { act, user } from '../store/fixtures';
import { tempDir } from '../../../support/cli';

let running: RunningConsole;
const T0 = Date.UTC(2026, 10, 2, 9, 0);
const MIN = 60_000;

async function ok<T>(op: string, input?: unknown): Promise<T> {
  const r = await dispatch(running.api, op, input);
  if (!r.ok) throw new Error(`${op} failed: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}
async function refused(op: string, input: unknown) {
  const r = await dispatch(running.api, op, input);
  if (r.ok) throw new Error(`${op} was expected to fail`);
  return r.error;
}

const PEOPLE = [
  { id: '1001', name: 'Anna Smith', email: 'anna.smith@bw.example' },
  { id: '1002', name: 'Bruno Müller', email: 'bruno@bw.example' },
  { id: '1003', name: 'Chen Wei', email: 'chen.wei@bw.example' },
];
const IPS = ['8.8.8.8', '1.1.1.1', '203.0.113.5', '203.0.113.77', '2001:db8::1'];
const UAS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) ' +
    'Version/17.4 Mobile/15E148 Safari/604.1',
  'python-requests/2.31',
];
const TYPES: [string, string][] = [
  ['login.success', 'LOGIN_SUCCESS'],
  ['login.failure', 'LOGIN_FAILURE'],
  ['password.change', 'PASSWORD_CHANGE'],
  ['mfa.disable', 'TWO_FACTOR_DISABLE'],
  ['file.download', 'FILE_DOWNLOAD'],
];
const COUNTRIES = ['NL', 'US', 'DE', 'SG'];

const stored: StoredActivity[] = [];
for (let i = 0; i < 240; i++) {
  const p = PEOPLE[i % 3];
  const [type, event] = TYPES[i % 5];
  stored.push(
    act({
      id: `ops-${String(i).padStart(3, '0')}`,
      at: T0 - i * 7 * MIN,
      type,
      event,
      actor: i % 4 === 0 ? p.id : p.email,
      target: type === 'password.change' ? PEOPLE[(i + 1) % 3].email : null,
      ip: IPS[i % 5],
      country: COUNTRIES[i % 4],
      city: null,
      userAgent: UAS[i % 3],
      // As enrichment stores it (this test appends to the store directly).
      device: parseDevice(UAS[i % 3]),
      admin: i % 6 === 0,
      impersonated: i % 10 === 0,
      summary: i === 3 ? '=HYPERLINK("http://x.example","click")' : `${event} number ${i}`,
      details: type === 'file.download' ? { fileName: `Quarterly-report-${i}.xlsx` } : null,
    }),
  );
}

const brute = (keep: (a: StoredActivity) => boolean) => stored.filter(keep).map((a) => a.id);
async function ids(filter: ActivityFilter): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const page: { items: Activity[]; nextCursor: string | null } = await ok('activities.list', {
      filter,
      limit: 37,
      ...(cursor ? { cursor } : {}),
    });
    out.push(...page.items.map((a) => a.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}
const count = async (filter: ActivityFilter) =>
  (await ok<{ count: number }[]>('activities.countsByDay', { filter })).reduce((n, d) => n + d.count, 0);

beforeAll(async () => {
  running = await openConsole({ shell: 'node', dataDir: tempDir('wg-activity-ops-') });
  await running.store.users.upsertMany(PEOPLE.map((p) => user(p)));
  await running.store.activities.append(stored);
});
afterAll(async () => {
  await running?.close();
});

describe('activities: people by name, email or id', () => {
  const anna = (a: StoredActivity) =>
    a.actor === '1001' || a.actor === 'anna.smith@bw.example' || a.target === 'anna.smith@bw.example';
  it('finds a user by full name, by the start of it, and with a typo', async () => {
    const want = brute(anna);
    expect(want.length).toBeGreaterThan(0);
    expect(await ids({ user: 'Anna Smith' })).toEqual(want);
    expect(await ids({ user: 'ann smi' })).toEqual(want);
    expect(await ids({ user: 'Anna Smtih' })).toEqual(want);
    expect(await ids({ user: 'anna.sm' })).toEqual(want);
    expect(await ids({ user: '1001' })).toEqual(want);
  });
  it('folds accents and still finds nobody for a name nobody has', async () => {
    expect(await ids({ user: 'bruno muller' })).toEqual(
      brute((a) => a.actor === '1002' || a.actor === 'bruno@bw.example' || a.target === 'bruno@bw.example'),
    );
    expect(await ids({ user: 'Zoltan Kovacs' })).toEqual([]);
  });
});

describe('activities: types, countries, IPs, networks, devices, details', () => {
  it('matches several types at once, families included', async () => {
    const want = brute((a) => a.type.startsWith('login.') || a.type === 'password.change');
    expect(await ids({ types: ['login', 'password.change'] })).toEqual(want);
    expect(await count({ types: ['login', 'password.change'] })).toBe(want.length);
  });

  it('takes a country by name, alternative name or code, and refuses one that does not exist', async () => {
    const nl = brute((a) => a.country === 'NL');
    expect(await ids({ country: 'Netherlands' })).toEqual(nl);
    expect(await ids({ country: 'holland' })).toEqual(nl);
    expect(await ids({ country: 'nl' })).toEqual(nl);
    const e = await refused('activities.list', { filter: { country: 'Atlantis' } });
    expect(e.code).toBe('invalid_input');
    expect(e.message).toMatch(/No country is called “Atlantis”/);
  });

  it('matches an IP exactly, by prefix and by CIDR, and explains a malformed one', async () => {
    expect(await ids({ ip: '8.8.8.8' })).toEqual(brute((a) => a.ip === '8.8.8.8'));
    expect(await ids({ ip: '203.0.113' })).toEqual(brute((a) => a.ip!.startsWith('203.0.113.')));
    expect(await ids({ ip: '203.0.113.0/26' })).toEqual(brute((a) => a.ip === '203.0.113.5'));
    expect(await ids({ ip: '2001:db8::/32' })).toEqual(brute((a) => a.ip === '2001:db8::1'));
    expect(await ids({ ip: '2001:DB8:0::1' })).toEqual(brute((a) => a.ip === '2001:db8::1'));
    const e = await refused('activities.list', { filter: { ip: '203.0.113.0/99' } });
    expect(e).toMatchObject({ code: 'invalid_input' });
    expect(e.message).toMatch(/CIDR/);
  });

  it('matches the ASN and the IP category intel gives, following the admin’s ranges as they change', async () => {
    const google = await ok<Activity & { ipFacts: { asn: number | null } | null }>('activities.get', {
      id: stored.find((a) => a.ip === '8.8.8.8')!.id,
    });
    expect(google.ipFacts?.asn).toBe(15169);
    expect(await ids({ asn: 15169 })).toEqual(brute((a) => a.ip === '8.8.8.8'));
    expect(await ids({ ipCategory: 'risky' })).toEqual([]);
    await ok('ipRanges.add', { cidr: '203.0.113.64/26', category: 'Risky' });
    expect(await ids({ ipCategory: 'risky' })).toEqual(brute((a) => a.ip === '203.0.113.77'));
    expect(await ids({ ipCategory: 'risky', types: ['login'] })).toEqual(
      brute((a) => a.ip === '203.0.113.77' && a.type.startsWith('login.')),
    );
  });

  it('matches a device by type, OS, browser or user-agent text', async () => {
    expect(await ids({ device: 'mobile' })).toEqual(brute((a) => a.userAgent === UAS[1]));
    expect(await ids({ device: 'ios' })).toEqual(brute((a) => a.userAgent === UAS[1]));
    expect(await ids({ device: 'bot' })).toEqual(brute((a) => a.userAgent === UAS[2]));
    expect(await ids({ device: 'chrome', admin: true })).toEqual(brute((a) => a.userAgent === UAS[0] && a.admin));
  });

  it('free text finds the details lifted from extra_data', async () => {
    expect(await ids({ text: 'quarterly-report-4.' })).toEqual(brute((a) => a.id === 'ops-004'));
  });

  it('returns the normalised details and the IP’s facts with one activity', async () => {
    const a = await ok<Activity & { ipFacts: { range: { category: string } | null } | null }>('activities.get', {
      id: 'ops-004',
    });
    expect(a.details).toEqual({ fileName: 'Quarterly-report-4.xlsx' });
    expect(a.device).toMatchObject({ type: 'mobile', browser: 'Mobile Safari', os: 'iOS 17.4' });
    const risky = await ok<Activity & { ipFacts: { range: { category: string } | null } | null }>('activities.get', {
      id: stored.find((x) => x.ip === '203.0.113.77')!.id,
    });
    expect(risky.ipFacts?.range?.category).toBe('risky');
  });
});

describe('activities: export', () => {
  async function exportAll(format: 'csv' | 'json', filter: ActivityFilter, limit: number) {
    let text = '';
    let rows = 0;
    let calls = 0;
    let cursor: string | undefined;
    do {
      const page: { text: string; rows: number; nextCursor: string | null } = await ok('activities.exportPage', {
        filter,
        format,
        limit,
        ...(cursor ? { cursor } : {}),
      });
      text += page.text;
      rows += page.rows;
      calls++;
      cursor = page.nextCursor ?? undefined;
    } while (cursor && calls < 1000);
    return { text, rows, calls };
  }

  it('streams every matching row as CSV, in pages, with a header and spreadsheet-safe cells', async () => {
    const want = brute((a) => a.type.startsWith('login.') || a.type === 'file.download');
    const out = await exportAll('csv', { types: ['login', 'file'] }, 7);
    expect(out.rows).toBe(want.length);
    expect(out.calls).toBeGreaterThan(want.length / 7);
    const lines = out.text.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^time_utc,type,event,actor,target,ip,/);
    expect(lines).toHaveLength(want.length + 1);
    expect(lines.slice(1).map((l) => l.split(',').at(-1))).toEqual(want);
    const everything = await exportAll('csv', {}, 50);
    expect(everything.rows).toBe(stored.length);
    expect(everything.text).toContain(`"'=HYPERLINK(""http://x.example"",""click"")"`);
  });

  it('streams JSON that parses to exactly the matching activities; an empty export is an empty array', async () => {
    const out = await exportAll('json', { country: 'Germany' }, 11);
    const parsed = JSON.parse(out.text) as Activity[];
    expect(parsed.map((a) => a.id)).toEqual(brute((a) => a.country === 'DE'));
    expect(JSON.parse((await exportAll('json', { user: 'Zoltan Kovacs' }, 5)).text)).toEqual([]);
  });

  it('refuses a cursor it did not give out', async () => {
    const e = await refused('activities.exportPage', { format: 'csv', cursor: 'not-a-cursor' });
    expect(e.code).toBe('invalid_input');
  });
});
