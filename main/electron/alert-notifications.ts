// Which new alerts become an OS notification in the desktop app, and what it says (issue 9
// req 6). Pure, so it is tested where Electron cannot run; alert-notifier.ts is the thin glue.
// Only High alerts interrupt the admin, and a burst never becomes a burst of notifications: a
// few alone per minute, then one summary that counts the rest and opens the queue.

export interface NotifiableAlert {
  id: string;
  severity: string;
  status: string;
  title: string;
  users: string[];
  policyName: string;
}

/** One notification to show. `alertId` null: a summary, whose click opens the Alerts queue. */
export interface AlertNotice {
  title: string;
  body: string;
  alertId: string | null;
}

export interface AlertNotificationLimits {
  /** Individual notifications allowed per window; past it, one summary for the window. */
  perWindow: number;
  windowMs: number;
  /** Alert ids remembered so an alert announced twice is shown once (bounded). */
  remember: number;
}

export const DEFAULT_NOTIFICATION_LIMITS: AlertNotificationLimits = {
  perWindow: 3,
  windowMs: 60_000,
  remember: 5_000,
};

const MAX_TITLE = 120;
const MAX_BODY = 240;
const MAX_NAMED_USERS = 3;

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

function usersPhrase(users: string[]): string {
  if (users.length === 0) return 'no user named';
  const named = users.slice(0, MAX_NAMED_USERS).join(', ');
  return users.length > MAX_NAMED_USERS ? `${named} and ${users.length - MAX_NAMED_USERS} more` : named;
}

export function noticeFor(alert: NotifiableAlert): AlertNotice {
  return {
    title: clip(`High alert: ${alert.title}`, MAX_TITLE),
    body: clip(`${usersPhrase(alert.users)} — ${alert.policyName}. Click to open the alert.`, MAX_BODY),
    alertId: alert.id,
  };
}

export function summaryFor(count: number): AlertNotice {
  return {
    title: `${count} new High alert${count === 1 ? '' : 's'}`,
    body: 'More High alerts arrived than can be shown one by one. Click to open the Alerts queue.',
    alertId: null,
  };
}

/**
 * Decides, batch by batch (one `alerts.new` event each), what to show. Within a window the first
 * `perWindow` High alerts are shown alone; a batch that does not fit is folded into one summary;
 * once a summary was shown in a window, later High alerts in it wait for `flush()` (which the
 * glue calls when `flushDueAt()` comes), so the count in the next summary is complete.
 */
export class AlertNotificationPolicy {
  private windowStart = Number.NEGATIVE_INFINITY;
  private shownInWindow = 0;
  private summaryInWindow = false;
  private pending = 0;
  private readonly seen = new Set<string>();

  constructor(
    private readonly limits: AlertNotificationLimits = DEFAULT_NOTIFICATION_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The notices for one batch of new alerts; `enabled` is the admin's notifications setting. */
  decide(alerts: NotifiableAlert[], enabled: boolean): AlertNotice[] {
    const fresh = alerts.filter((a) => a.severity === 'High' && a.status === 'New' && this.remember(a.id));
    if (!enabled || fresh.length === 0) return [];
    this.rollWindow();
    if (this.pending > 0 && !this.summaryInWindow) {
      // A window ended with alerts held back and nobody flushed: they go in this summary.
      const count = this.pending + fresh.length;
      this.pending = 0;
      this.summaryInWindow = true;
      return [summaryFor(count)];
    }
    if (this.summaryInWindow) {
      this.pending += fresh.length;
      return [];
    }
    if (this.shownInWindow + fresh.length <= this.limits.perWindow) {
      this.shownInWindow += fresh.length;
      return fresh.map(noticeFor);
    }
    this.summaryInWindow = true;
    return [summaryFor(fresh.length)];
  }

  /** When the glue should call flush(), or null when nothing waits. */
  flushDueAt(): number | null {
    return this.pending > 0 ? this.windowStart + this.limits.windowMs : null;
  }

  /** The summary of alerts held back in a window that has now ended (or nothing yet). */
  flush(): AlertNotice[] {
    if (this.pending === 0 || this.now() < this.windowStart + this.limits.windowMs) return [];
    const count = this.pending;
    this.pending = 0;
    this.windowStart = this.now();
    this.shownInWindow = 0;
    this.summaryInWindow = true;
    return [summaryFor(count)];
  }

  private rollWindow(): void {
    if (this.now() - this.windowStart < this.limits.windowMs) return;
    this.windowStart = this.now();
    this.shownInWindow = 0;
    this.summaryInWindow = false;
  }

  private remember(id: string): boolean {
    if (this.seen.has(id)) return false;
    if (this.seen.size >= this.limits.remember) this.seen.delete(this.seen.values().next().value as string);
    this.seen.add(id);
    return true;
  }
}
