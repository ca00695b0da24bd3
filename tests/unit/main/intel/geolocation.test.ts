import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adaptRecord,
  normaliseIp,
  openGeolocation,
  radiusFromPrefix,
  type Geolocation,
} from '../../../../main/intel/geolocation';

let geo: Geolocation;
beforeAll(async () => {
  geo = await openGeolocation();
});
afterAll(() => geo.close());

describe('openGeolocation (bundled DB-IP City Lite)', () => {
  it('passes the sanity checks', () => {
    expect(geo.lookup('8.8.8.8')?.country).toBe('US');
    expect(geo.lookup('1.1.1.1')?.country).toBe('AU');
    const gb = geo.lookup('81.2.69.142');
    expect(gb?.country).toBe('GB');
    expect(gb?.city).toBe('London');
    expect(gb?.lat).toBeCloseTo(51.5, 0);
    expect(gb?.radiusKm).toBe(25);
    expect(gb?.prefixLength).toBeGreaterThanOrEqual(24);
  });

  it('routes IPv6 to the IPv6 file', () => {
    const fr = geo.lookup('2a01:e0a::1');
    expect(fr?.country).toBe('FR');
    const de = geo.lookup('2003::1');
    expect(de?.country).toBe('DE');
    // [bracketed] and zone ids are accepted.
    expect(geo.lookup('[2a01:e0a::1]')?.country).toBe('FR');
  });

  it('unwraps IPv4-mapped IPv6 addresses to IPv4', () => {
    expect(geo.lookup('::ffff:81.2.69.142')).toEqual(geo.lookup('81.2.69.142'));
    expect(geo.lookup('::ffff:5102:458e')).toEqual(geo.lookup('81.2.69.142'));
    expect(normaliseIp('::FFFF:8.8.8.8')).toEqual({ ip: '8.8.8.8', family: 4 });
  });

  it('returns null for garbage, private and unknown input', () => {
    for (const bad of [
      '',
      'garbage',
      '999.1.1.1',
      '1.2.3',
      '::g',
      '10.0.0.1',
      '127.0.0.1',
      '::1',
      'fe80::1',
      undefined as unknown as string,
      42 as unknown as string,
    ]) {
      expect(geo.lookup(bad)).toBeNull();
    }
  });

  it('shares the loaded files between handles', async () => {
    const t = Date.now();
    const second = await openGeolocation();
    expect(Date.now() - t).toBeLessThan(200);
    expect(second.lookup('1.1.1.1')?.country).toBe('AU');
    second.close();
    expect(second.lookup('1.1.1.1')).toBeNull();
    expect(geo.lookup('1.1.1.1')?.country).toBe('AU');
  });
});

describe('record adapter and radius', () => {
  it('reads DB-IP flat records', () => {
    const r = adaptRecord(
      { country_code: 'gb', state1: 'England', city: 'London', latitude: 51.5, longitude: -0.1 },
      24,
      4,
    );
    expect(r).toEqual({
      country: 'GB',
      city: 'London',
      region: 'England',
      lat: 51.5,
      lon: -0.1,
      radiusKm: 25,
      prefixLength: 24,
    });
  });

  it('reads MaxMind-style nested records', () => {
    const r = adaptRecord(
      {
        country: { iso_code: 'DE', names: { en: 'Germany' } },
        city: { names: { en: 'Berlin', de: 'Berlin' } },
        subdivisions: [{ names: { en: 'Land Berlin' } }],
        location: { latitude: 52.52, longitude: 13.4 },
      },
      18,
      4,
    );
    expect(r).toEqual({
      country: 'DE',
      city: 'Berlin',
      region: 'Land Berlin',
      lat: 52.52,
      lon: 13.4,
      radiusKm: 100,
      prefixLength: 18,
    });
    expect(adaptRecord({ registered_country: { iso_code: 'US' } }, 8, 4)?.country).toBe('US');
    expect(adaptRecord({}, 24, 4)).toBeNull();
    expect(adaptRecord(null, 24, 4)).toBeNull();
  });

  it('derives the radius from the prefix length', () => {
    expect(radiusFromPrefix(32, 4)).toBe(25);
    expect(radiusFromPrefix(24, 4)).toBe(25);
    expect(radiusFromPrefix(23, 4)).toBe(100);
    expect(radiusFromPrefix(16, 4)).toBe(100);
    expect(radiusFromPrefix(15, 4)).toBe(500);
    expect(radiusFromPrefix(48, 6)).toBe(25);
    expect(radiusFromPrefix(40, 6)).toBe(100);
    expect(radiusFromPrefix(32, 6)).toBe(500);
  });
});
