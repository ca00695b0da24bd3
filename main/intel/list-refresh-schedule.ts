// Scheduled refresh of the threat and anonymity lists, for a console that runs for days (the
// app, `serve`): opt-in twice over — online refresh on, and a schedule chosen — because it
// reaches the Internet on its own. Each list is refreshed once its last attempt is a day old; a
// failed attempt is retried after an hour (the previous copy stays in use meanwhile).
import type { IpLists, ListStatus, RefreshResult } from './ip-lists';
import type { ListSchedule } from './list-state';

const HOUR = 3_600_000;
export const SCHEDULE_INTERVAL_MS: Record<Exclude<ListSchedule, 'off'>, number> = { daily: 24 * HOUR };
/** A failed scheduled refresh (offline, the publisher down) is tried again this much later. */
export const RETRY_AFTER_FAILURE_MS = HOUR;
/** How often a running console looks for lists that are due. */
export const CHECK_EVERY_MS = 15 * 60_000;

export interface ListsSettings {
  online: boolean;
  schedule: ListSchedule;
}

/** When `list` is next refreshed by the schedule; null when no schedule applies. */
export function nextScheduledRefresh(list: ListStatus, settings: ListsSettings, now: number): number | null {
  if (!settings.online || settings.schedule === 'off') return null;
  if (list.lastAttemptAt === null) return now;
  const wait = list.lastError !== null ? RETRY_AFTER_FAILURE_MS : SCHEDULE_INTERVAL_MS[settings.schedule];
  return list.lastAttemptAt + wait;
}

/** The ids of the lists the schedule should refresh at `now`. */
export function listsDue(status: ListStatus[], settings: ListsSettings, now: number): string[] {
  return status
    .filter((l) => {
      const next = nextScheduledRefresh(l, settings, now);
      return next !== null && next <= now;
    })
    .map((l) => l.id);
}

export interface ListRefreshSchedule {
  /** Refreshes whatever is due now (the timer calls it; tests call it). One check at a time. */
  check(): Promise<RefreshResult[]>;
  stop(): void;
}

export interface ListRefreshScheduleOptions {
  lists: IpLists;
  now?: () => number;
  checkEveryMs?: number;
  /** The first check, soon after start (not at once: opening the console comes first). */
  firstCheckAfterMs?: number;
  /** Told of each refresh the schedule ran (logged by the caller). */
  onRefreshed?: (results: RefreshResult[]) => void;
  onError?: (message: string) => void;
}

export function startListRefreshSchedule(opts: ListRefreshScheduleOptions): ListRefreshSchedule {
  const now = opts.now ?? Date.now;
  let running: Promise<RefreshResult[]> | null = null;
  let stopped = false;

  const runDue = async (): Promise<RefreshResult[]> => {
    const due = listsDue(opts.lists.status(now()), opts.lists.settings(), now());
    if (due.length === 0) return [];
    const results = await opts.lists.refresh({ ids: due, now: now() });
    opts.onRefreshed?.(results);
    return results;
  };

  const check = (): Promise<RefreshResult[]> => {
    if (stopped) return Promise.resolve([]);
    running ??= runDue().finally(() => (running = null));
    return running;
  };

  const tick = () => {
    check().catch((err: unknown) =>
      opts.onError?.(`Scheduled IP list refresh failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  };
  const first = setTimeout(tick, opts.firstCheckAfterMs ?? 60_000);
  first.unref();
  const timer = setInterval(tick, opts.checkEveryMs ?? CHECK_EVERY_MS);
  timer.unref();

  return {
    check,
    stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
