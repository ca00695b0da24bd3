// workplace-guard connect (--token T | --app-id ID --app-secret S | --consent) [urls] [--backfill-days N]
import { spawn } from 'node:child_process';
import { askOwnAccount, settleAskedOwnAccount, type OwnAccountOutcome } from '../../govern/own-account';
import { GuardError } from '../../runtime/errors';
import { formatProgress, openLocalSession } from '../../sync/local-session';
import { createDemoAutoConsentFlow } from '../../workplace/consent-auto';
import { createLoopbackConsentFlow } from '../../workplace/consent-loopback';
import { CliError, type CliContext, type Command } from '../command';
import { followSync } from './sync';

function openInBrowser(url: string): Promise<void> {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  process.stderr.write(`Open this address to consent (opening your browser):\n  ${url}\n`);
  return new Promise((resolve) => {
    try {
      const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
      child.on('error', () => resolve()); // no opener: the printed address is enough
      child.unref();
      resolve();
    } catch {
      resolve();
    }
  });
}

function str(ctx: CliContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function connectOptionsFrom(ctx: CliContext) {
  const days = str(ctx, 'backfill-days');
  let backfillDays: number | undefined;
  if (days !== undefined) {
    backfillDays = Number(days);
    if (!/^\d+$/.test(days) || backfillDays > 3650)
      throw new CliError('--backfill-days must be a whole number from 0 to 3650', 2);
  }
  const urls = {
    graph: str(ctx, 'graph-url'),
    scim: str(ctx, 'scim-url'),
    audit: str(ctx, 'audit-url'),
    dialog: str(ctx, 'dialog-url'),
  };
  if (ctx.values.archive === true && ctx.values.clear === true)
    throw new CliError('Choose one of --archive and --clear, not both', 2);
  const otherOrganisation = ctx.values.archive === true ? 'archive' : ctx.values.clear === true ? 'clear' : undefined;
  return { apiBase: str(ctx, 'api-base'), urls, backfillDays, otherOrganisation } as const;
}

/** The own account given with --own-account, once the sync has read the users. */
function describeOwnAccount(ctx: CliContext, own: OwnAccountOutcome): void {
  if (own.state === 'set') ctx.out(`Your own account: ${own.ownAccount} (never suspended or signed out).`);
  else if (own.state === 'unmatched') ctx.out(`warning: ${own.message}`);
  else if (own.state === 'pending') ctx.out(`Your own account "${own.asked}" is checked after the next sync.`);
}

export const connectCommand: Command = {
  name: 'connect',
  summary: 'Connect to a Workplace organisation and run the first sync',
  usage:
    'connect (--token T | --app-id ID --app-secret S | --consent --app-id ID --app-secret S) ' +
    '[--api-base URL | --graph-url U --scim-url U --audit-url U --dialog-url U] [--backfill-days N] [--no-wait] ' +
    '[--archive | --clear] [--own-account USER] [--json]\n' +
    '  --own-account: your own account (username or id), never suspended or signed out by the console;\n' +
    '  matched once the first sync has read the users (until then suspend and sign-out are refused).\n' +
    "  --archive / --clear: when the data directory holds another organisation's data, move it aside under\n" +
    '  <data dir>/archives/ (review it with --data-dir <archive>) or delete it. One organisation per store.\n' +
    '  The token may come from WORKPLACE_TOKEN and the app secret from WORKPLACE_APP_SECRET ' +
    '(kept out of the process list).',
  options: {
    token: { type: 'string' },
    'app-id': { type: 'string' },
    'app-secret': { type: 'string' },
    consent: { type: 'boolean' },
    'demo-auto-consent': { type: 'boolean' },
    'api-base': { type: 'string' },
    'graph-url': { type: 'string' },
    'scim-url': { type: 'string' },
    'audit-url': { type: 'string' },
    'dialog-url': { type: 'string' },
    'backfill-days': { type: 'string' },
    'no-wait': { type: 'boolean' },
    archive: { type: 'boolean' },
    clear: { type: 'boolean' },
    'own-account': { type: 'string' },
  },
  async run(ctx) {
    const common = {
      ...connectOptionsFrom(ctx),
      onSetAside: (info: { organisation: { name: string }; archivedTo: string | null }) => {
        if (ctx.json) return;
        ctx.out(
          info.archivedTo
            ? `Archived ${info.organisation.name}'s data to ${info.archivedTo} ` +
                `(review it with: workplace-guard --data-dir ${info.archivedTo} status).`
            : `Cleared ${info.organisation.name}'s data from this data directory.`,
        );
      },
    };
    const appId = str(ctx, 'app-id');
    const appSecret = str(ctx, 'app-secret') ?? process.env.WORKPLACE_APP_SECRET;
    const consent = ctx.values.consent === true || ctx.values['demo-auto-consent'] === true;
    const token = str(ctx, 'token') ?? (!consent && !appId ? process.env.WORKPLACE_TOKEN : undefined);
    const ways = [token ? 1 : 0, consent ? 1 : 0, appId && !consent ? 1 : 0].reduce((a, b) => a + b, 0);
    if (ways !== 1)
      throw new CliError(
        'Choose one way to connect: --token T (or WORKPLACE_TOKEN), --app-id ID --app-secret S, ' +
          'or --consent --app-id ID --app-secret S',
        2,
      );
    if ((consent || appId) && (!appId || !appSecret))
      throw new CliError('--app-id and --app-secret (or WORKPLACE_APP_SECRET) are both needed', 2);

    const auto = ctx.values['demo-auto-consent'] === true;
    const session = await openLocalSession(ctx.dataDir, {
      detection: true,
      consentFlow: () => (auto ? createDemoAutoConsentFlow() : createLoopbackConsentFlow(openInBrowser)),
    });
    try {
      const { connector } = session;
      const status = token
        ? await connector.connectToken({ ...common, token })
        : consent
          ? await connector.connectConsent({ ...common, appId: appId!, appSecret: appSecret!, demo: auto })
          : await connector.connectAppCredentials({ ...common, appId: appId!, appSecret: appSecret! });
      await askOwnAccount(session.store.meta, str(ctx, 'own-account'), Date.now());
      if (!ctx.json)
        ctx.out(
          `Connected to ${status.organisation?.name} (${status.method}). ` +
            (ctx.values['no-wait'] ? 'The first sync runs with the next `sync`.' : 'First sync:'),
        );
      if (ctx.values['no-wait']) {
        await connector.cancelSync();
        if (ctx.json) ctx.out(JSON.stringify(connector.status()));
        return 0;
      }
      const code = await followSync(ctx, session, { quiet: ctx.json });
      const own = await settleAskedOwnAccount(session.store.meta, session.store.users);
      if (ctx.json) ctx.out(JSON.stringify(connector.status()));
      else describeOwnAccount(ctx, own);
      return code;
    } catch (err) {
      if (err instanceof GuardError) throw new CliError(err.message);
      throw err;
    } finally {
      await session.close();
    }
  },
};

export { formatProgress };
