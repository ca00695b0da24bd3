// The governance and posture slices of the facade: contract operations over main/govern and
// main/posture. Kept beside console.ts so the facade stays a table of one-liners.
import type { ConsoleApi } from '../../preload/contract';
import { governanceCsv, governanceJson } from '../govern/export';
import { countOtherActiveAdmins, resolveUser } from '../govern/governance';
import { checkSafety, locksOut } from '../govern/safety';
import { readGovernanceSettings, writeGovernanceSettings } from '../govern/settings';
import { renderNotifyMessage } from '../govern/notify-template';
import { governanceSettingsView } from '../govern/own-account';
import { evaluatePosture, setPostureStatus } from '../posture/posture';
import type { Store } from '../store/types';
import type { GovernanceWiring } from './governance-wiring';

/** "Suspend Ana <ana@x>" — and what it does, so the confirmation says who, what and why in one read. */
const STATEMENT = {
  suspend: (who: string) => `Suspend ${who}: every session ends and sign-in is refused until unsuspended`,
  unsuspend: (who: string) => `Unsuspend ${who}: they can sign in again`,
  signout: (who: string) => `Sign ${who} out of every session: they must sign in again everywhere`,
  notify: (who: string) => `Send ${who} a Work Chat message`,
};

export function governanceApi(store: Store, wiring: GovernanceWiring): ConsoleApi['governance'] {
  const { governance, log } = wiring;
  const settings = () => readGovernanceSettings(store.meta);
  return {
    log: async (input) => log.list({ state: input?.states, targetId: input?.user, limit: input?.limit ?? 1000 }),
    async preview({ action, user, reason, message }) {
      const u = resolveUser(store.users, user);
      const rendered =
        action === 'notify'
          ? renderNotifyMessage(message ?? settings().notifyTemplate, { name: u.name, alert: reason ?? 'an alert' })
          : null;
      const verdict = checkSafety({
        action,
        target: u,
        ownAccount: settings().ownAccount,
        otherActiveAdmins: countOtherActiveAdmins(store.users, u.id),
        // The preview asks for the typed confirmation; it does not check it.
        confirmAdmin: u.email ?? u.id,
        automatic: false,
        message: rendered,
      });
      return {
        action,
        target: { id: u.id, email: u.email, name: u.name, admin: u.admin, active: u.active },
        statement: `${STATEMENT[action](`${u.name} <${u.email ?? u.id}>`)}${reason ? `, because: ${reason}` : ''}.`,
        adminConfirmation: u.admin && locksOut(action) ? (u.email ?? u.id) : null,
        refusal: verdict.ok ? null : verdict.reason,
        message: rendered,
      };
    },
    run: async ({ action, user, reason, alertId, message, confirmAdmin }) => {
      const u = resolveUser(store.users, user);
      return governance.request({
        action,
        user: u.id,
        reason,
        alertId: alertId ?? null,
        message:
          action === 'notify'
            ? renderNotifyMessage(message ?? settings().notifyTemplate, { name: u.name, alert: reason })
            : null,
        confirmAdmin: confirmAdmin ?? null,
        requestedBy: 'admin',
      });
    },
    retry: async ({ id }) => governance.retry(id),
    revert: async ({ id, confirmAdmin }) => governance.revert(id, confirmAdmin ?? null),
    cancel: async ({ id }) => governance.cancel(id),
    flush: async () => governance.flush(),
    async export({ format }) {
      const records = log.list();
      const stamp = new Date().toISOString().slice(0, 10);
      return format === 'csv'
        ? { filename: `governance-log-${stamp}.csv`, mime: 'text/csv', content: governanceCsv(records) }
        : { filename: `governance-log-${stamp}.json`, mime: 'application/json', content: governanceJson(records) };
    },
    getSettings: async () => governanceSettingsView(store.meta),
    async updateSettings(patch) {
      // The own account must be someone the console knows, or the protection would be silent.
      if (patch.ownAccount) {
        const u = resolveUser(store.users, patch.ownAccount.trim());
        patch = { ...patch, ownAccount: u.email ?? u.id };
      }
      return writeGovernanceSettings(store.meta, patch);
    },
  };
}

export function postureApi(store: Store): ConsoleApi['posture'] {
  return {
    report: async () => evaluatePosture(store),
    async setStatus({ id, status }) {
      await setPostureStatus(store, id, status);
      return evaluatePosture(store);
    },
  };
}
