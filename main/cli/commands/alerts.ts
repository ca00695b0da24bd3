// workplace-guard alerts [--status S] [--severity S] [--policy P] [--user U] [--limit N]
import { ALERT_STATUSES, type Alert, type AlertQuery, type AlertSeverity } from '../../store/alert-store';
import { openStore } from '../../store/index';
import { CliError, type Command } from '../command';
import { parseLimit } from './users';

const SEVERITIES: readonly AlertSeverity[] = ['Informational', 'Low', 'Medium', 'High'];

/** Accepts any case and `in-progress` / `in_progress` for "In progress". */
export function parseStatus(v: unknown): Alert['status'] {
  const key = String(v).toLowerCase().replace(/[-_]/g, ' ');
  const s = ALERT_STATUSES.find((x) => x.toLowerCase() === key);
  if (!s)
    throw new CliError(`--status must be one of: ${ALERT_STATUSES.join(', ')} (got "${String(v).slice(0, 40)}")`, 2);
  return s;
}

function parseSeverity(v: unknown): AlertSeverity {
  const s = SEVERITIES.find((x) => x.toLowerCase() === String(v).toLowerCase());
  if (!s) throw new CliError(`--severity must be one of: ${SEVERITIES.join(', ')}`, 2);
  return s;
}

/** The shape `alerts --json` prints (and `alert show --json` extends). */
export function alertSummary(a: Alert) {
  return {
    id: a.id,
    policy: a.policy,
    policyName: a.policyName,
    severity: a.severity,
    status: a.status,
    classification: a.classification,
    title: a.title,
    users: a.users,
    ips: a.ips,
    countries: a.countries,
    activityIds: a.activityIds,
    count: a.count,
    mitre: a.mitre,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    firstSeen: a.firstSeen,
    lastSeen: a.lastSeen,
  };
}

export const alertsCommand: Command = {
  name: 'alerts',
  summary: 'List alerts (newest first)',
  usage: 'alerts [--status New|"In progress"|Resolved] [--severity S] [--policy ID] [--user U] [--limit N] [--json]',
  options: {
    status: { type: 'string' },
    severity: { type: 'string' },
    policy: { type: 'string' },
    user: { type: 'string' },
    limit: { type: 'string' },
  },
  async run(ctx) {
    const q: AlertQuery = {};
    if (ctx.values.status !== undefined) q.status = parseStatus(ctx.values.status);
    if (ctx.values.severity !== undefined) q.severity = parseSeverity(ctx.values.severity);
    if (typeof ctx.values.policy === 'string') q.policy = ctx.values.policy.slice(0, 200);
    if (typeof ctx.values.user === 'string') q.user = ctx.values.user.slice(0, 320);
    const limit = parseLimit(ctx.values.limit, 100_000, 100_000);
    const store = await openStore(ctx.dataDir);
    try {
      const alerts: Alert[] = [];
      let cursor: string | null = null;
      do {
        const page = store.alerts.query(q, cursor, Math.min(1000, limit - alerts.length));
        alerts.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && alerts.length < limit);
      if (ctx.json) ctx.out(JSON.stringify(alerts.map(alertSummary)));
      else {
        for (const a of alerts)
          ctx.out(
            `${a.id}\t${new Date(a.createdAt).toISOString()}\t${a.severity}\t${a.status}\t${a.policy}\t` +
              `${a.users.join(',') || '—'}\t${a.title}`,
          );
        ctx.out(`${alerts.length.toLocaleString('en-US')} alerts`);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
