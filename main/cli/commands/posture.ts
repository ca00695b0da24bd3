// workplace-guard posture [set ID --status S]: the organisation's security posture.
import { ADMIN_POSTURE_STATUSES, evaluatePosture, setPostureStatus, type PostureStatus } from '../../posture/posture';
import { openStore } from '../../store/index';
import { CliError, type Command } from '../command';

const STATUS_LABEL: Record<PostureStatus, string> = {
  to_address: 'To address',
  planned: 'Planned',
  risk_accepted: 'Risk accepted',
  resolved_third_party: 'Resolved through third party',
  resolved_alternate: 'Resolved through alternate mitigation',
  completed: 'Completed',
};

export const postureCommand: Command = {
  name: 'posture',
  summary: 'Security posture: recommendations, affected users, score',
  usage: `posture [--json] | posture set ID --status ${ADMIN_POSTURE_STATUSES.join('|')}`,
  options: { status: { type: 'string' } },
  async run(ctx) {
    const [sub, id, ...extra] = ctx.positionals;
    if (extra.length || (sub && sub !== 'set')) throw new CliError(`Usage: ${this.usage}`, 2);
    const store = await openStore(ctx.dataDir);
    try {
      if (sub === 'set') {
        const status = String(ctx.values.status ?? '')
          .toLowerCase()
          .replace(/[\s-]/g, '_');
        if (!id || !(ADMIN_POSTURE_STATUSES as readonly string[]).includes(status))
          throw new CliError(`posture set ID --status ${ADMIN_POSTURE_STATUSES.join('|')}`, 2);
        await setPostureStatus(store, id, status as PostureStatus);
      }
      const report = await evaluatePosture(store);
      if (ctx.json) {
        ctx.out(JSON.stringify(report));
        return 0;
      }
      ctx.out(`Posture score: ${report.score} / 100`);
      for (const r of report.recommendations) {
        ctx.out(`${r.passed ? '✓' : '✗'} ${r.title} [${STATUS_LABEL[r.status]}] — ${r.summary}`);
        if (!r.passed)
          ctx.out(
            `    ${r.affectedCount} affected: ${r.affected
              .slice(0, 5)
              .map((u) => u.email ?? u.name)
              .join(', ')}${r.affectedCount > 5 ? ', …' : ''}`,
          );
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
