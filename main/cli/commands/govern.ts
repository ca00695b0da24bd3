// workplace-guard suspend | unsuspend | signout | notify: one governance action on one user.
// Every action says who, what and why before it runs; the ones that can lock someone out need
// --yes, an admin account needs --confirm-admin with its email typed out, and a refusal (own
// account, last admin) exits 1 with the reason and sends nothing.
import { openGovernance } from '../../console/governance-wiring';
import { resolveUser } from '../../govern/governance';
import { renderNotifyMessage } from '../../govern/notify-template';
import { FileSecretStore } from '../../runtime/secrets';
import type { GovernanceActionKind, GovernanceRecord } from '../../store/governance-store';
import { openStore } from '../../store/index';
import { defaultUserAgent } from '../../sync/local-session';
import { CliError, type CliContext, type Command } from '../command';

const VERBS: Record<GovernanceActionKind, string> = {
  suspend: 'suspend',
  unsuspend: 'unsuspend',
  signout: 'sign out of every session',
  notify: 'send a Work Chat message to',
};

export function describeRecord(r: GovernanceRecord): string {
  const who = r.target.email ?? r.target.name;
  const head = `${r.id}  ${r.action} ${who}: ${r.state}`;
  const tail = [r.note, r.providerError ? `Workplace said: ${r.providerError}` : null].filter(Boolean).join(' ');
  return tail ? `${head} — ${tail}` : head;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

async function runAction(ctx: CliContext, action: GovernanceActionKind): Promise<number> {
  const [who, ...extra] = ctx.positionals;
  if (!who || extra.length) throw new CliError(`Name one user (a username or an id): ${action} USER`, 2);
  const store = await openStore(ctx.dataDir);
  try {
    const target = resolveUser(store.users, who);
    const alertId = str(ctx.values.alert);
    let reason = str(ctx.values.reason);
    let message: string | null = null;
    if (action === 'notify') {
      message = str(ctx.values.message);
      if (!message) throw new CliError('notify needs --message TEXT (what the user should read).', 2);
      reason ??= alertId ? `Alert ${alertId}` : 'Message from the administrator';
      message = renderNotifyMessage(message, { name: target.name, alert: reason });
    } else if (action === 'unsuspend' || action === 'signout') {
      reason ??= alertId ? `Alert ${alertId}` : 'Requested by the administrator';
    }
    if (!reason) throw new CliError(`${action} needs --reason TEXT (or --alert ID): say why.`, 2);
    const statement = `This will ${VERBS[action]} ${target.name} <${target.email ?? target.id}> because: ${reason}.`;
    if (action !== 'notify' && ctx.values.yes !== true) {
      throw new CliError(`${statement} Run again with --yes to do it.`, 2);
    }
    const { governance } = await openGovernance({
      store,
      secrets: new FileSecretStore(ctx.dataDir),
      userAgent: defaultUserAgent(),
    });
    const rec = await governance.request({
      action,
      user: target.id,
      reason,
      alertId,
      message,
      confirmAdmin: str(ctx.values['confirm-admin']),
      requestedBy: 'admin (cli)',
    });
    if (ctx.json) ctx.out(JSON.stringify(rec));
    else ctx.out(describeRecord(rec));
    return rec.state === 'failed' || rec.state === 'refused' ? 1 : 0;
  } finally {
    await store.close();
  }
}

const common = {
  reason: { type: 'string' },
  alert: { type: 'string' },
  yes: { type: 'boolean' },
  'confirm-admin': { type: 'string' },
} as const;

export const suspendCommand: Command = {
  name: 'suspend',
  summary: 'Suspend a user (SCIM active:false), after the safety checks',
  usage: 'suspend USER --reason TEXT --yes [--alert ID] [--confirm-admin EMAIL] [--json]',
  options: common,
  run: (ctx) => runAction(ctx, 'suspend'),
};

export const unsuspendCommand: Command = {
  name: 'unsuspend',
  summary: 'Unsuspend a user (SCIM active:true)',
  usage: 'unsuspend USER --yes [--reason TEXT] [--confirm-admin EMAIL] [--json]',
  options: common,
  run: (ctx) => runAction(ctx, 'unsuspend'),
};

export const signoutCommand: Command = {
  name: 'signout',
  summary: 'Sign a user out of every session',
  usage: 'signout USER --yes [--reason TEXT] [--alert ID] [--confirm-admin EMAIL] [--json]',
  options: common,
  run: (ctx) => runAction(ctx, 'signout'),
};

export const notifyCommand: Command = {
  name: 'notify',
  summary: 'Send a user a Work Chat message',
  usage: 'notify USER --message TEXT [--reason TEXT] [--alert ID] [--json]',
  options: { ...common, message: { type: 'string' } },
  run: (ctx) => runAction(ctx, 'notify'),
};
