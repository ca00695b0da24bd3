// The first-sync bar's arithmetic: two steps, users then activity, each filling its own share.
// The sync reads both at once, so the activity share can already be filling while the users
// step is still under way.
import type { SyncProgress } from '../../../preload/contract';

/** The users step's share of the bar: reading users is quick next to the activity back-fill. */
export const USERS_SHARE = 15;

/** How full each step is, in percent of the whole bar (pure, unit-tested). */
export function stepShares(p: SyncProgress): { users: number; activities: number; total: number } {
  const covered = Math.max(0, Math.min(1, p.windowFraction ?? 0));
  const users = p.phase === 'users' ? 0 : USERS_SHARE;
  const activities =
    p.phase === 'done'
      ? 100 - USERS_SHARE
      : p.phase === 'activities' || p.phase === 'users'
        ? (100 - USERS_SHARE) * covered
        : 0;
  return { users, activities, total: Math.floor(users + activities) };
}
