// Open alerts, live: the counts the navigation shows, refreshed when detection raises alerts (the
// `alerts.new` event) or the admin changes one; each new batch is announced in a toast.
import { create } from 'zustand';
import type { AlertCounts } from '../../../preload/contract';
import { guard, onEvent } from '../guard';
import { toast } from './toasts';

export const useOpenAlerts = create<{ counts: AlertCounts | null; version: number }>(() => ({
  counts: null,
  version: 0,
}));

export function refreshOpenAlerts(): void {
  guard.alerts.counts().then(
    (counts) => useOpenAlerts.setState((s) => ({ counts, version: s.version + 1 })),
    // The badge keeps its last value; the Alerts screen shows the error itself.
    () => {},
  );
}

async function announce(ids: string[]): Promise<void> {
  const first = await guard.alerts.get({ id: ids[0]! });
  const more = ids.length > 1 ? ` and ${ids.length - 1} more` : '';
  toast({
    tone: first.severity === 'High' ? 'error' : 'info',
    title: `New ${first.severity} alert${more ? 's' : ''}: ${first.title}`,
    message: `${first.users.join(', ') || first.policyName}${more}`,
  });
}

/** Starts following; returns the unsubscribe function. */
export function followAlertEvents(): () => void {
  refreshOpenAlerts();
  return onEvent('alerts.new', ({ ids }) => {
    refreshOpenAlerts();
    if (ids.length) announce(ids).catch(() => toast({ tone: 'info', title: `${ids.length} new alerts` }));
  });
}
