// The dashboard slice of the facade (main/console/dashboard-ops.ts) through dispatch: a real
// console on a temporary data dir with activities in the real store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../main/console/dispatch';
import { openConsole, type RunningConsole } from '../../../../main/console/open-console';
import type { StoredActivity } from '../../../../main/store/types';
import type { CountrySignIns } from '../../../../preload/contract';
import { tempDir } from '../../../support/cli';

let running: RunningConsole;
const at = (iso: string) => Date.parse(iso);

async function ok<T>(op: string, input?: unknown): Promise<T> {
  const r = await dispatch(running.api, op, input);
  if (!r.ok) throw new Error(`${op} failed: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

const activity = (id: string, iso: string, over: Partial<StoredActivity> = {}): StoredActivity => ({
  id,
  at: at(iso),
  type: 'login.success',
  event: 'LOGIN_SUCCESS',
  actor: 'ana@bw.example',
  target: null,
  ip: '145.1.1.1',
  country: 'NL',
  city: 'Amsterdam',
  lat: 52.37,
  lon: 4.9,
  radiusKm: 20,
  admin: false,
  impersonated: false,
  userAgent: null,
  summary: null,
  raw: {},
  ...over,
});

beforeAll(async () => {
  running = await openConsole({ shell: 'node', dataDir: tempDir('wg-dashboard-ops-') });
  await running.store.activities.append([
    activity('a', '2026-05-01T11:10:00Z'), // Chatham (UTC+12:45) 1 May 23:55
    activity('b', '2026-05-01T11:20:00Z'), // Chatham 2 May 00:05
    activity('c', '2026-05-01T12:00:00Z', { type: 'login.failure', country: 'SG', ip: '203.0.113.9' }),
    activity('d', '2026-05-01T12:30:00Z', { type: 'login.failure', country: 'SG', ip: '203.0.113.9' }),
    activity('e', '2026-05-01T13:00:00Z', { country: null, city: null, ip: null, lat: null, lon: null }),
    activity('f', '2026-05-01T13:30:00Z', { type: 'file.download' }),
  ]);
});
afterAll(async () => {
  await running?.close();
});

describe('dashboard', () => {
  it('counts activity per day in the time zone asked for, and says which zone', async () => {
    const since = at('2026-04-01T00:00:00Z');
    const chatham = await ok<{ timeZone: string; days: unknown[]; total: number }>('dashboard.activityByDay', {
      since,
      timeZone: 'Pacific/Chatham',
    });
    expect(chatham).toEqual({
      timeZone: 'Pacific/Chatham',
      days: [
        { day: '2026-05-01', count: 1 },
        { day: '2026-05-02', count: 5 },
      ],
      total: 6,
    });
    const utc = await ok<{ days: unknown[] }>('dashboard.activityByDay', { since, timeZone: 'UTC' });
    expect(utc.days).toEqual([{ day: '2026-05-01', count: 6 }]);
    const bad = await dispatch(running.api, 'dashboard.activityByDay', { since, timeZone: 'Mars/Base' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('invalid_input');
      expect(bad.error.message).toMatch(/not a time zone/);
    }
  });

  it('places sign-ins per country for the map, failed apart, and counts the unlocated', async () => {
    const r = await ok<{ countries: CountrySignIns[]; unlocated: number }>('dashboard.signInsByCountry', {
      since: at('2026-04-01T00:00:00Z'),
    });
    expect(r.countries).toEqual([
      { country: 'NL', numeric: '528', lat: expect.any(Number), lon: expect.any(Number), signIns: 2, failed: 0 },
      { country: 'SG', numeric: '702', lat: expect.any(Number), lon: expect.any(Number), signIns: 0, failed: 2 },
    ]);
    expect(r.unlocated).toBe(1);
    const later = await ok<{ countries: CountrySignIns[] }>('dashboard.signInsByCountry', {
      since: at('2026-05-01T12:15:00Z'),
    });
    expect(later.countries).toEqual([expect.objectContaining({ country: 'SG', signIns: 0, failed: 1 })]);
  });

  it('gives the all-stored totals', async () => {
    expect(await ok('dashboard.totals', {})).toEqual({
      activities: 6,
      users: 0,
      newestActivityAt: at('2026-05-01T13:30:00Z'),
    });
  });
});
