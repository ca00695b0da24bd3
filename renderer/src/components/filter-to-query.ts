import type { ActivityFilter } from '../../../preload/contract';
import { parseLocalDateTime } from '../format';
import type { ActivityFilterForm } from '../stores/activity-filter';

export type FilterProblems = { country?: string; range?: string };

/** The form as the contract's ActivityFilter, or the problems that keep it from being one. */
export function toActivityFilter(form: ActivityFilterForm): { filter: ActivityFilter; problems: FilterProblems } {
  const filter: ActivityFilter = {};
  const problems: FilterProblems = {};
  const t = (s: string) => s.trim();
  if (t(form.text)) filter.text = t(form.text).slice(0, 200);
  if (t(form.user)) filter.user = t(form.user).slice(0, 320);
  if (form.type) filter.type = form.type;
  if (t(form.ip)) filter.ip = t(form.ip).slice(0, 64);
  if (t(form.country)) {
    if (/^[A-Za-z]{2}$/.test(t(form.country))) filter.country = t(form.country).toUpperCase();
    else problems.country = 'Two letters (ISO code)';
  }
  if (form.admin !== 'any') filter.admin = form.admin === 'yes';
  if (form.impersonated !== 'any') filter.impersonated = form.impersonated === 'yes';
  const since = parseLocalDateTime(form.since);
  const until = parseLocalDateTime(form.until);
  if (since !== undefined) filter.since = since;
  if (until !== undefined) filter.until = until;
  if (since !== undefined && until !== undefined && since > until) problems.range = '“Since” is after “Until”';
  return { filter, problems };
}
