// The dashboard's 30-day window is cut in the admin's time zone. Run under Pacific/Chatham
// (UTC+12:45/+13:45): a window computed in UTC would start 12¾ hours off and name other days.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  adminTimeZone,
  dashboardWindow,
  dayAsFilterRange,
  WINDOW_DAYS,
} from '../../../renderer/src/components/dashboard-window';

beforeEach(() => {
  vi.stubEnv('TZ', 'Pacific/Chatham');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('dashboardWindow', () => {
  it('starts at local midnight 29 days back and names local days', () => {
    expect(adminTimeZone()).toBe('Pacific/Chatham');
    // 2 May 2026 00:05 in Chatham is 1 May 11:20 UTC: "today" is already the 2nd there.
    const now = Date.parse('2026-05-01T11:20:00Z');
    const w = dashboardWindow(now);
    expect(w.to).toBe('2026-05-02');
    expect(w.from).toBe('2026-04-03');
    // 3 April 2026 is still Chatham daylight time (UTC+13:45, until 5 April): midnight is 10:15 UTC the day before.
    expect(new Date(w.since).toISOString()).toBe('2026-04-02T10:15:00.000Z');
    expect(w.timeZone).toBe('Pacific/Chatham');
    expect(WINDOW_DAYS).toBe(30);
  });

  it('turns a day back into a whole local day for the timeline', () => {
    const r = dayAsFilterRange('2026-05-02');
    expect(new Date(r.since).toISOString()).toBe('2026-05-01T11:15:00.000Z');
    expect(new Date(r.until).toISOString()).toBe('2026-05-02T11:14:59.999Z');
  });
});
