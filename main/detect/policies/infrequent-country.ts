// Activity from infrequent country/region: a successful interactive activity from a country the
// user has not used in 90 days — and, below High sensitivity, that few colleagues use either.
// Tunnels and hosting networks carry no physical location, so they never count as a country.
import { isSuccessfulInteractive } from '../activity-kinds';
import { COUNTRY_HORIZON_MS, countryShare, orgLearning, userLearning } from '../baseline';
import { isPlaceless } from '../ip-view';
import type { AnomalyPolicy } from '../types';
import { threshold, thresholdSource } from '../types';
import { draft, who, whereOf } from './common';

export const infrequentCountry: AnomalyPolicy = {
  id: 'infrequent-country',
  name: 'Activity from infrequent country/region',
  description:
    'Successful activity from a country the user has not used in the last 90 days and, at Low or Medium ' +
    'sensitivity, that at least 5% of the organisation has not used in 30 days either.',
  severity: 'Medium',
  mitre: 'Initial access',
  thresholds: {
    /** Share of the organisation (percent) at which a country is common; 101 = never (High). */
    orgSharePercent: { Low: 5, Medium: 5, High: 101 },
  },
  evaluate(a, ctx) {
    if (!isSuccessfulInteractive(a) || !a.country) return null;
    if (userLearning(ctx.user, ctx.org, a.at) || isPlaceless(ctx.facts).placeless) return null;
    // A user seen so far only through tunnels or hosting networks has no places to compare with:
    // their first located activity starts the baseline rather than contradicting it.
    if (Object.keys(ctx.user.countries).length === 0) return null;
    const lastThere = ctx.user.countries[a.country];
    if (lastThere !== undefined && lastThere > a.at - COUNTRY_HORIZON_MS) return null;
    const sharePct = threshold(this, ctx.settings, 'orgSharePercent');
    const org = countryShare(ctx.org, a.country, a.at, ctx.person.key);
    const orgReady = !orgLearning(ctx.org, a.at);
    if (sharePct <= 100 && orgReady && org.share * 100 >= sharePct) return null;
    const known = Object.keys(ctx.user.countries).sort();
    return draft(this, a, ctx, {
      key: a.country,
      title: `Activity from an infrequent country (${a.country}) by ${who(ctx)}`,
      description:
        `${who(ctx)} ${a.type} from ${whereOf(a)} (${a.ip}); in the last 90 days they used ` +
        `${known.length ? known.join(', ') : 'no other country'}, and ${org.users} of ${org.active} ` +
        `active colleagues used ${a.country} in 30 days.`,
      evidence: {
        country: a.country,
        userCountries90d: known,
        lastUsedHere: lastThere ?? null,
        orgUsers30d: org.users,
        orgActiveUsers30d: org.active,
        orgSharePercent: Math.round(org.share * 1000) / 10,
        orgShareThresholdPercent: sharePct,
        orgCheckApplied: sharePct <= 100 && orgReady,
        source: thresholdSource(ctx.settings, 'orgSharePercent'),
      },
    });
  },
};
