// workplace-guard sync [--watch]: one sync now (printing progress), or keep syncing on the
// schedule until Ctrl-C. --json prints JSON lines: {"type":"progress",…} then {"type":"result",…}.
import type { SyncResult } from '../../sync/engine';
import { formatProgress, openLocalSession, type LocalSession } from '../../sync/local-session';
import { GuardError } from '../../runtime/errors';
import { FileSettingsStore } from '../../runtime/settings';
import { CliError, type CliContext, type Command } from '../command';

/** What detection made of the sync's new activities: the alerts it raised, and when it was done. */
export interface DetectionOutcome {
  alerts: number;
  /** Epoch ms when every activity the sync committed had been evaluated (compare with the sync's finishedAt). */
  finishedAt: number;
}

function printResult(ctx: CliContext, r: SyncResult, detection: DetectionOutcome | null): void {
  const { progress: _progress, ...rest } = r;
  if (ctx.json) {
    ctx.out(JSON.stringify({ type: 'result', ...rest, ...(detection ? { detection } : {}) }));
    return;
  }
  for (const w of r.warnings) ctx.out(`warning: ${w}`);
  for (const f of r.disabledFeatures) ctx.out(`disabled: ${f.feature} (needs the "${f.permission}" permission)`);
  if (r.ok)
    ctx.out(
      `Sync done: ${r.added.toLocaleString('en-US')} new activities, ` +
        `${r.duplicates.toLocaleString('en-US')} already stored, ${r.quarantined} quarantined, ${r.users} users, ` +
        `${((r.finishedAt - r.startedAt) / 1000).toFixed(1)} s.`,
    );
  else if (r.cancelled) ctx.out('Sync cancelled; the next sync resumes where this one stopped.');
  if (detection)
    ctx.out(
      `Detection: ${detection.alerts.toLocaleString('en-US')} new ${detection.alerts === 1 ? 'alert' : 'alerts'} ` +
        `(${((detection.finishedAt - r.finishedAt) / 1000).toFixed(1)} s after the sync)` +
        (detection.alerts ? ' — see them with `workplace-guard alerts`.' : '.'),
    );
}

/** Streams progress of the sync the session is running and returns the exit code. */
export async function followSync(
  ctx: CliContext,
  session: LocalSession,
  opts: { quiet?: boolean } = {},
): Promise<number> {
  let lastLine = 0;
  let lastPhase = '';
  let lastWaitUntil: number | null = null;
  const alertIds = new Set<string>();
  const offAlerts = session.events.on('alerts.new', (a) => a.ids.forEach((id) => alertIds.add(id)));
  const off = session.events.on('sync.progress', (p) => {
    if (opts.quiet) return;
    if (ctx.json) return ctx.out(JSON.stringify({ type: 'progress', ...p }));
    const t = Date.now();
    // A new wait is always said at once: the admin should know why nothing moves, and until when.
    const newWait = p.waiting != null && p.waiting.until !== lastWaitUntil;
    lastWaitUntil = p.waiting?.until ?? null;
    if (p.phase !== lastPhase || t - lastLine >= 1000 || newWait) {
      lastLine = t;
      lastPhase = p.phase;
      ctx.out(formatProgress(p));
    }
  });
  try {
    const result = await session.connector.waitForIdle();
    // What was committed is judged even when the sync then failed: the CLI exits only once it is.
    let detection: DetectionOutcome | null = null;
    if (session.detection) {
      await session.detection.pipeline.settled();
      detection = { alerts: alertIds.size, finishedAt: Date.now() };
    }
    if (!opts.quiet) printResult(ctx, result, detection);
    if (result.error) {
      const status = session.connector.status();
      throw new CliError(`${result.error.message} — ${status.error?.fix ?? 'try again'}`);
    }
    return result.ok ? 0 : 1;
  } finally {
    off();
    offAlerts();
  }
}

export const syncCommand: Command = {
  name: 'sync',
  summary: 'Sync users and security activity now',
  usage: 'sync [--watch] [--json]',
  options: { watch: { type: 'boolean' } },
  async run(ctx) {
    const session = await openLocalSession(ctx.dataDir, { detection: true });
    try {
      const { connector } = session;
      // Ctrl-C cancels cleanly: the checkpoint is committed and the next sync resumes.
      let stopping = false;
      const stopped = ctx.untilStopped().then(() => {
        stopping = true;
        return connector.cancelSync();
      });
      if (!ctx.values.watch) {
        try {
          await connector.syncNow();
        } catch (err) {
          if (err instanceof GuardError) throw new CliError(err.message);
          throw err;
        }
        return await followSync(ctx, session);
      }
      if (connector.status().state === 'not_connected' || connector.status().state === 'disconnected') {
        throw new CliError('Not connected to Workplace: run `workplace-guard connect` first.');
      }
      const offStatus = session.events.on('connector.status', (s) => {
        if (ctx.json) ctx.out(JSON.stringify({ type: 'status', ...s }));
      });
      const offAlerts = session.events.on('alerts.new', ({ ids }) => {
        if (ctx.json) ctx.out(JSON.stringify({ type: 'alerts', ids }));
        else ctx.out(`${new Date().toISOString()} ${ids.length} new ${ids.length === 1 ? 'alert' : 'alerts'}`);
      });
      const offProgress = session.events.on('sync.progress', (p) => {
        if (ctx.json) ctx.out(JSON.stringify({ type: 'progress', ...p }));
        else if (!p.running)
          ctx.out(
            `${new Date().toISOString()} ${formatProgress(p)}` +
              (connector.status().nextSyncAt
                ? ` · next ${new Date(connector.status().nextSyncAt!).toISOString()}`
                : ''),
          );
      });
      connector.startScheduler();
      if (!ctx.json)
        ctx.out(
          `Syncing now and every ${new FileSettingsStore(ctx.dataDir).get().syncIntervalMinutes} minutes; ` +
            'Ctrl-C to stop.',
        );
      await stopped;
      offStatus();
      offAlerts();
      offProgress();
      return stopping ? 0 : 1;
    } finally {
      await session.close();
    }
  },
};
