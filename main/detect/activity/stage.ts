// The admin's activity policies in the live pipeline: run after the anomaly policies over the
// same new activities; alerts go to the alert store; automatic governance actions are handed to
// a governance sink (queued in the store until the governance service takes them).
import type { IpFacts, IpIntel } from '../../intel/ip-facts';
import type { AlertDraft, QueuedAction } from '../../store/alert-store';
import type { PolicySnapshot } from '../../store/policy-store';
import type { StoredActivity, Store } from '../../store/types';
import { actorKey } from '../activity-kinds';
import type { ActivityPolicyStage } from '../detection';
import { activityPolicyId, evaluateActivityPolicy, newActivityPolicyState, type ActivityPolicyState } from './evaluate';

export interface GovernanceSink {
  /** Requests actions; they are carried out (or queued) by the governance service. */
  request(actions: Omit<QueuedAction, 'id' | 'state'>[]): Promise<void>;
}

/** Until the governance service takes them, requested actions wait in the store, visibly. */
export function storeQueueSink(store: Store): GovernanceSink {
  return { request: async (actions) => void (await store.alerts.queueActions(actions)) };
}

export function createActivityPolicyStage(opts: {
  store: Store;
  intel: IpIntel;
  governance?: GovernanceSink;
}): ActivityPolicyStage {
  const { store } = opts;
  const governance = opts.governance ?? storeQueueSink(store);
  const states = new Map<string, { updatedAt: number; state: ActivityPolicyState }>();
  /** Actions of the last run, waiting for their alerts' ids. */
  let pendingActions: { draft: AlertDraft; actions: QueuedAction['action'][]; alert: boolean; policy: string }[] = [];

  const names = (a: StoredActivity): string[] => {
    const key = actorKey(a);
    if (!key) return [];
    const u = store.users.peek(a.actor!);
    const out = [key];
    if (u?.email) out.push(u.email.toLowerCase(), u.email.toLowerCase().split('@')[0]!);
    if (u) out.push(u.id.toLowerCase());
    return out;
  };

  return {
    async run(items: readonly StoredActivity[], snapshot: PolicySnapshot): Promise<AlertDraft[]> {
      const drafts: AlertDraft[] = [];
      pendingActions = [];
      // Each address asked once per run, whichever policies ask (a range tagged applies next run).
      const known = new Map<string, IpFacts>();
      const facts = (ip: string | null) => {
        if (!ip) return null;
        let f = known.get(ip);
        if (!f) known.set(ip, (f = opts.intel.facts(ip)));
        return f;
      };
      for (const p of snapshot.activity) {
        if (!p.enabled) continue;
        let s = states.get(p.id);
        // An edited policy starts counting afresh (its windows meant something else).
        if (!s || s.updatedAt !== p.updatedAt) {
          s = { updatedAt: p.updatedAt, state: newActivityPolicyState() };
          states.set(p.id, s);
        }
        const findings = evaluateActivityPolicy(p, items, s.state, {
          facts,
          names,
          isOpen: (user, key) => store.alerts.openAlertId(activityPolicyId(p), user, key) !== null,
        });
        for (const f of findings) {
          if (f.alert) drafts.push(f.draft);
          if (p.actions.length)
            pendingActions.push({ draft: f.draft, actions: p.actions, alert: f.alert, policy: p.id });
        }
      }
      return drafts;
    },
    async afterAlerts(ids) {
      const requests: Omit<QueuedAction, 'id' | 'state'>[] = [];
      const seen = new Set<string>();
      for (const x of pendingActions) {
        if (!x.draft.user) continue;
        const alertId = x.alert ? (ids.get(x.draft) ?? null) : null;
        for (const action of x.actions) {
          // One request per user, action and alert: a continuing burst does not suspend twice.
          const k = `${action}|${x.draft.user}|${alertId ?? x.draft.key}`;
          if (seen.has(k)) continue;
          seen.add(k);
          requests.push({
            action,
            user: x.draft.user,
            alertId,
            policy: x.draft.policy,
            reason: x.draft.title,
            requestedAt: Date.now(),
          });
        }
      }
      pendingActions = [];
      if (requests.length) await governance.request(requests);
    },
  };
}
