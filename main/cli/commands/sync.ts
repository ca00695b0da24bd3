// workplace-guard sync [--watch]: one sync now (printing progress), or keep syncing on the
// schedule until Ctrl-C. --json prints JSON lines: {"type":"progress",…} then {"type":"result",…}.
import type { SyncResult } from '../../sync/engine';
import { formatProgress, openLocalSession, type LocalSession } from '../../sync/local-session';
import { GuardError } from '../../runtime/errors';
import { FileSettingsStore } from '../../runtime/settings';
import { CliError, type CliContext, type Command } from '../command';

function printResult(ctx: CliContext, r: SyncResult): void {
  const { progress: _progress, ...rest } = r;
  if (ctx.json) {
    ctx.out(JSON.stringify({ type: 'result', ...rest }));
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
    if (!opts.quiet) printResult(ctx, result);
    if (result.error) {
      const status = session.connector.status();
      throw new CliError(`${result.error.message} — ${status.error?.fix ?? 'try again'}`);
    }
    return result.ok ? 0 : 1;
  } finally {
    off();
  }
}

export const syncCommand: Command = {
  name: 'sync',
  summary: 'Sync users and security activity now',
  usage: 'sync [--watch] [--json]',
  options: { watch: { type: 'boolean' } },
  async run(ctx) {
    const session = await openLocalSession(ctx.dataDir);
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
      offProgress();
      return stopping ? 0 : 1;
    } finally {
      await session.close();
    }
  },
};
