// The dashboard slice of the facade: activity per day in the admin's time zone, sign-ins per
// country placed for the offline world map, the store's all-time totals (so a 30-day figure is
// never mistaken for everything stored).
import type { ConsoleApi, CountrySignIns } from '../../preload/contract';
import { countryPlace } from '../intel/country-places';
import { GuardError } from '../runtime/errors';
import { isKnownTimeZone } from '../store/local-day';
import type { Store } from '../store/types';

const SIGN_IN = 'login.success';
const FAILED_SIGN_IN = 'login.failure';

export function dashboardApi(store: Store): ConsoleApi['dashboard'] {
  return {
    async activityByDay({ since, until, timeZone }) {
      if (!isKnownTimeZone(timeZone)) {
        throw new GuardError(
          'invalid_input',
          `“${timeZone.slice(0, 64)}” is not a time zone this computer knows; ` +
            'use an IANA name such as Europe/Amsterdam.',
        );
      }
      const days = await store.activities.countsByLocalDay(
        { since, ...(until !== undefined ? { until } : {}) },
        timeZone,
      );
      return { timeZone, days, total: days.reduce((n, d) => n + d.count, 0) };
    },
    async signInsByCountry({ since, until }) {
      const window = { since, ...(until !== undefined ? { until } : {}) };
      const [ok, failed, types] = await Promise.all([
        store.activities.countsByCountry({ ...window, type: SIGN_IN }),
        store.activities.countsByCountry({ ...window, type: FAILED_SIGN_IN }),
        store.activities.countsByType(window),
      ]);
      const byCountry = new Map<string, CountrySignIns>();
      const entry = (country: string) => {
        let e = byCountry.get(country);
        if (!e) byCountry.set(country, (e = { country, ...countryPlace(country), signIns: 0, failed: 0 }));
        return e;
      };
      for (const c of ok) entry(c.country).signIns += c.count;
      for (const c of failed) entry(c.country).failed += c.count;
      const located = [...ok, ...failed].reduce((n, c) => n + c.count, 0);
      const all = types.filter((t) => t.type === SIGN_IN || t.type === FAILED_SIGN_IN).reduce((n, t) => n + t.count, 0);
      const countries = [...byCountry.values()].sort(
        (a, b) => b.signIns + b.failed - (a.signIns + a.failed) || (a.country < b.country ? -1 : 1),
      );
      return { countries, unlocated: Math.max(0, all - located) };
    },
    async totals() {
      return {
        activities: store.activities.count(),
        users: store.users.count(),
        newestActivityAt: store.activities.newestAt(),
      };
    },
  };
}
