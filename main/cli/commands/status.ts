// workplace-guard status: the connector status as the app shows it.
import { CONNECTOR_STATE_LABELS, type ConnectorStatus, type DataHealth } from '../../../preload/contract';
import { openLocalSession } from '../../sync/local-session';
import { ARCHIVED_KEY } from '../../sync/organisation';
import type { Command } from '../command';

const STATE_LABEL = CONNECTOR_STATE_LABELS;

const when = (t: number | null) => (t === null ? '—' : new Date(t).toISOString());

export function describeStatus(s: ConnectorStatus): string[] {
  const lines = [
    STATE_LABEL[s.state] +
      (s.organisation ? `: ${s.organisation.name} (${s.organisation.id})` : '') +
      (s.method ? ` via ${s.method}` : ''),
  ];
  if (s.state === 'disconnected')
    lines.push('Data from this organisation is kept for offline review; it is not being updated.');
  if (s.error) lines.push(`Error: ${s.error.message}`, `Fix: ${s.error.fix}`);
  for (const f of s.disabledFeatures) lines.push(`Disabled: ${f.feature} (needs the "${f.permission}" permission)`);
  if (s.apiBase) lines.push(`API base: ${s.apiBase}`);
  lines.push(
    `Last sync: ${when(s.lastSyncAt)}`,
    `Next sync: ${when(s.nextSyncAt)}`,
    `Last activity received: ${when(s.lastActivityAt)}`,
  );
  if (s.progress.phase !== 'idle')
    lines.push(
      `Last sync progress: ${s.progress.phase}, ${s.progress.activities} activities, ` +
        `${s.progress.quarantined} quarantined`,
    );
  return lines;
}

/** Quarantined files and records, and the fix (nothing when there is nothing to say). */
export function describeDataHealth(h: DataHealth): string[] {
  const lines = h.lines.map((l) => `Quarantine: ${l}`);
  // The status error already gives the meta.json fix; do not say it twice.
  if (h.fix && lines.length && !h.metaDamaged) lines.push(`Fix: ${h.fix}`);
  return lines;
}

export const statusCommand: Command = {
  name: 'status',
  summary: 'Show the connector status',
  usage: 'status [--json]',
  options: {},
  async run(ctx) {
    const session = await openLocalSession(ctx.dataDir);
    try {
      const s = session.connector.status();
      const health = session.connector.dataHealth();
      if (ctx.json)
        ctx.out(
          JSON.stringify({
            ...s,
            activityCount: session.store.activities.count(),
            userCount: session.store.users.count(),
            dataHealth: health,
          }),
        );
      else {
        for (const line of describeStatus(s)) ctx.out(line);
        const archived = session.store.meta.get<{ archivedAt: number; replacedBy: { name: string } }>(ARCHIVED_KEY);
        if (archived)
          ctx.out(
            `Archive: set aside on ${when(archived.archivedAt)} when ${archived.replacedBy.name} was connected; ` +
              'kept for review only.',
          );
        ctx.out(
          `Stored: ${session.store.activities.count().toLocaleString('en-US')} activities, ` +
            `${session.store.users.count().toLocaleString('en-US')} users`,
        );
        for (const line of describeDataHealth(health)) ctx.out(line);
      }
      return s.state === 'error' ? 1 : 0;
    } finally {
      await session.close();
    }
  },
};
