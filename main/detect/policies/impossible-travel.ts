// Impossible travel: two successful interactive activities of one user whose distance (minus both
// geolocation uncertainty radii) could not be covered at airliner speed in the time between them.
// Places that are not places (tunnels, hosting, admin-tagged VPN) never take part; neighbouring
// countries and office-to-office hops are left out below High sensitivity.
import { isSuccessfulInteractive } from '../activity-kinds';
import { countryShare, userLearning } from '../baseline';
import { greatCircleKm } from '../geo';
import { effectiveRadiusKm, isCorporate, isPlaceless } from '../ip-view';
import type { AnomalyPolicy } from '../types';
import { HOUR_MS, MINUTE_MS, threshold, thresholdSource } from '../types';
import { draft, who, whereOf } from './common';

const round = (x: number) => Math.round(x * 10) / 10;

export const impossibleTravel: AnomalyPolicy = {
  id: 'impossible-travel',
  name: 'Impossible travel',
  description:
    'Two successful activities of one user from places so far apart (distance minus both uncertainty ' +
    'radii) that the implied speed exceeds an airliner; never for tunnels, hosting networks or admin-tagged ' +
    'VPN ranges.',
  severity: 'High',
  mitre: 'Initial access',
  thresholds: {
    minDistanceKm: { Low: 800, Medium: 500, High: 300 },
    maxSpeedKmh: { Low: 1000, Medium: 900, High: 700 },
    /** 1: skip same and bordering countries. */
    skipBordering: { Low: 1, Medium: 1, High: 0 },
    /** 1: skip hops between two corporate ranges. */
    skipCorporate: { Low: 1, Medium: 1, High: 0 },
    /** Percent of colleagues using the destination that makes it "regular" (Low only; 101 = off). */
    regularDestinationPercent: { Low: 5, Medium: 101, High: 101 },
    /** Uncertainty of a mobile carrier's location (its national gateways). */
    mobileRadiusKm: { Low: 1000, Medium: 1000, High: 500 },
  },
  evaluate(a, ctx) {
    const prev = ctx.user.place;
    if (!isSuccessfulInteractive(a) || !prev || a.lat === null || a.lon === null) return null;
    if (userLearning(ctx.user, ctx.org, a.at) || a.ip === prev.ip || a.at < prev.at) return null;
    if (isPlaceless(ctx.facts).placeless) return null;
    // The earlier side is judged by what the admin has tagged now, too (a range added since).
    const prevFacts = ctx.intel.facts(prev.ip);
    if (isPlaceless(prevFacts).placeless) return null;
    const s = ctx.settings;
    const sameCountry = !!a.country && a.country === prev.country;
    const bordering = !!a.country && !!prev.country && !sameCountry && ctx.intel.bordering(a.country, prev.country);
    if (threshold(this, s, 'skipBordering') >= 1 && (sameCountry || bordering)) return null;
    const bothCorporate = isCorporate(ctx.facts) && isCorporate(prevFacts);
    if (threshold(this, s, 'skipCorporate') >= 1 && bothCorporate) return null;

    const mobileR = threshold(this, s, 'mobileRadiusKm');
    const r1 = effectiveRadiusKm(prevFacts, prev.radiusKm, mobileR);
    const r2 = effectiveRadiusKm(ctx.facts, a.radiusKm, mobileR);
    const greatCircle = greatCircleKm(prev.lat, prev.lon, a.lat, a.lon);
    const distance = Math.max(0, greatCircle - r1 - r2);
    const minDistance = threshold(this, s, 'minDistanceKm');
    if (distance < minDistance) return null;
    // Same-minute pairs would divide by zero; a minute is the audit log's useful precision.
    const hours = Math.max(a.at - prev.at, MINUTE_MS) / HOUR_MS;
    const speed = distance / hours;
    const maxSpeed = threshold(this, s, 'maxSpeedKmh');
    if (speed <= maxSpeed) return null;
    const regularPct = threshold(this, s, 'regularDestinationPercent');
    if (regularPct <= 100 && a.country) {
      const share = countryShare(ctx.org, a.country, a.at, ctx.person.key);
      if (share.share * 100 >= regularPct) return null;
    }
    const minutes = Math.round((a.at - prev.at) / MINUTE_MS);
    return draft(this, a, ctx, {
      key: `${prev.country ?? prev.ip}>${a.country ?? a.ip}`,
      title: `Impossible travel: ${whereOf(prev)} → ${whereOf(a)} in ${minutes} min (${who(ctx)})`,
      description:
        `${who(ctx)} was active from ${whereOf(prev)} (${prev.ip}) and ${minutes} minutes later from ` +
        `${whereOf(a)} (${a.ip}): ${Math.round(distance)} km apart after uncertainty, ${Math.round(speed)} km/h.`,
      activityIds: [prev.id, a.id],
      ips: [prev.ip, a.ip],
      countries: [prev.country, a.country],
      evidence: {
        from: {
          activityId: prev.id,
          at: prev.at,
          ip: prev.ip,
          country: prev.country,
          city: prev.city,
          lat: prev.lat,
          lon: prev.lon,
          radiusKm: r1,
        },
        to: {
          activityId: a.id,
          at: a.at,
          ip: a.ip,
          country: a.country,
          city: a.city,
          lat: a.lat,
          lon: a.lon,
          radiusKm: r2,
        },
        greatCircleKm: round(greatCircle),
        distanceMinusRadiiKm: round(distance),
        minutes,
        speedKmh: round(speed),
        minDistanceKm: minDistance,
        maxSpeedKmh: maxSpeed,
        source: thresholdSource(s, 'maxSpeedKmh'),
        sameCountry,
        bordering,
        bothCorporate,
      },
    });
  },
};
