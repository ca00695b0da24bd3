// workplace-guard users [--search TEXT] [--limit N]
import { openStore } from '../../store/index';
import type { StoredUser } from '../../store/types';
import { CliError, type Command } from '../command';

export function parseLimit(value: unknown, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < 1 || n > max)
    throw new CliError(`--limit must be a whole number from 1 to ${max}`, 2);
  return n;
}

const publicUser = ({ raw: _raw, ...u }: StoredUser) => u;

export const usersCommand: Command = {
  name: 'users',
  summary: 'List synced users',
  usage: 'users [--search TEXT] [--limit N] [--json]',
  options: { search: { type: 'string' }, limit: { type: 'string' } },
  async run(ctx) {
    const limit = parseLimit(ctx.values.limit, 1_000_000, 1_000_000);
    const search = typeof ctx.values.search === 'string' ? ctx.values.search : null;
    const store = await openStore(ctx.dataDir);
    try {
      const users: StoredUser[] = [];
      let cursor: string | null = null;
      do {
        const page = store.users.list(search, cursor, Math.min(1000, limit - users.length));
        users.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && users.length < limit);
      if (ctx.json) ctx.out(JSON.stringify(users.map(publicUser)));
      else {
        for (const u of users) {
          const flags = [
            u.admin ? 'admin' : '',
            u.active ? '' : 'inactive',
            u.claimed ? '' : 'unclaimed',
            u.authMethod ?? '',
          ]
            .filter(Boolean)
            .join(',');
          ctx.out(
            `${u.id}\t${u.email ?? '—'}\t${u.name}` +
              (u.department ? `\t${u.department}` : '') +
              (flags ? `\t[${flags}]` : ''),
          );
        }
        ctx.out(`${users.length.toLocaleString('en-US')} of ${store.users.count().toLocaleString('en-US')} users`);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
