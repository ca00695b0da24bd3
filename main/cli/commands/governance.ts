// workplace-guard governance log | retry | revert | cancel | flush | own-account | export | settings
import fs from 'node:fs';
import { openGovernance } from '../../console/governance-wiring';
import { governanceCsv, governanceJson } from '../../govern/export';
import { resolveUser } from '../../govern/governance';
import { readGovernanceSettings, writeGovernanceSettings } from '../../govern/settings';
import { FileSecretStore } from '../../runtime/secrets';
import { openStore } from '../../store/index';
import { defaultUserAgent } from '../../sync/local-session';
import { CliError, type CliContext, type Command } from '../command';
import { describeRecord } from './govern';
import { parseLimit } from './users';

const SUB = ['log', 'retry', 'revert', 'cancel', 'flush', 'own-account', 'export', 'settings'] as const;

function onOff(v: unknown, name: string): boolean | undefined {
  if (v === undefined) return undefined;
  if (v === 'on' || v === 'true') return true;
  if (v === 'off' || v === 'false') return false;
  throw new CliError(`--${name} takes on or off`, 2);
}

async function run(ctx: CliContext): Promise<number> {
  const [sub, arg, ...extra] = ctx.positionals;
  if (!sub || !(SUB as readonly string[]).includes(sub) || extra.length)
    throw new CliError(`Usage: governance ${SUB.join('|')} …`, 2);
  const store = await openStore(ctx.dataDir);
  try {
    const { governance, log } = await openGovernance({
      store,
      secrets: new FileSecretStore(ctx.dataDir),
      userAgent: defaultUserAgent(),
    });
    const need = (what: string) => {
      if (!arg) throw new CliError(`governance ${sub} needs ${what}`, 2);
      return arg;
    };
    const show = (r: Parameters<typeof describeRecord>[0]) => ctx.out(ctx.json ? JSON.stringify(r) : describeRecord(r));
    switch (sub) {
      case 'log': {
        const limit = parseLimit(ctx.values.limit, 200, 100_000);
        const records = log.list({ state: ctx.values.pending ? ['queued', 'sending'] : undefined, limit });
        if (ctx.json) ctx.out(JSON.stringify(records));
        else {
          for (const r of records) ctx.out(`${new Date(r.requestedAt).toISOString()}  ${describeRecord(r)}`);
          ctx.out(`${records.length} action(s)${ctx.values.pending ? ' pending' : ''}`);
        }
        return 0;
      }
      case 'retry':
        show(await governance.retry(need('an action id')));
        return 0;
      case 'revert':
        if (ctx.values.yes !== true) throw new CliError('Reverting unsuspends the user: run again with --yes.', 2);
        show(
          await governance.revert(
            need('an action id'),
            typeof ctx.values['confirm-admin'] === 'string' ? ctx.values['confirm-admin'] : null,
          ),
        );
        return 0;
      case 'cancel':
        show(await governance.cancel(need('an action id')));
        return 0;
      case 'flush': {
        const sent = await governance.flush();
        if (ctx.json) ctx.out(JSON.stringify(sent));
        else {
          for (const r of sent) ctx.out(describeRecord(r));
          ctx.out(`${sent.length} queued action(s) tried; ${governance.pendingCount()} still pending`);
        }
        return 0;
      }
      case 'own-account': {
        if (arg) {
          const u = resolveUser(store.users, arg);
          await writeGovernanceSettings(store.meta, { ownAccount: u.email ?? u.id });
        }
        const own = readGovernanceSettings(store.meta).ownAccount;
        ctx.out(ctx.json ? JSON.stringify({ ownAccount: own }) : `Your own account: ${own ?? 'not set'}`);
        return 0;
      }
      case 'export': {
        const format = (ctx.values.format as string | undefined) ?? 'csv';
        if (format !== 'csv' && format !== 'json') throw new CliError('--format takes csv or json', 2);
        const records = log.list();
        const body = format === 'csv' ? governanceCsv(records) : governanceJson(records);
        const out = typeof ctx.values.out === 'string' ? ctx.values.out : null;
        if (out) {
          fs.writeFileSync(out, body, { mode: 0o600 });
          ctx.out(`${records.length} action(s) written to ${out}`);
        } else ctx.out(body.trimEnd());
        return 0;
      }
      case 'settings': {
        const patch: Parameters<typeof writeGovernanceSettings>[1] = {};
        const dry = onOff(ctx.values['dry-run'], 'dry-run');
        if (dry !== undefined) patch.automaticDryRun = dry;
        if (ctx.values['suspends-per-day'] !== undefined)
          patch.automaticSuspendsPerDay = parseLimit(ctx.values['suspends-per-day'], 3, 1000);
        const s = Object.keys(patch).length
          ? await writeGovernanceSettings(store.meta, patch)
          : readGovernanceSettings(store.meta);
        ctx.out(
          ctx.json
            ? JSON.stringify(s)
            : `Own account: ${s.ownAccount ?? 'not set'}\nAutomatic actions: ` +
                `${s.automaticDryRun ? 'dry run (logged only)' : 'live'}, at most ${s.automaticSuspendsPerDay} ` +
                `suspends a day`,
        );
        return 0;
      }
    }
    return 2;
  } finally {
    await store.close();
  }
}

export const governanceCommand: Command = {
  name: 'governance',
  summary: 'The governance log and queue: log, retry, revert, cancel, flush, own-account, export, settings',
  usage:
    'governance log [--pending] [--limit N] | retry ID | revert ID --yes | cancel ID | flush | ' +
    'own-account [USER] | export [--format csv|json] [--out FILE] | settings [--dry-run on|off] [--suspends-per-day N]',
  options: {
    pending: { type: 'boolean' },
    limit: { type: 'string' },
    yes: { type: 'boolean' },
    'confirm-admin': { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    'dry-run': { type: 'string' },
    'suspends-per-day': { type: 'string' },
  },
  run,
};
