// Automatic actions chosen on a policy (activity or anomaly): the same safety rules as a click,
// plus two brakes an admin expects of automation — a dry-run mode that only logs what would
// have happened, and a cap on automatic suspends per 24 hours. Every record is marked
// automatic and names the policy and the alert.
import { GuardError } from '../runtime/errors';
import type { GovernanceActionKind, GovernanceLog, GovernanceRecord } from '../store/governance-store';
import type { Governance } from './governance';
import { renderNotifyMessage } from './notify-template';
import type { GovernanceSettings } from './settings';

export interface AutomaticActionRequest {
  policyId: string;
  alertId: string;
  alertTitle: string;
  /** The user the alert is about (id or username). */
  user: string;
  userName: string;
  actions: GovernanceActionKind[];
}

export interface AutomaticGovernance {
  /** Runs (or, in dry-run mode, logs) each action; refusals are logged, never thrown. */
  handle(req: AutomaticActionRequest): Promise<GovernanceRecord[]>;
}

const DAY_MS = 86_400_000;

export function createAutomaticGovernance(deps: {
  governance: Governance;
  log: GovernanceLog;
  settings: () => GovernanceSettings;
  now?: () => number;
}): AutomaticGovernance {
  const now = deps.now ?? Date.now;
  const suspendsToday = () =>
    deps.log
      .list({ state: ['queued', 'sending', 'succeeded'] })
      .filter((r) => r.automatic && r.action === 'suspend' && now() - r.requestedAt < DAY_MS).length;

  return {
    async handle(req) {
      const settings = deps.settings();
      const out: GovernanceRecord[] = [];
      for (const action of req.actions) {
        if (action === 'unsuspend') continue; // never automatic: undoing a response is the admin's call
        const reason = `Policy ${req.policyId}: ${req.alertTitle}`.slice(0, 2000);
        const base = {
          action,
          user: req.user,
          reason,
          alertId: req.alertId,
          automatic: true,
          requestedBy: `policy:${req.policyId}`,
          dryRun: settings.automaticDryRun,
          message:
            action === 'notify'
              ? renderNotifyMessage(settings.notifyTemplate, { name: req.userName, alert: req.alertTitle })
              : null,
        } as const;
        if (action === 'suspend' && !settings.automaticDryRun && suspendsToday() >= settings.automaticSuspendsPerDay) {
          out.push(
            await deps.log.append({
              actionId: `ga_cap_${now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`,
              state: 'refused',
              note:
                `The daily cap of ${settings.automaticSuspendsPerDay} automatic suspends is reached: suspend by ` +
                `hand if needed.`,
              request: {
                action,
                target: { id: req.user, email: null, name: req.userName },
                reason,
                alertId: req.alertId,
                message: null,
                requestedBy: base.requestedBy,
                automatic: true,
                retryOf: null,
                revertOf: null,
              },
            }),
          );
          continue;
        }
        try {
          out.push(await deps.governance.request(base));
        } catch (err) {
          // A refusal is already in the log; anything else is recorded so it is never silent.
          if (!(err instanceof GuardError) || err.code !== 'refused') throw err;
        }
      }
      return out;
    },
  };
}
