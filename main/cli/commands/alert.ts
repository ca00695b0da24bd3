// workplace-guard alert show ID | alert set ID --status S [--classification C] [--comment T]
import { ALERT_CLASSIFICATIONS, type Alert, type AlertClassification } from '../../store/alert-store';
import { openStore } from '../../store/index';
import { CliError, type Command } from '../command';
import { alertSummary, parseStatus } from './alerts';

const CLASSIFICATION_WORDS: Record<string, AlertClassification> = {
  'true positive': 'True positive',
  tp: 'True positive',
  'informational / expected activity': 'Informational / expected activity',
  informational: 'Informational / expected activity',
  expected: 'Informational / expected activity',
  benign: 'Informational / expected activity',
  'false positive': 'False positive',
  fp: 'False positive',
};

function parseClassification(v: unknown): AlertClassification {
  const c = CLASSIFICATION_WORDS[String(v).toLowerCase().replace(/[-_]/g, ' ').trim()];
  if (!c)
    throw new CliError(
      `--classification must be one of: ${ALERT_CLASSIFICATIONS.join(', ')} (or tp, informational, fp)`,
      2,
    );
  return c;
}

function describe(a: Alert): string[] {
  const lines = [
    `${a.id}  ${a.severity}  ${a.status}${a.classification ? ` (${a.classification})` : ''}`,
    a.title,
    a.description,
    `policy: ${a.policyName} (${a.policy})   MITRE: ${a.mitre}`,
    `users: ${a.users.join(', ') || '—'}   IPs: ${a.ips.join(', ') || '—'}   ` +
      `countries: ${a.countries.join(', ') || '—'}`,
    `seen ${a.count}× from ${new Date(a.firstSeen).toISOString()} to ${new Date(a.lastSeen).toISOString()}`,
    `activities: ${a.activityIds.join(', ')}`,
    'evidence (latest):',
    ...JSON.stringify(a.evidence.at(-1)?.values ?? {}, null, 2)
      .split('\n')
      .map((l) => `  ${l}`),
    'history:',
    ...a.history.map(
      (h) =>
        `  ${new Date(h.at).toISOString()} ${h.by}: ${h.field} ${h.from ?? '—'} → ${h.to ?? '—'}` +
        (h.comment ? ` ("${h.comment}")` : ''),
    ),
  ];
  if (a.comment) lines.push(`comment: ${a.comment}`);
  return lines;
}

export const alertCommand: Command = {
  name: 'alert',
  summary: 'Show one alert, or change its status / classification / comment',
  usage: 'alert show ID [--json] | alert set ID --status S [--classification C] [--comment TEXT] [--json]',
  options: {
    status: { type: 'string' },
    classification: { type: 'string' },
    comment: { type: 'string' },
    by: { type: 'string' },
  },
  async run(ctx) {
    const [verb, id, ...rest] = ctx.positionals;
    if ((verb !== 'show' && verb !== 'set') || !id || rest.length)
      throw new CliError(`usage: workplace-guard ${this.usage}`, 2);
    if (id.length > 200) throw new CliError('That is not an alert id.', 2);
    const store = await openStore(ctx.dataDir);
    try {
      let a = store.alerts.get(id);
      if (!a) throw new CliError(`There is no alert ${id} (see "workplace-guard alerts").`);
      if (verb === 'set') {
        const change: Parameters<typeof store.alerts.update>[1] = {};
        if (ctx.values.status !== undefined) change.status = parseStatus(ctx.values.status);
        if (ctx.values.classification !== undefined)
          change.classification = parseClassification(ctx.values.classification);
        if (typeof ctx.values.comment === 'string') change.comment = ctx.values.comment.slice(0, 2000);
        if (Object.keys(change).length === 0)
          throw new CliError('Nothing to change: give --status, --classification or --comment.', 2);
        const by = typeof ctx.values.by === 'string' ? ctx.values.by.slice(0, 200) : 'admin (CLI)';
        try {
          a = await store.alerts.update(id, change, by);
        } catch (err) {
          throw new CliError((err as Error).message, 2);
        }
      }
      if (ctx.json)
        ctx.out(
          JSON.stringify({
            ...alertSummary(a),
            description: a.description,
            evidence: a.evidence,
            history: a.history,
            comment: a.comment,
          }),
        );
      else for (const l of describe(a)) ctx.out(l);
      return 0;
    } finally {
      await store.close();
    }
  },
};
