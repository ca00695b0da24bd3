// The desktop app's OS notifications for new High alerts: listens to `alerts.new`, asks the pure
// AlertNotificationPolicy what to show, and shows it with Electron's Notification. A click brings
// the window forward and navigates through the contract's `app.navigate` event — to the alert,
// or to the Alerts queue for a summary.
import { Notification } from 'electron';
import type { GuardEvents } from '../runtime/events';
import { AlertNotificationPolicy, type AlertNotice, type NotifiableAlert } from './alert-notifications';

/** Ids looked up per `alerts.new` event: a batch larger than this is summarised from its first part. */
const MAX_IDS_PER_BATCH = 1_000;

export interface AlertNotifierDeps {
  events: GuardEvents;
  alert(id: string): NotifiableAlert | null;
  /** The admin's notifications setting, read at each batch. */
  enabled(): boolean;
  /** Brings the main window forward (restoring it if minimised). */
  focusWindow(): void;
}

export function startAlertNotifier(deps: AlertNotifierDeps): () => void {
  const policy = new AlertNotificationPolicy();
  let flushTimer: NodeJS.Timeout | null = null;
  // Electron drops a Notification that nothing references, with its click handler: keep them.
  const live = new Set<Notification>();

  const show = (notices: AlertNotice[]) => {
    if (!Notification.isSupported()) return;
    for (const notice of notices) {
      const n = new Notification({ title: notice.title, body: notice.body });
      live.add(n);
      n.on('click', () => {
        deps.focusWindow();
        deps.events.emit('app.navigate', {
          screen: 'alerts',
          ...(notice.alertId ? { params: { alert: notice.alertId } } : {}),
        });
      });
      n.on('close', () => live.delete(n));
      n.show();
    }
  };

  const scheduleFlush = () => {
    const due = policy.flushDueAt();
    if (due === null || flushTimer) return;
    flushTimer = setTimeout(
      () => {
        flushTimer = null;
        show(policy.flush());
        scheduleFlush();
      },
      Math.max(0, due - Date.now()),
    );
    flushTimer.unref();
  };

  const off = deps.events.on('alerts.new', ({ ids }) => {
    const alerts = ids
      .slice(0, MAX_IDS_PER_BATCH)
      .map((id) => deps.alert(id))
      .filter((a): a is NotifiableAlert => a !== null);
    show(policy.decide(alerts, deps.enabled()));
    scheduleFlush();
  });
  return () => {
    off();
    if (flushTimer) clearTimeout(flushTimer);
    live.clear();
  };
}
