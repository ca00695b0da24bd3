// workplace-guard activities [--user U] [--type T] [--ip IP] [--country CC] [--since ISO] [--until ISO] [--limit N]
import type { ActivityFilter } from '../../../preload/contract';
import { openStore } from '../../store/index';
import type { StoredActivity } from '../../store/types';
import { toActivity } from '../../console/activity-mappers';
import { CliError, type CliContext, type Command } from '../command';
import { parseLimit } from './users';

function isoOption(ctx: CliContext, name: string): number | undefined {
  const v = ctx.values[name];
  if (v === undefined) return undefined;
  const t = typeof v === 'string' ? Date.parse(/^\d{4}-\d\d-\d\d$/.test(v) ? `${v}T00:00:00Z` : v) : NaN;
  if (!Number.isFinite(t))
    throw new CliError(`--${name} must be an ISO 8601 date or time, e.g. 2026-05-20 or 2026-05-20T12:00:00Z`, 2);
  return t;
}

export function filterFrom(ctx: CliContext): ActivityFilter {
  const f: ActivityFilter = {};
  const s = (name: string) =>
    typeof ctx.values[name] === 'string' && ctx.values[name] !== '' ? (ctx.values[name] as string) : undefined;
  if (s('user')) f.user = s('user');
  if (s('type')) f.type = s('type');
  if (s('ip')) f.ip = s('ip');
  const country = s('country');
  if (country !== undefined) {
    if (!/^[A-Za-z]{2}$/.test(country)) throw new CliError('--country must be a two-letter country code, e.g. FR', 2);
    f.country = country.toUpperCase();
  }
  const since = isoOption(ctx, 'since');
  const until = isoOption(ctx, 'until');
  if (since !== undefined) f.since = since;
  if (until !== undefined) f.until = until;
  if (since !== undefined && until !== undefined && since > until) throw new CliError('--since is after --until', 2);
  return f;
}

/** The console's activity shape, with the time as ISO 8601 for people and scripts. */
export function activityJson(a: StoredActivity) {
  return { ...toActivity(a), at: new Date(a.at).toISOString() };
}

export const activitiesCommand: Command = {
  name: 'activities',
  summary: 'List synced activities, newest first',
  usage: 'activities [--user U] [--type T] [--ip IP] [--country CC] [--since ISO] [--until ISO] [--limit N] [--json]',
  options: {
    user: { type: 'string' },
    type: { type: 'string' },
    ip: { type: 'string' },
    country: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    limit: { type: 'string' },
  },
  async run(ctx) {
    const filter = filterFrom(ctx);
    const limit = parseLimit(ctx.values.limit, 50, 1_000_000);
    const store = await openStore(ctx.dataDir);
    try {
      const items: StoredActivity[] = [];
      let cursor: string | null = null;
      do {
        const page = await store.activities.query(filter, cursor, Math.min(500, limit - items.length));
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && items.length < limit);
      if (ctx.json) ctx.out(JSON.stringify(items.map(activityJson)));
      else {
        for (const a of items) {
          const where = a.ip ? `${a.ip}${a.country ? ` (${a.country}${a.city ? `, ${a.city}` : ''})` : ''}` : '—';
          const who = a.target && a.target !== a.actor ? `${a.actor ?? '—'} → ${a.target}` : (a.actor ?? '—');
          ctx.out(
            `${new Date(a.at).toISOString()}  ${a.type.padEnd(20)} ${who}  ${where}` +
              (a.type === 'other' ? `  [${a.event}]` : ''),
          );
        }
        ctx.out(`${items.length.toLocaleString('en-US')} activities${cursor ? ' (more: raise --limit)' : ''}`);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
