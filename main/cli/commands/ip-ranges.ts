// workplace-guard ip-ranges add CIDR --category C [--tag T]… [--name N] | list | remove ID|CIDR
import { CATEGORY_NAMES, IpRangeError, IpRanges } from '../../intel/ip-ranges';
import type { IpRange } from '../../intel/ip-facts';
import { CliError, type Command } from '../command';
import { openIntelSession } from './intel-session';

const USAGE = 'ip-ranges add CIDR --category C [--tag T]... [--name N] | ip-ranges list | ip-ranges remove ID|CIDR';

function line(r: IpRange): string {
  const tags = r.tags.length ? `\t[${r.tags.join(', ')}]` : '';
  return `${r.id}\t${r.cidr}\t${CATEGORY_NAMES[r.category]}${r.name ? `\t${r.name}` : ''}${tags}`;
}

export const ipRangesCommand: Command = {
  name: 'ip-ranges',
  summary: 'Your IP ranges (Corporate, VPN, Cloud provider, Administrative, Risky, Anonymous): add, list, remove',
  usage: `${USAGE} [--json]`,
  options: {
    category: { type: 'string' },
    tag: { type: 'string', multiple: true },
    name: { type: 'string' },
  },
  async run(ctx) {
    const [action, target, ...extra] = ctx.positionals;
    if (!action || !['add', 'list', 'remove'].includes(action)) {
      throw new CliError(`Say what to do with the ranges. Usage: workplace-guard ${USAGE}`, 2);
    }
    if (extra.length > 0) throw new CliError(`Unexpected "${extra[0]}". Usage: workplace-guard ${USAGE}`, 2);
    if (action !== 'list' && !target) throw new CliError(`ip-ranges ${action} needs a range. Usage: ${USAGE}`, 2);
    const session = await openIntelSession(ctx.dataDir);
    try {
      const ranges = new IpRanges(session.ranges);
      if (action === 'list') {
        const all = ranges.list();
        if (ctx.json) ctx.out(JSON.stringify(all));
        else {
          for (const r of all) ctx.out(line(r));
          ctx.out(`${all.length} range${all.length === 1 ? '' : 's'}`);
        }
        return 0;
      }
      if (action === 'add') {
        const category = ctx.values.category;
        if (typeof category !== 'string') {
          throw new CliError(`--category is required: ${Object.values(CATEGORY_NAMES).join(', ')}`, 2);
        }
        const added = await ranges.add({
          cidr: target,
          category,
          tags: (ctx.values.tag as string[] | undefined) ?? [],
          name: typeof ctx.values.name === 'string' ? ctx.values.name : null,
        });
        ctx.out(ctx.json ? JSON.stringify(added) : `Added ${line(added)}`);
        return 0;
      }
      const removed = await ranges.remove(target);
      ctx.out(ctx.json ? JSON.stringify(removed) : `Removed ${line(removed)}`);
      return 0;
    } catch (err) {
      if (err instanceof IpRangeError) throw new CliError(err.message, 1);
      throw err;
    } finally {
      await session.close();
    }
  },
};
