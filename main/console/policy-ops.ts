// The policies slice of the facade: the eight anomaly policies (enabled, sensitivity, numeric
// settings, scope) and the admin's activity policies (create, update, delete) with the replay that
// shows what a new or edited one would have raised over stored history before it is saved.
import type { ActivityPolicyInput, ConsoleApi } from '../../preload/contract';
import { replayActivityPolicy } from '../detect/activity/replay';
import { ACTIVITY_TEMPLATES } from '../detect/activity/templates';
import { ANOMALY_POLICIES, anomalyPolicy } from '../detect/policies/index';
import { threshold, type AnomalyPolicy } from '../detect/types';
import type { IpIntel } from '../intel/ip-facts';
import { GuardError } from '../runtime/errors';
import type { ActivityPolicy, AnomalyPolicyConfig } from '../store/policy-store';
import type { Store } from '../store/types';
import type { DetectionIntel } from './detection-ops';

/** Replay in a console without intel: addresses are simply unknown. */
const NO_FACTS: IpIntel = {
  facts: (ip) => ({ ip, asn: null, asOrg: null, network: null, lists: [], range: null }),
  bordering: () => false,
};

function anomalyView(p: AnomalyPolicy, c: AnomalyPolicyConfig) {
  return {
    id: p.id,
    kind: 'anomaly' as const,
    name: p.name,
    description: p.description,
    severity: p.severity,
    mitre: p.mitre,
    enabled: c.enabled,
    sensitivity: c.sensitivity,
    includeUsers: c.includeUsers,
    excludeUsers: c.excludeUsers,
    settings: Object.entries(p.thresholds).map(([name, row]) => ({
      name,
      low: row.Low,
      medium: row.Medium,
      high: row.High,
      override: typeof c.params[name] === 'number' ? c.params[name] : null,
      current: threshold(p, c, name),
    })),
  };
}

const activityView = (p: ActivityPolicy) => ({ ...p, kind: 'activity' as const, policy: `activity:${p.id}` });
const bareActivityId = (id: string) => (id.startsWith('activity:') ? id.slice('activity:'.length) : id);

function withTimes(p: ActivityPolicyInput, createdAt: number): ActivityPolicy {
  return { ...p, createdAt, updatedAt: Date.now() };
}

export function policiesApi(store: Store, intel: DetectionIntel | null): ConsoleApi['policies'] {
  const anomaly = (id: string) => {
    const p = anomalyPolicy(id);
    if (!p) throw new GuardError('not_found', `There is no anomaly policy ${id}.`);
    return p;
  };
  return {
    list: () =>
      Promise.resolve({
        anomaly: ANOMALY_POLICIES.map((p) => anomalyView(p, store.policies.anomalyConfig(p.id))),
        activity: store.policies.snapshot().activity.map(activityView),
        templates: ACTIVITY_TEMPLATES.map((t) => structuredClone(t)),
      }),
    get({ id }) {
      const p = anomalyPolicy(id);
      if (p) return Promise.resolve(anomalyView(p, store.policies.anomalyConfig(p.id)));
      const a = store.policies.activityPolicy(bareActivityId(id));
      if (!a) throw new GuardError('not_found', `There is no policy ${id}.`);
      return Promise.resolve(activityView(a));
    },
    async update({ id, enabled, sensitivity, includeUsers, excludeUsers, params }) {
      const p = anomaly(id);
      for (const name of Object.keys(params ?? {})) {
        if (!(name in p.thresholds)) {
          throw new GuardError(
            'invalid_input',
            `${p.name} has no setting "${name}". Settings: ${Object.keys(p.thresholds).join(', ')}.`,
          );
        }
      }
      const next = await store.policies.setAnomalyConfig(p.id, (c) => {
        const merged = { ...c.params };
        for (const [k, v] of Object.entries(params ?? {})) {
          if (v === null) delete merged[k];
          else merged[k] = v;
        }
        return {
          enabled: enabled ?? c.enabled,
          sensitivity: sensitivity ?? c.sensitivity,
          includeUsers: includeUsers ?? c.includeUsers,
          excludeUsers: excludeUsers ?? c.excludeUsers,
          params: merged,
        };
      });
      return anomalyView(p, next);
    },
    async createActivity({ policy }) {
      if (store.policies.activityPolicy(policy.id)) {
        throw new GuardError('refused', `An activity policy with id ${policy.id} exists: choose another id.`);
      }
      return activityView(await store.policies.saveActivityPolicy(withTimes(policy, Date.now())));
    },
    async updateActivity({ policy }) {
      const existing = store.policies.activityPolicy(policy.id);
      if (!existing) throw new GuardError('not_found', `There is no activity policy ${policy.id}.`);
      return activityView(await store.policies.saveActivityPolicy(withTimes(policy, existing.createdAt)));
    },
    async deleteActivity({ id }) {
      if (!(await store.policies.deleteActivityPolicy(bareActivityId(id)))) {
        throw new GuardError('not_found', `There is no activity policy ${id}.`);
      }
      return { ok: true as const };
    },
    async replay({ policy, since, until, limit }) {
      const r = await replayActivityPolicy(store, intel ?? NO_FACTS, withTimes(policy, Date.now()), {
        since,
        until,
        limit,
      });
      return {
        policy: r.policy,
        scanned: r.scanned,
        matches: r.matches,
        alertCount: r.alertCount,
        heldBackByDailyLimit: r.heldBackByDailyLimit,
        alerts: r.alerts.map((d) => ({
          at: d.at,
          user: d.user,
          severity: d.severity,
          title: d.title,
          description: d.description,
          activityCount: d.activityIds.length,
        })),
      };
    },
  };
}
