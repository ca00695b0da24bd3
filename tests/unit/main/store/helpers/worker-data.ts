// The crash test's data: page k holds 200 activities spread over 6 hours, with 20 ids re-sent from page k-1.
import type { StoredActivity } from '../../../../../main/store/types';

export const BASE = Date.UTC(2024, 4, 1);
export const PAGE_SIZE = 200;
const OVERLAP = 20;

export function workerActivity(n: number): StoredActivity {
  const at = BASE + ((n * 7919) % (6 * 3_600_000));
  return {
    id: `w-${n}`,
    at,
    type: n % 5 === 0 ? 'login.failure' : 'login.success',
    event: 'Logged in',
    actor: `user${n % 50}@example.com`,
    target: null,
    ip: `10.0.${n % 7}.${n % 200}`,
    country: n % 3 === 0 ? 'FR' : 'US',
    city: null,
    lat: null,
    lon: null,
    radiusKm: null,
    admin: false,
    impersonated: false,
    // A new value every 50 activities: every page adds dictionary entries (a commit step to kill at).
    userAgent: `agent/${Math.floor(n / 50)}`,
    summary: `event ${n}`,
    raw: { id: `w-${n}`, pad: 'x'.repeat(200) },
  };
}

export function workerPage(page: number): StoredActivity[] {
  const first = page * (PAGE_SIZE - OVERLAP);
  return Array.from({ length: PAGE_SIZE }, (_, i) => workerActivity(first + i));
}
