import { describe, expect, it } from 'vitest';
import {
  countryName,
  dayKey,
  dayRange,
  describeUserAgent,
  formatDateTime,
  formatDuration,
  formatNumber,
  formatPlace,
  formatRelative,
  humanize,
  parseLocalDateTime,
} from '../../../renderer/src/format';

describe('renderer formatting', () => {
  it('shows an em dash for missing values instead of "Invalid Date" or NaN', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime(Number.NaN)).toBe('—');
    expect(formatNumber(undefined)).toBe('—');
    expect(formatRelative(null)).toBe('—');
    expect(formatDuration(-1)).toBe('—');
    expect(formatPlace(null, null)).toBe('—');
    expect(describeUserAgent(null)).toBe('—');
  });

  it('formats epoch ms in the local time zone', () => {
    const ms = Date.UTC(2026, 5, 12, 14, 3, 22);
    const local = new Date(ms);
    expect(formatDateTime(ms)).toContain(String(local.getFullYear()));
    expect(formatDateTime(ms)).toContain(String(local.getSeconds()).padStart(2, '0'));
  });

  it('formats durations for ETAs', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(45.4)).toBe('45 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(2 * 3600 + 600)).toBe('2 h 10 min');
    expect(formatDuration(3 * 86400 + 3600)).toBe('3 d 1 h');
  });

  it('formats relative times both ways', () => {
    const now = 1_000_000_000_000;
    expect(formatRelative(now - 10_000, now)).toBe('just now');
    // A clock that ticks once a second lags what just happened: two seconds ahead is still now.
    expect(formatRelative(now + 2_000, now)).toBe('just now');
    expect(formatRelative(now + 30_000, now)).toBe('in a moment');
    expect(formatRelative(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatRelative(now + 12 * 60_000, now)).toBe('in 12 min');
    expect(formatRelative(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(formatRelative(now - 4 * 86_400_000, now)).toBe('4 d ago');
  });

  it('fills day ranges without gaps, across month ends', () => {
    expect(dayRange('2026-01-30', '2026-02-02')).toEqual(['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-02']);
    expect(dayRange('2026-02-02', '2026-01-30')).toEqual([]);
    expect(dayRange('nonsense', '2026-01-30')).toEqual([]);
    expect(dayKey(Date.UTC(2026, 0, 31, 23, 59))).toBe('2026-01-31');
  });

  it('names countries and places', () => {
    expect(countryName('DE')).toBe('Germany');
    expect(countryName('zz')).toBeTypeOf('string');
    expect(formatPlace('de', 'Berlin')).toBe('Berlin, DE');
    expect(formatPlace('de', null)).toBe('DE');
  });

  it('humanizes raw names and user agents', () => {
    expect(humanize('LOGIN_FAILURE')).toBe('Login failure');
    expect(humanize('admin.activity')).toBe('Admin activity');
    expect(
      describeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36'),
    ).toBe('Chrome on Windows');
    expect(describeUserAgent('Workplace/412.0 (iPhone; iOS 17.4)')).toBe('iOS');
  });

  it('parses datetime-local values as local time', () => {
    expect(parseLocalDateTime('')).toBeUndefined();
    expect(parseLocalDateTime('garbage')).toBeUndefined();
    expect(parseLocalDateTime('2026-06-12T14:03')).toBe(new Date(2026, 5, 12, 14, 3).getTime());
  });
});
