// The inputs screens send to the engine, built in one place: a unit test holds each one against
// the contract's input schema, so narrowing the contract below what a screen asks for fails a
// test instead of breaking the screen.
import type { ActivityFilter, OpInput } from '../../preload/contract';

/** Activities per page of the Activity timeline (it asks for the next page as you scroll). */
export const ACTIVITY_PAGE_SIZE = 200;
/** Alerts per page of the Alerts queue ("Load more"). */
export const ALERT_PAGE_SIZE = 100;
/** Users per page of the Users list ("Load more"). */
export const USER_PAGE_SIZE = 200;

/** One page of the Activity timeline: the first when `cursor` is null. */
export function activityPageRequest(filter: ActivityFilter, cursor: string | null): OpInput<'activities', 'list'> {
  return { filter, limit: ACTIVITY_PAGE_SIZE, ...(cursor ? { cursor } : {}) };
}

/** The Users list's filters and sort: everything of users.list but the paging. */
export type UserListFilters = Omit<NonNullable<OpInput<'users', 'list'>>, 'limit' | 'cursor'>;

/** One page of the Users list: the first when `cursor` is null. */
export function userPageRequest(filters: UserListFilters, cursor: string | null): OpInput<'users', 'list'> {
  return { ...filters, limit: USER_PAGE_SIZE, ...(cursor ? { cursor } : {}) };
}

/** The Dashboard's per-day and per-type counts, from `since` (epoch ms) on. */
export function recentCountsRequest(since: number): OpInput<'activities', 'countsByDay'> {
  return { filter: { since } };
}

/** The Alerts queue's filters and sort: everything of alerts.list but the paging. */
export type AlertFilters = Omit<NonNullable<OpInput<'alerts', 'list'>>, 'limit' | 'cursor'>;

/** One page of the Alerts queue: the first when `cursor` is null. */
export function alertPageRequest(filters: AlertFilters, cursor: string | null): OpInput<'alerts', 'list'> {
  return { ...filters, limit: ALERT_PAGE_SIZE, ...(cursor ? { cursor } : {}) };
}
