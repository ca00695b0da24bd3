// workplace-guard: headless commands over the same facade the app uses.
// Exit codes: 0 ok, 1 failure (one clear line on stderr), 2 usage error.
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../runtime/data-dir';
import { GuardError } from '../runtime/errors';
import { packageInfo } from '../runtime/package-info';
import { installStrayErrorHandlers } from '../runtime/stray-errors';
import { CliError, type CliContext, type Command } from './command';

interface Entry {
  name: string;
  summary: string;
  load: () => Promise<Command>;
}

// Loaded lazily so `--help` and `--version` start instantly and one command's heavy
// dependencies (the geolocation data, the demo generator) never slow another.
const commands: Entry[] = [
  {
    name: 'serve',
    summary: 'Start the browser console on 127.0.0.1 and print its URL',
    load: async () => (await import('./commands/serve')).serveCommand,
  },
  {
    name: 'doctor',
    summary: 'Check this machine: versions, data directory, Electron, keyring, Chromium',
    load: async () => (await import('./commands/doctor')).doctorCommand,
  },
  {
    name: 'demo-server',
    summary: 'Run the demo community (a Workplace-compatible server)',
    load: async () => (await import('./commands/demo-server')).demoServerCommand,
  },
  {
    name: 'connect',
    summary: 'Connect to an organisation (token, app credentials or consent)',
    load: async () => (await import('./commands/connect')).connectCommand,
  },
  {
    name: 'sync',
    summary: 'Sync users and activity now (--watch keeps syncing)',
    load: async () => (await import('./commands/sync')).syncCommand,
  },
  {
    name: 'status',
    summary: 'Show the connector status',
    load: async () => (await import('./commands/status')).statusCommand,
  },
  { name: 'users', summary: 'List synced users', load: async () => (await import('./commands/users')).usersCommand },
  {
    name: 'activities',
    summary: 'List synced activities, newest first',
    load: async () => (await import('./commands/activities')).activitiesCommand,
  },
  {
    name: 'ip-ranges',
    summary: 'Your IP ranges: add CIDR --category C, list, remove',
    load: async () => (await import('./commands/ip-ranges')).ipRangesCommand,
  },
  {
    name: 'intel',
    summary: 'IP intelligence: lookup IP, status, refresh lists, settings',
    load: async () => (await import('./commands/intel')).intelCommand,
  },
  {
    name: 'terminations',
    summary: 'Import the termination list (CSV of email,date)',
    load: async () => (await import('./commands/terminations')).terminationsCommand,
  },
  {
    name: 'disconnect',
    summary: 'Disconnect (synced data is kept)',
    load: async () => (await import('./commands/disconnect')).disconnectCommand,
  },
  {
    name: 'suspend',
    summary: 'Suspend a user (asks for --yes; never your own account or the last admin)',
    load: async () => (await import('./commands/govern')).suspendCommand,
  },
  {
    name: 'unsuspend',
    summary: 'Unsuspend a user',
    load: async () => (await import('./commands/govern')).unsuspendCommand,
  },
  {
    name: 'signout',
    summary: 'Sign a user out of every session',
    load: async () => (await import('./commands/govern')).signoutCommand,
  },
  {
    name: 'notify',
    summary: 'Send a user a Work Chat message',
    load: async () => (await import('./commands/govern')).notifyCommand,
  },
  {
    name: 'posture',
    summary: 'Security posture: recommendations (Adopt SSO first), affected users, score',
    load: async () => (await import('./commands/posture')).postureCommand,
  },
  {
    name: 'governance',
    summary: 'The governance log and queue: log, retry, revert, cancel, flush, own-account, export',
    load: async () => (await import('./commands/governance')).governanceCommand,
  },
  {
    name: 'alerts',
    summary: 'List alerts: --status, --severity, --policy, --user',
    load: async () => (await import('./commands/alerts')).alertsCommand,
  },
  {
    name: 'alert',
    summary: 'Show an alert, or set its status / classification / comment',
    load: async () => (await import('./commands/alert')).alertCommand,
  },
  {
    name: 'policies',
    summary: 'Detection policies: list, set, enable/disable, add, replay',
    load: async () => (await import('./commands/policies')).policiesCommand,
  },
];

const GLOBAL_HELP = (
  version: string,
) => `Workplace Guard ${version} — local security console for Workplace / Meta Admin Center

Usage: workplace-guard [--data-dir DIR] [--json] <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`).join('\n')}

Global options:
  --data-dir DIR  Data directory (default: ${defaultDataDir()}; env WORKPLACE_GUARD_DATA_DIR)
  --json          Machine-readable output
  -h, --help      Show help (also: workplace-guard <command> --help)
  -v, --version   Show the version
`;

function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * Output into a closed pipe (`workplace-guard users --json | head -c 1`) is the reader saying
 * "enough": a one-shot command exits 0 without a word, as `head` intended; a long-running one
 * keeps running and stops writing. Any other stdout failure is a real error.
 */
let whenStdoutCloses: 'exit' | 'keep-running' = 'exit';
function exitQuietlyOnClosedStdout(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    if (whenStdoutCloses === 'exit') process.exit(0);
  });
}

export async function main(argv: string[]): Promise<number> {
  const version = packageInfo().version;
  // Global flags may precede the command; everything after the command name belongs to it.
  const globals = { dataDir: undefined as string | undefined, json: false, help: false };
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') globals.json = true;
    else if (arg === '-h' || arg === '--help') globals.help = true;
    else if (arg === '-v' || arg === '--version') {
      process.stdout.write(`${version}\n`);
      return 0;
    } else if (arg === '--data-dir') {
      const value = argv[++i];
      if (!value || value.startsWith('-')) throw new CliError('--data-dir needs a directory', 2);
      globals.dataDir = value;
    } else if (arg.startsWith('--data-dir=')) globals.dataDir = arg.slice('--data-dir='.length);
    else break;
  }
  const name = argv[i];
  if (!name) {
    process.stdout.write(GLOBAL_HELP(version));
    return globals.help ? 0 : 2;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) throw new CliError(`Unknown command "${name}". Run workplace-guard --help for the list.`, 2);
  const command = await entry.load();
  if (command.longRunning) whenStdoutCloses = 'keep-running';
  const rest = argv.slice(i + 1);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: {
        ...command.options,
        'data-dir': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new CliError(`${(err as Error).message.split('\n')[0]}. Usage: workplace-guard ${command.usage}`, 2);
  }
  const values = parsed.values as CliContext['values'];
  if (globals.help || values.help) {
    process.stdout.write(`Usage: workplace-guard ${command.usage}\n\n${command.summary}\n`);
    return 0;
  }
  const ctx: CliContext = {
    dataDir: (values['data-dir'] as string | undefined) ?? globals.dataDir ?? defaultDataDir(),
    json: globals.json || values.json === true,
    values,
    positionals: parsed.positionals,
    out: (line) => process.stdout.write(`${line}\n`),
    untilStopped,
  };
  return (await command.run(ctx)) ?? 0;
}

export async function runCli(argv: string[]): Promise<void> {
  // A failure nothing caught ends a one-shot command with one line, not a stack trace;
  // `serve` switches to logging and serving on.
  installStrayErrorHandlers({
    mode: 'exit',
    name: 'workplace-guard',
    write: (line) => process.stderr.write(`${line}\n`),
  });
  exitQuietlyOnClosedStdout();
  try {
    process.exitCode = await main(argv);
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`workplace-guard: ${err.message}\n`);
      process.exitCode = err.exitCode;
    } else if (err instanceof GuardError) {
      process.stderr.write(`workplace-guard: ${err.message}\n`);
      process.exitCode = 1;
    } else {
      const message = err instanceof Error ? err.message : String(err);
      process.stderr.write(`workplace-guard: unexpected error: ${message.split('\n')[0]}\n`);
      if (process.env.WORKPLACE_GUARD_DEBUG) console.error(err);
      process.exitCode = 1;
    }
  }
}
