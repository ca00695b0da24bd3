// Activity performed by terminated user: anything the user does (successfully) after a known
// termination — the SCIM termDate, or the admin's imported termination list. One open alert per
// user; continuing activity adds to it.
import { isFailure } from '../activity-kinds';
import type { AnomalyPolicy } from '../types';
import { DAY_MS, HOUR_MS, threshold } from '../types';
import { draft, who } from './common';

export const terminatedUser: AnomalyPolicy = {
  id: 'terminated-user',
  name: 'Activity performed by terminated user',
  description:
    'Activity by a user after their termination: the SCIM termDate has passed, or the user is on the ' +
    'termination list you imported.',
  severity: 'High',
  mitre: 'Persistence',
  thresholds: {
    /** Hours after the termination time before activity counts (a last-day hand-over). */
    graceHours: { Low: 24, Medium: 0, High: 0 },
  },
  evaluate(a, ctx) {
    if (a.impersonated || isFailure(a)) return null;
    const p = ctx.person;
    const sources: { source: string; at: number }[] = [];
    if (p.termDate !== null) sources.push({ source: 'SCIM termDate', at: p.termDate });
    if (p.listedTerminationAt !== null)
      sources.push({ source: 'imported termination list', at: p.listedTerminationAt });
    if (sources.length === 0) return null;
    const grace = threshold(this, ctx.settings, 'graceHours') * HOUR_MS;
    const hit = sources.filter((s) => a.at > s.at + grace).sort((x, y) => x.at - y.at)[0];
    if (!hit) return null;
    const days = Math.round(((a.at - hit.at) / DAY_MS) * 10) / 10;
    return draft(this, a, ctx, {
      key: 'terminated',
      title: `Activity by terminated user ${who(ctx)}`,
      description:
        `${who(ctx)} ${a.type} ${days} days after their termination ` +
        `(${hit.source}, ${new Date(hit.at).toISOString()}).`,
      evidence: {
        terminationSource: hit.source,
        terminatedAt: hit.at,
        daysAfterTermination: days,
        graceHours: grace / HOUR_MS,
        allSources: sources,
      },
    });
  },
};
