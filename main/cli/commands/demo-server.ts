// `workplace-guard demo-server`: runs the demo community on loopback and prints one JSON line
// with everything a client needs to connect, then serves until stopped.
import { CliError, type Command } from '../command';

function intOption(v: unknown, name: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new CliError(`--${name} must be an integer between ${min} and ${max}`, 2);
  return n;
}

export const demoServerCommand: Command = {
  name: 'demo-server',
  summary: 'Run the demo community (a Workplace-compatible server)',
  usage:
    'workplace-guard demo-server [--port N] [--users N] [--days N] [--seed S] [--live-rate PER_MIN] [--faults ' +
    'key=value,...] [--now ISO] [--out-dir DIR] [--timestamps unix|unix-string|iso|mixed]',
  options: {
    port: { type: 'string' },
    users: { type: 'string' },
    days: { type: 'string' },
    seed: { type: 'string' },
    'live-rate': { type: 'string' },
    faults: { type: 'string', multiple: true },
    now: { type: 'string' },
    'out-dir': { type: 'string' },
    timestamps: { type: 'string' },
    'token-ttl': { type: 'string' },
  },
  async run(ctx) {
    const v = ctx.values;
    const { startDemoServer, parseFaultArgs, MIN_DEMO_USERS } = await import('../../demo/index');
    let faults;
    try {
      faults = v.faults ? parseFaultArgs((Array.isArray(v.faults) ? v.faults : [v.faults]).map(String)) : undefined;
    } catch (err) {
      throw new CliError(`--faults: ${(err as Error).message}`, 2);
    }
    let now: number | undefined;
    if (typeof v.now === 'string') {
      now = /^\d+$/.test(v.now) ? Number(v.now) : Date.parse(v.now);
      if (!Number.isFinite(now)) throw new CliError('--now must be an ISO date or epoch milliseconds', 2);
    }
    const ts = v.timestamps;
    if (ts !== undefined && !['unix', 'unix-string', 'iso', 'mixed'].includes(String(ts)))
      throw new CliError('--timestamps must be unix, unix-string, iso or mixed', 2);
    const liveRate = v['live-rate'] === undefined ? undefined : Number(v['live-rate']);
    if (liveRate !== undefined && (!Number.isFinite(liveRate) || liveRate < 0))
      throw new CliError('--live-rate must be a non-negative number of events per minute', 2);
    const server = await startDemoServer({
      port: intOption(v.port, 'port', 0, 65535),
      users: intOption(v.users, 'users', MIN_DEMO_USERS, 200_000),
      days: intOption(v.days, 'days', 1, 400),
      seed: typeof v.seed === 'string' ? v.seed : undefined,
      liveRatePerMin: liveRate,
      faults,
      now,
      outDir: typeof v['out-dir'] === 'string' ? v['out-dir'] : undefined,
      timestampFormat: ts as 'unix' | 'unix-string' | 'iso' | 'mixed' | undefined,
      tokenTtlSec: intOption(v['token-ttl'], 'token-ttl', 1, 365 * 86400),
    });
    ctx.out(
      JSON.stringify({
        baseUrl: server.baseUrl,
        appId: server.appId,
        appSecret: server.appSecret,
        integrationToken: server.integrationToken,
        adminCenter: server.adminCenter,
        incidentsPath: server.incidentsPath,
        users: server.stats.users,
        events: server.stats.events,
      }),
    );
    try {
      await ctx.untilStopped();
    } finally {
      await server.close();
    }
    return 0;
  },
};
