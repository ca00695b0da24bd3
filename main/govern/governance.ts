// One-click response, made safe: every action is logged before it is sent, checked against the
// safety rules at request time and again against a fresh read of the target just before the
// call, sent at most once (a double click or a retry finds the action already in flight), and
// never lost — offline, rate-limited or token-expired actions stay queued in the log and are
// sent when the connection returns.
import { GuardError } from '../runtime/errors';
import type {
  GovernanceActionKind,
  GovernanceLog,
  GovernanceRecord,
  GovernanceTarget,
} from '../store/governance-store';
import type { StoredUser, UserStore } from '../store/types';
import { WorkplaceApiError } from '../workplace/api-error';
import type { GovernanceCalls } from '../workplace/governance-calls';
import { checkSafety, type SafetySubject } from './safety';
import type { GovernanceSettings } from './settings';

export interface ActionRequest {
  action: GovernanceActionKind;
  /** Username (email) or id. */
  user: string;
  reason: string;
  alertId?: string | null;
  message?: string | null;
  confirmAdmin?: string | null;
  automatic?: boolean;
  requestedBy?: string;
  retryOf?: string | null;
  revertOf?: string | null;
  /** Check and log what would be done, send nothing (automatic actions in dry-run mode). */
  dryRun?: boolean;
}

export interface GovernanceDeps {
  log: GovernanceLog;
  users: UserStore;
  /** The organisation's governance calls, or null while not connected. */
  calls: () => Promise<GovernanceCalls | null>;
  settings: () => GovernanceSettings;
  /** Told after every change to an action (for events and the UI). */
  onChange?: (record: GovernanceRecord) => void;
}

/** A double click (or a CLI retry loop) within this window returns the action already taken. */
const REPEAT_WINDOW_MS = 60_000;

const IN_FLIGHT = new Set(['queued', 'sending']);

/** The action that undoes each one (a repeat of an action undone since is a new request). */
const OPPOSITE: Partial<Record<GovernanceActionKind, GovernanceActionKind>> = {
  suspend: 'unsuspend',
  unsuspend: 'suspend',
};

export interface Governance {
  request(req: ActionRequest): Promise<GovernanceRecord>;
  /** Sends every queued action (oldest first), each after a fresh safety check. */
  flush(): Promise<GovernanceRecord[]>;
  retry(id: string): Promise<GovernanceRecord>;
  revert(id: string, confirmAdmin?: string | null): Promise<GovernanceRecord>;
  cancel(id: string): Promise<GovernanceRecord>;
  /** Settles actions a killed process left half-sent; call once at open. */
  recover(): Promise<void>;
  pendingCount(): number;
}

/** Active system admins other than `targetId`: the last one is never suspended or signed out. */
export function countOtherActiveAdmins(users: UserStore, targetId: string): number {
  let n = 0;
  let cursor: string | null = null;
  do {
    const page = users.list(null, cursor, 1000);
    for (const u of page.items) if (u.admin && u.active && u.id !== targetId) n++;
    cursor = page.nextCursor;
  } while (cursor);
  return n;
}

export function resolveUser(users: UserStore, who: string): StoredUser {
  const u = users.get(who) ?? (who.includes('@') ? users.findByEmail(who) : null);
  if (!u) throw new GuardError('not_found', `No synced user is "${who.slice(0, 200)}" (use a username or an id).`);
  return u;
}

function describeTarget(u: StoredUser): GovernanceTarget {
  return { id: u.id, email: u.email, name: u.name };
}

/** What to do with an API failure: keep the action queued (it will work later) or fail it. */
function classify(err: unknown): { queue: boolean; note: string; providerError: string | null } {
  if (err instanceof WorkplaceApiError) {
    const provider = err.message.slice(0, 2000);
    switch (err.kind) {
      case 'token':
        return {
          queue: true,
          note: 'The Workplace token expired or was revoked: reconnect, then it is sent.',
          providerError: provider,
        };
      case 'rate_limited':
        return {
          queue: true,
          note: 'Workplace is rate-limiting the console: it is sent when the limit lifts.',
          providerError: provider,
        };
      case 'transient':
        return {
          queue: true,
          note: 'Workplace could not be reached: it is sent when the connection returns.',
          providerError: provider,
        };
      case 'permission':
        return {
          queue: false,
          note: 'The connection lacks the permission this action needs.',
          providerError: provider,
        };
      default:
        return { queue: false, note: 'Workplace refused the action.', providerError: provider };
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return {
    queue: true,
    note: 'The action could not be sent: it will be tried again.',
    providerError: message.slice(0, 2000),
  };
}

export function createGovernance(deps: GovernanceDeps): Governance {
  const { log, users } = deps;
  // One action at a time goes out: a second click waits for the first and then finds it done.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = chain.then(fn, fn);
    chain = run.catch(() => undefined);
    return run;
  };

  const changed = (r: GovernanceRecord) => {
    deps.onChange?.(r);
    return r;
  };

  function safety(
    rec: Pick<GovernanceRecord, 'action' | 'automatic' | 'message'>,
    subject: SafetySubject,
    confirm: string | null,
  ) {
    return checkSafety({
      action: rec.action,
      target: subject,
      ownAccount: deps.settings().ownAccount,
      otherActiveAdmins: countOtherActiveAdmins(users, subject.id),
      confirmAdmin: confirm,
      automatic: rec.automatic,
      message: rec.message,
    });
  }

  async function send(id: string): Promise<GovernanceRecord> {
    const rec = log.get(id);
    if (!rec) throw new GuardError('not_found', `No governance action ${id}.`);
    if (rec.state !== 'queued') return rec;
    const calls = await deps.calls();
    if (!calls) {
      return changed(
        await log.append({
          actionId: id,
          state: 'queued',
          note: 'Not connected to the organisation: it is sent when the connection returns.',
        }),
      );
    }
    const local = users.get(rec.target.id);
    try {
      // Re-read the target just before acting: a stale screen must not act on the wrong state.
      const remote = await calls.readUser(rec.target.id);
      const subject: SafetySubject = {
        id: rec.target.id,
        email: remote.userName ?? rec.target.email,
        name: rec.target.name,
        admin: local?.admin ?? false,
        active: remote.active,
      };
      // The typed admin confirmation was checked when the action was requested; every other
      // rule is checked again against the fresh state.
      const verdict = safety(rec, subject, subject.email ?? subject.id);
      if (!verdict.ok) {
        return changed(await log.append({ actionId: id, state: 'refused', note: verdict.reason }));
      }
      if ((rec.action === 'suspend' && !remote.active) || (rec.action === 'unsuspend' && remote.active)) {
        const r = await log.append({
          actionId: id,
          state: 'succeeded',
          note:
            `${rec.target.email ?? rec.target.name} was already ${remote.active ? 'active' : 'suspended'}: ` +
            'nothing was sent.',
        });
        await reflectLocally(rec.target.id, remote.active);
        return changed(r);
      }
      changed(await log.append({ actionId: id, state: 'sending', note: 'Sending to Workplace.' }));
      switch (rec.action) {
        case 'suspend':
        case 'unsuspend': {
          const want = rec.action === 'unsuspend';
          const { route } = await calls.setActive(rec.target.id, want);
          await reflectLocally(rec.target.id, want);
          return changed(
            await log.append({
              actionId: id,
              state: 'succeeded',
              route,
              note: want ? 'Active again (read back from Workplace).' : 'Suspended (read back from Workplace).',
            }),
          );
        }
        case 'signout':
          await calls.signOut(rec.target.id);
          return changed(await log.append({ actionId: id, state: 'succeeded', note: 'Signed out of all sessions.' }));
        case 'notify': {
          const { messageId } = await calls.message(rec.target.id, rec.message ?? '');
          return changed(
            await log.append({
              actionId: id,
              state: 'succeeded',
              note: messageId ? `Message delivered (id ${messageId}).` : 'Message delivered.',
            }),
          );
        }
      }
    } catch (err) {
      const c = classify(err);
      return changed(
        await log.append({
          actionId: id,
          state: c.queue ? 'queued' : 'failed',
          note: c.note,
          providerError: c.providerError,
        }),
      );
    }
  }

  async function reflectLocally(userId: string, active: boolean): Promise<void> {
    const u = users.get(userId);
    // The local record shows the new state at once; the next sync confirms it from Workplace.
    if (u && u.active !== active) await users.upsertMany([{ ...u, active }]);
  }

  async function request(req: ActionRequest): Promise<GovernanceRecord> {
    const reason = req.reason.trim();
    if (!reason) throw new GuardError('invalid_input', 'Say why (a reason or an alert) before acting on a user.');
    const target = resolveUser(users, req.user);
    return serial(async () => {
      const recent = log.list({ targetId: target.id, limit: 50 });
      const repeat = recent.find(
        (r) =>
          r.action === req.action &&
          (IN_FLIGHT.has(r.state) || (r.state === 'succeeded' && Date.now() - r.updatedAt < REPEAT_WINDOW_MS)),
      );
      // A suspend undone since (reverted, unsuspended) is no double click: the new request is meant.
      const undone =
        repeat?.state === 'succeeded' &&
        recent.some(
          (r) => r.state === 'succeeded' && r.action === OPPOSITE[repeat.action] && r.requestedAt >= repeat.requestedAt,
        );
      if (repeat && !undone) return repeat;
      const automatic = req.automatic ?? false;
      const message = req.action === 'notify' ? (req.message ?? '').trim() || null : null;
      const confirm = req.confirmAdmin ?? null;
      const verdict = safety({ action: req.action, automatic, message }, target, confirm);
      const base = {
        actionId: newActionId(),
        request: {
          action: req.action,
          target: describeTarget(target),
          reason: reason.slice(0, 2000),
          alertId: req.alertId ?? null,
          message,
          requestedBy: req.requestedBy ?? 'admin',
          automatic,
          retryOf: req.retryOf ?? null,
          revertOf: req.revertOf ?? null,
        },
      };
      if (!verdict.ok) {
        changed(await log.append({ ...base, state: 'refused', note: verdict.reason }));
        throw new GuardError('refused', verdict.reason);
      }
      if (req.dryRun) {
        const who = target.email ?? target.name;
        return changed(
          await log.append({ ...base, state: 'dry-run', note: `Dry run: would have done ${req.action} on ${who}.` }),
        );
      }
      const queued = changed(await log.append({ ...base, state: 'queued', note: 'Waiting to send.' }));
      return send(queued.id);
    });
  }

  return {
    request,
    flush: () =>
      serial(async () => {
        const out: GovernanceRecord[] = [];
        for (const r of log.list({ state: ['queued'] }).reverse()) out.push(await send(r.id));
        return out;
      }),
    async retry(id) {
      const rec = log.get(id);
      if (!rec) throw new GuardError('not_found', `No governance action ${id}.`);
      if (rec.state !== 'failed' && rec.state !== 'cancelled')
        throw new GuardError(
          'invalid_input',
          `Only a failed or cancelled action can be retried (this one is ${rec.state}).`,
        );
      return request({
        action: rec.action,
        user: rec.target.id,
        reason: rec.reason,
        alertId: rec.alertId,
        message: rec.message,
        confirmAdmin: rec.target.email,
        retryOf: rec.id,
      });
    },
    async revert(id, confirmAdmin = null) {
      const rec = log.get(id);
      if (!rec) throw new GuardError('not_found', `No governance action ${id}.`);
      if (rec.action !== 'suspend' || rec.state !== 'succeeded')
        throw new GuardError('invalid_input', 'Only a suspend that succeeded can be reverted.');
      return request({
        action: 'unsuspend',
        user: rec.target.id,
        reason: `Revert of ${rec.id}: ${rec.reason}`.slice(0, 2000),
        confirmAdmin,
        revertOf: rec.id,
      });
    },
    cancel: (id) =>
      serial(async () => {
        const rec = log.get(id);
        if (!rec) throw new GuardError('not_found', `No governance action ${id}.`);
        if (rec.state !== 'queued') throw new GuardError('invalid_input', `Only a queued action can be cancelled.`);
        return changed(await log.append({ actionId: id, state: 'cancelled', note: 'Cancelled by the admin.' }));
      }),
    recover: () =>
      serial(async () => {
        for (const r of log.list({ state: ['sending'] })) {
          if (r.action === 'suspend' || r.action === 'unsuspend') {
            // Safe to send again: send() reads the user first and skips if the change landed.
            changed(
              await log.append({
                actionId: r.id,
                state: 'queued',
                note: 'The console stopped while sending; the user is re-read before anything is sent again.',
              }),
            );
          } else {
            changed(
              await log.append({
                actionId: r.id,
                state: 'failed',
                note:
                  'The console stopped while this was being sent, so it may or may not have reached Workplace. ' +
                  'Check, then retry from the log if needed.',
              }),
            );
          }
        }
      }),
    pendingCount: () => log.list({ state: ['queued', 'sending'] }).length,
  };
}

function newActionId(): string {
  return `ga_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 10)}`;
}
