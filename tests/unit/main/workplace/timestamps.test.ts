import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../../../main/workplace/timestamps';

describe('parseTimestamp', () => {
  const at = Date.UTC(2026, 0, 31, 9, 15, 0);
  it('reads unix seconds as a number or a string', () => {
    expect(parseTimestamp(at / 1000)).toBe(at);
    expect(parseTimestamp(String(at / 1000))).toBe(at);
    expect(parseTimestamp(' 1769850900 ')).toBe(at);
  });
  it('reads milliseconds', () => {
    expect(parseTimestamp(at)).toBe(at);
  });
  it('reads ISO 8601 in Graph, Z and offset forms, and zone-less as UTC', () => {
    expect(parseTimestamp('2026-01-31T09:15:00+0000')).toBe(at);
    expect(parseTimestamp('2026-01-31T09:15:00Z')).toBe(at);
    expect(parseTimestamp('2026-01-31T10:15:00+01:00')).toBe(at);
    expect(parseTimestamp('2026-01-31T09:15:00')).toBe(at);
    expect(parseTimestamp('2026-01-31T09:15:00.000Z')).toBe(at);
  });
  it('returns null for garbage and missing values', () => {
    for (const v of [null, undefined, '', 'yesterday', {}, [], NaN, -5, true]) expect(parseTimestamp(v)).toBeNull();
  });
});
