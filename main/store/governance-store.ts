// The governance log: append-only. Every step of every action (requested, queued, sending,
// succeeded, failed, refused…) is one event that is never rewritten; an action's current state
// is the fold of its events. So the log doubles as the queue — an action whose last event is
// `queued` is pending — and a process killed mid-action leaves the evidence of how far it got.
import path from 'node:path';
import type { Low } from 'lowdb';
import { z } from 'zod';
import { readOnlyError } from './read-only';
import type { StoreLayout } from './layout';
import { openValidatedDoc } from './validated-doc';
import type { CorruptionReport } from './types';

export const GOVERNANCE_ACTIONS = ['notify', 'signout', 'suspend', 'unsuspend'] as const;
export type GovernanceActionKind = (typeof GOVERNANCE_ACTIONS)[number];

export const GOVERNANCE_STATES = [
  'queued',
  'sending',
  'succeeded',
  'failed',
  'refused',
  'dry-run',
  'cancelled',
] as const;
export type GovernanceState = (typeof GOVERNANCE_STATES)[number];

const TargetSchema = z.object({
  id: z.string().max(256),
  email: z.string().max(320).nullable(),
  name: z.string().max(1000),
});
export type GovernanceTarget = z.infer<typeof TargetSchema>;

const EventSchema = z.object({
  seq: z.number().int().nonnegative(),
  at: z.number(),
  actionId: z.string().max(64),
  state: z.enum(GOVERNANCE_STATES),
  /** Only on the first event of an action. */
  request: z
    .object({
      action: z.enum(GOVERNANCE_ACTIONS),
      target: TargetSchema,
      reason: z.string().max(2000),
      alertId: z.string().max(128).nullable(),
      message: z.string().max(5000).nullable(),
      requestedBy: z.string().max(200),
      automatic: z.boolean(),
      retryOf: z.string().max(64).nullable(),
      revertOf: z.string().max(64).nullable(),
    })
    .optional(),
  /** Why it is queued / failed / refused, or what the success looked like, in plain words. */
  note: z.string().max(2000).nullable(),
  /** The provider's own error text, kept verbatim (bounded). */
  providerError: z.string().max(2000).nullable(),
  /** How the change was made (scim-patch, scim-put, graph) where there is a choice. */
  route: z.string().max(40).nullable(),
});
export type GovernanceEvent = z.infer<typeof EventSchema>;

const DocSchema = z.object({ v: z.literal(1), events: z.array(EventSchema) });
type Doc = z.infer<typeof DocSchema>;

/** One action as the log tells it (the fold of its events). */
export interface GovernanceRecord {
  id: string;
  action: GovernanceActionKind;
  target: GovernanceTarget;
  reason: string;
  alertId: string | null;
  message: string | null;
  requestedBy: string;
  automatic: boolean;
  retryOf: string | null;
  revertOf: string | null;
  requestedAt: number;
  state: GovernanceState;
  updatedAt: number;
  /** When the call last went out (null while it never did). */
  sentAt: number | null;
  attempts: number;
  note: string | null;
  providerError: string | null;
  route: string | null;
}

export type NewGovernanceEvent = Omit<GovernanceEvent, 'seq' | 'at' | 'note' | 'providerError' | 'route'> &
  Partial<Pick<GovernanceEvent, 'note' | 'providerError' | 'route'>>;

export class GovernanceLog {
  private readonly records = new Map<string, GovernanceRecord>();
  private constructor(
    private readonly db: Low<Doc>,
    private readonly now: () => number,
    readonly corruption: CorruptionReport | null,
    private readonly readOnly: string | null = null,
  ) {
    for (const e of db.data.events) this.fold(e);
  }

  static async open(layout: StoreLayout, now: () => number = Date.now): Promise<GovernanceLog> {
    // A damaged log is never silently replaced: it is the record of what was done, kept in quarantine.
    const { db, damaged } = await openValidatedDoc<Doc>({
      layout,
      file: path.join(layout.root, 'governance.json'),
      schema: DocSchema,
      empty: () => ({ v: 1, events: [] }),
      what: 'The governance log (actions taken on users and the queue of pending ones)',
      consequence:
        'Pending actions in it were not sent; the damaged file is kept in quarantine for review, ' +
        'and new actions start a fresh log.',
    });
    return new GovernanceLog(db, now, damaged, layout.readOnly);
  }

  private fold(e: GovernanceEvent): void {
    const prev = this.records.get(e.actionId);
    if (!prev) {
      if (!e.request) return; // an orphan continuation (never written by us): ignore, keep the event
      const r = e.request;
      this.records.set(e.actionId, {
        id: e.actionId,
        ...r,
        requestedAt: e.at,
        state: e.state,
        updatedAt: e.at,
        sentAt: e.state === 'sending' ? e.at : null,
        attempts: e.state === 'sending' ? 1 : 0,
        note: e.note,
        providerError: e.providerError,
        route: e.route,
      });
      return;
    }
    prev.state = e.state;
    prev.updatedAt = e.at;
    if (e.state === 'sending') {
      prev.sentAt = e.at;
      prev.attempts += 1;
    }
    prev.note = e.note ?? prev.note;
    prev.providerError = e.state === 'succeeded' ? null : (e.providerError ?? prev.providerError);
    prev.route = e.route ?? prev.route;
  }

  /** Appends one event and commits it before returning (the caller acts only after this). */
  async append(event: NewGovernanceEvent): Promise<GovernanceRecord> {
    if (this.readOnly) throw readOnlyError(this.readOnly);
    const events = this.db.data.events;
    const full: GovernanceEvent = EventSchema.parse({
      note: null,
      providerError: null,
      route: null,
      ...event,
      seq: events.length,
      at: this.now(),
    });
    events.push(full);
    try {
      await this.db.write();
    } catch (err) {
      events.pop();
      throw err;
    }
    this.fold(full);
    const rec = this.records.get(full.actionId);
    if (!rec) throw new Error(`Governance event for unknown action ${full.actionId}`);
    return structuredClone(rec);
  }

  get(id: string): GovernanceRecord | null {
    const r = this.records.get(id);
    return r ? structuredClone(r) : null;
  }

  /** Newest first. */
  list(filter: { state?: GovernanceState[]; targetId?: string; limit?: number } = {}): GovernanceRecord[] {
    const out: GovernanceRecord[] = [];
    const all = [...this.records.values()].sort((a, b) => b.requestedAt - a.requestedAt || (a.id < b.id ? 1 : -1));
    for (const r of all) {
      if (filter.state && !filter.state.includes(r.state)) continue;
      if (filter.targetId && r.target.id !== filter.targetId) continue;
      out.push(structuredClone(r));
      if (filter.limit && out.length >= filter.limit) break;
    }
    return out;
  }
}
