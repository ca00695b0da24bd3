// workplace-guard intel lookup IP | status | refresh [--list ID]… | settings [--online on|off] [--schedule daily|off]
//   [--url ID=URL]…
import { openGeolocation } from '../../intel/geolocation';
import { parseAddress } from '../../intel/ip-address';
import { ipTagsOf } from '../../intel/ip-intel';
import type { ListStatus, RefreshResult } from '../../intel/ip-lists';
import { CliError, type CliContext, type Command } from '../command';
import { intelFor, openIntelSession } from './intel-session';

const USAGE =
  'intel lookup IP [--fixtures] | intel status [--fixtures] | intel refresh [--list ID]... | ' +
  'intel settings [--online on|off] [--schedule daily|off] [--url ID=URL]...';

function age(ms: number | null): string {
  if (ms === null) return 'never refreshed';
  const h = ms / 3_600_000;
  return h < 48 ? `${Math.round(h)} h old` : `${Math.round(h / 24)} days old`;
}

function statusLine(s: ListStatus): string {
  const where = s.source === 'fixture' ? 'shipped fixture' : s.source === 'missing' ? 'no data' : age(s.ageMs);
  const error = s.lastError ? ` — last refresh failed: ${s.lastError}` : '';
  return `${s.name}: ${s.entries} entries, ${where}${s.stale ? ' (STALE)' : ''}${error}`;
}

/** The schedule runs only in a console that stays open (the app, `serve`), and only with online refresh on. */
function scheduleNote(s: { online: boolean; schedule: string }): string {
  if (s.schedule === 'off') return '; scheduled refresh: off';
  return s.online
    ? `; scheduled refresh: ${s.schedule} (while the app or serve runs)`
    : `; scheduled refresh: ${s.schedule}, waiting for online refresh`;
}

async function lookup(ctx: CliContext, ip: string | undefined, fixtures: boolean): Promise<number> {
  if (!ip) throw new CliError(`intel lookup needs an IP address. Usage: workplace-guard ${USAGE}`, 2);
  if (!parseAddress(ip)) throw new CliError(`"${ip.slice(0, 64)}" is not an IP address`, 2);
  const session = await openIntelSession(ctx.dataDir);
  try {
    const intel = await intelFor(session, ctx.dataDir, fixtures);
    const facts = intel.facts(ip);
    const geo = await openGeolocation().catch(() => null);
    const place = geo?.lookup(ip) ?? null;
    geo?.close();
    const now = Date.now();
    const out = {
      ...facts,
      lists: facts.lists.map((l) => ({ ...l, ageMs: l.updatedAt === null ? null : now - l.updatedAt })),
      country: place?.country ?? null,
      city: place?.city ?? null,
      radiusKm: place?.radiusKm ?? null,
      ipTags: ipTagsOf(facts),
    };
    if (ctx.json) ctx.out(JSON.stringify(out));
    else {
      ctx.out(`${out.ip}: ${out.country ?? 'unknown country'}${out.city ? `, ${out.city}` : ''}`);
      ctx.out(`AS${out.asn ?? '?'} ${out.asOrg ?? 'unknown organisation'}${out.network ? ` (${out.network})` : ''}`);
      for (const l of out.lists)
        ctx.out(`Listed: ${l.name} (${l.updatedAt === null ? 'shipped fixture' : age(l.ageMs)})`);
      if (out.range)
        ctx.out(`Your range: ${out.range.cidr} ${out.range.category}${out.range.name ? ` "${out.range.name}"` : ''}`);
      if (out.ipTags.length) ctx.out(`Tags: ${out.ipTags.join(', ')}`);
    }
    return 0;
  } finally {
    await session.close();
  }
}

export const intelCommand: Command = {
  name: 'intel',
  summary: 'IP intelligence: look an address up, list freshness, refresh the lists, settings',
  usage: `${USAGE} [--json]`,
  options: {
    list: { type: 'string', multiple: true },
    online: { type: 'string' },
    schedule: { type: 'string' },
    url: { type: 'string', multiple: true },
    fixtures: { type: 'boolean' },
  },
  async run(ctx) {
    const [action, arg, ...extra] = ctx.positionals;
    if (extra.length > 0 || (arg && action !== 'lookup')) {
      throw new CliError(`Unexpected "${extra[0] ?? arg}". Usage: workplace-guard ${USAGE}`, 2);
    }
    const fixtures = ctx.values.fixtures === true;
    if (action === 'lookup') return lookup(ctx, arg, fixtures);
    if (!['status', 'refresh', 'settings'].includes(action ?? '')) {
      throw new CliError(`Say what to do. Usage: workplace-guard ${USAGE}`, 2);
    }
    const session = await openIntelSession(ctx.dataDir);
    try {
      const { lists } = await intelFor(session, ctx.dataDir, fixtures, false);
      if (action === 'status') {
        const status = lists.status();
        if (ctx.json) ctx.out(JSON.stringify({ ...lists.settings(), lists: status }));
        else {
          const settings = lists.settings();
          ctx.out(`Online refresh: ${settings.online ? 'on' : 'off'}${scheduleNote(settings)}`);
          for (const s of status) ctx.out(statusLine(s));
        }
        return 0;
      }
      if (action === 'settings') {
        const online = ctx.values.online;
        if (online !== undefined) {
          if (online !== 'on' && online !== 'off') throw new CliError('--online takes on or off', 2);
          await lists.setOnline(online === 'on');
        }
        const schedule = ctx.values.schedule;
        if (schedule !== undefined) {
          if (schedule !== 'daily' && schedule !== 'off') throw new CliError('--schedule takes daily or off', 2);
          await lists.setSchedule(schedule);
        }
        for (const spec of (ctx.values.url as string[] | undefined) ?? []) {
          const eq = spec.indexOf('=');
          if (eq < 1)
            throw new CliError(`--url takes ID=URL (e.g. tor=https://mirror.example/tor.txt), got "${spec}"`, 2);
          const id = spec.slice(0, eq);
          const urls = spec
            .slice(eq + 1)
            .split(',')
            .filter(Boolean);
          try {
            await lists.setUrls(id, urls.length ? urls : null);
          } catch (err) {
            throw new CliError(`--url ${id}: ${(err as Error).message.split('\n')[0].slice(0, 200)}`, 2);
          }
        }
        const s = lists.settings();
        if (ctx.json) ctx.out(JSON.stringify(s));
        else {
          ctx.out(`Online refresh: ${s.online ? 'on' : 'off'}${scheduleNote(s)}`);
          for (const [id, urls] of Object.entries(s.urls)) ctx.out(`${id}: ${urls.join(', ')}`);
        }
        return 0;
      }
      if (!lists.settings().online) {
        throw new CliError('Online refresh is off. Turn it on with: workplace-guard intel settings --online on', 1);
      }
      const ids = ctx.values.list as string[] | undefined;
      let results: RefreshResult[];
      try {
        results = await lists.refresh({ ids });
      } catch (err) {
        throw new CliError((err as Error).message, 2);
      }
      if (ctx.json) ctx.out(JSON.stringify({ results, lists: lists.status() }));
      else for (const r of results) ctx.out(`${r.ok ? '' : 'FAILED '}${r.message}`);
      return results.every((r) => r.ok) ? 0 : 1;
    } finally {
      await session.close();
    }
  },
};
