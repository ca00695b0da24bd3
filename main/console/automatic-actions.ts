// Hands the automatic governance actions detection queued (in the alert store, so they survive
// a restart) to governance, which checks them like a click, honours dry run and the daily cap,
// and logs them as automatic. An action is marked handed over only after the governance log
// holds it; one already logged for the same alert, user and action is never requested twice.
import { createAutomaticGovernance } from '../govern/automatic';
import type { GovernanceWiring } from './governance-wiring';
import { readGovernanceSettings } from '../govern/settings';
import type { GovernanceActionKind } from '../store/governance-store';
import type { Store } from '../store/types';

const KIND: Record<string, GovernanceActionKind> = { notify: 'notify', logout: 'signout', suspend: 'suspend' };

export interface AutomaticActions {
  /** Hands over everything queued; safe to call often (one run at a time). */
  drain(): Promise<number>;
}

export function startAutomaticActions(store: Store, wiring: GovernanceWiring): AutomaticActions {
  const automatic = createAutomaticGovernance({
    governance: wiring.governance,
    log: wiring.log,
    settings: () => readGovernanceSettings(store.meta),
  });
  let running: Promise<number> | null = null;

  async function drainOnce(): Promise<number> {
    if (store.readOnly) return 0;
    let handed = 0;
    for (const q of store.alerts.queuedActions()) {
      const kind = KIND[q.action];
      const user = store.users.get(q.user) ?? store.users.findByEmail(q.user);
      if (kind && user) {
        const logged = wiring.log
          .list({ targetId: user.id })
          .some((r) => r.automatic && r.alertId === q.alertId && r.action === kind);
        if (!logged) {
          const alert = q.alertId ? store.alerts.get(q.alertId) : null;
          await automatic.handle({
            policyId: q.policy,
            alertId: q.alertId ?? '',
            alertTitle: alert?.title ?? q.reason,
            user: user.id,
            userName: user.name,
            actions: [kind],
          });
        }
      }
      // An action for a user the console does not know cannot be checked: it is dropped from the
      // queue, and the alert it came from still shows the activity.
      await store.alerts.markHandedOver([q.id]);
      handed++;
    }
    return handed;
  }

  return {
    drain() {
      running ??= drainOnce().finally(() => {
        running = null;
      });
      return running;
    },
  };
}
