import { describe, expect, it } from 'vitest';
import { openEnricher } from '../../../../main/detect/enrich';
import type { StoredActivity } from '../../../../main/store/types';

const activity = (ip: string | null): StoredActivity => ({
  id: 'x',
  at: 0,
  type: 'login.success',
  event: 'Logged in',
  actor: 'a',
  target: null,
  ip,
  country: null,
  city: null,
  lat: null,
  lon: null,
  radiusKm: null,
  admin: false,
  impersonated: false,
  userAgent: null,
  summary: null,
  raw: {},
});

describe('geo enrichment', () => {
  it('adds country, city, coordinates and radius from the bundled database', async () => {
    const enricher = await openEnricher();
    try {
      const a = enricher.enrich(activity('8.8.8.8'));
      expect(a.country).toBe('US');
      expect(typeof a.lat).toBe('number');
      expect(a.radiusKm).toBeGreaterThan(0);
      // Cached: the same answer again, and the same place through locate().
      expect(enricher.enrich(activity('8.8.8.8'))).toEqual(a);
      expect(enricher.locate('8.8.8.8')).toEqual({
        country: a.country,
        city: a.city,
        lat: a.lat,
        lon: a.lon,
        radiusKm: a.radiusKm,
      });
      expect(enricher.locate(null).country).toBeNull();
    } finally {
      enricher.close();
    }
  });
  it('leaves activities without a usable IP unlocated, never dropping them', async () => {
    const enricher = await openEnricher();
    try {
      expect(enricher.enrich(activity(null)).country).toBeNull();
      expect(enricher.enrich(activity('not-an-ip')).country).toBeNull();
      expect(enricher.enrich(activity('10.0.0.1')).country).toBeNull();
    } finally {
      enricher.close();
    }
  });
});
