// The activity-policy filter as tests per indexed column, for the store's index-only scan
// (store/activity-scan.ts): each field is judged by the same test the row filter uses (filter.ts),
// but once per distinct value (an address, a user, a type) instead of once per activity.
import type { IpFacts } from '../../intel/ip-facts';
import type { ColumnTests } from '../../store/activity-scan';
import type { ActivityPolicyFilter } from '../../store/policy-store';
import {
  actorPasses,
  countryPasses,
  devicePasses,
  eventPasses,
  hourPasses,
  ipPasses,
  typePasses,
  userAgentPasses,
} from './filter';

export interface ColumnFilterContext {
  facts(ip: string | null): IpFacts | null;
  /** Names the actor goes by (see FilterContext), from the audit log's actor. */
  names(actor: string | null): string[];
}

export function columnTests(
  f: ActivityPolicyFilter,
  ctx: ColumnFilterContext,
  range: { since?: number; until?: number } = {},
): ColumnTests {
  const tests: ColumnTests = { since: range.since, until: range.until, admin: f.admin, impersonated: f.impersonated };
  if (f.types) tests.type = (v) => v !== null && typePasses(f, v);
  if (f.events) tests.event = (v) => v !== null && eventPasses(f, v);
  if (f.users) tests.actor = (v) => actorPasses(f, ctx.names(v));
  if (f.countries) tests.country = (v) => countryPasses(f, v);
  if (f.ips || f.asns || f.ipTags || f.notIpTags) tests.ip = (v) => ipPasses(f, v, ctx.facts(v));
  if (f.userAgentContains) tests.userAgent = (v) => userAgentPasses(f, v);
  if (f.hours) tests.at = (at) => hourPasses(f, at);
  // The parsed device is not in the index: only this test reads the activities that reach it.
  if (f.deviceTypes) tests.row = (a) => devicePasses(f, a.device);
  return tests;
}
