// Alerts (detections.md "Alerts") in one lowdb file: a few tens of thousands of alerts are a few
// MB, small enough to hold and rewrite whole, and every change is one atomic write. De-duplication
// (one open alert per policy, user and key), keyset-paged queries, the admin's status changes
// with their history, system alerts (connector in Error), per-user investigation priority, and
// the queue of automatic governance actions waiting for the governance service.
import path from 'node:path';
import type { Low } from 'lowdb';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from './cursor';
import type { StoreLayout } from './layout';
import { openValidatedDoc } from './validated-doc';
import type { CorruptionReport, Page } from './types';

export type AlertSeverity = 'Informational' | 'Low' | 'Medium' | 'High';
export type AlertStatus = 'New' | 'In progress' | 'Resolved';
export type AlertClassification = 'True positive' | 'Informational / expected activity' | 'False positive';
export const ALERT_STATUSES: readonly AlertStatus[] = ['New', 'In progress', 'Resolved'];
export const ALERT_CLASSIFICATIONS: readonly AlertClassification[] = [
  'True positive',
  'Informational / expected activity',
  'False positive',
];
const SEVERITY_RANK: Record<AlertSeverity, number> = { Informational: 0, Low: 1, Medium: 2, High: 3 };

/** What a policy hands the store when it fires. */
export interface AlertDraft {
  policy: string;
  policyName: string;
  key: string;
  user: string | null;
  severity: AlertSeverity;
  mitre: string;
  title: string;
  description: string;
  at: number;
  activityIds: string[];
  ips: string[];
  countries: string[];
  evidence: Record<string, unknown>;
}

export interface AlertChange {
  at: number;
  by: string;
  field: 'status' | 'classification' | 'comment' | 'severity' | 'created' | 'tuning';
  from: string | null;
  to: string | null;
  comment: string | null;
}

export interface Alert {
  id: string;
  createdAt: number;
  updatedAt: number;
  policy: string;
  policyName: string;
  key: string;
  severity: AlertSeverity;
  mitre: string;
  title: string;
  description: string;
  users: string[];
  ips: string[];
  countries: string[];
  activityIds: string[];
  /** One entry per firing merged into this alert, newest last (bounded). */
  evidence: { at: number; values: Record<string, unknown> }[];
  /** Times the behaviour fired while this alert was open. */
  count: number;
  firstSeen: number;
  lastSeen: number;
  status: AlertStatus;
  classification: AlertClassification | null;
  comment: string | null;
  history: AlertChange[];
}

export interface AlertQuery {
  status?: AlertStatus;
  severity?: AlertSeverity;
  policy?: string;
  user?: string;
  since?: number;
  until?: number;
}

export interface PriorityBreakdown {
  user: string;
  score: number;
  alerts: {
    id: string;
    policy: string;
    severity: AlertSeverity;
    weight: number;
    ageDays: number;
    contribution: number;
  }[];
}

/** An automatic governance action an activity policy asked for, waiting for the governance service. */
export interface QueuedAction {
  id: string;
  action: 'notify' | 'logout' | 'suspend';
  user: string;
  alertId: string | null;
  policy: string;
  reason: string;
  requestedAt: number;
  state: 'queued' | 'handed-over';
}

const MAX_ACTIVITY_IDS = 500;
const MAX_EVIDENCE = 20;
const MAX_LIST = 100;
/** Open alerts weigh on a user's priority for a week, fading linearly (detections.md-style triage). */
export const PRIORITY_DECAY_MS = 7 * 86_400_000;

/**
 * When an alert last fired, for triage: raised (the console's clock) or seen again (the activity's
 * time), whichever is later. A back-fill that raises an alert today about last month's activity
 * puts it in front of the admin today, so it weighs fully today; by activity time alone it would
 * count for nothing while still open and never looked at.
 */
function firedAt(a: { lastSeen: number; createdAt: number }): number {
  return Math.max(a.lastSeen, a.createdAt);
}

/** How much of its severity's weight an open alert still adds, 1 when it just fired, 0 after a week. */
function priorityFactor(a: { lastSeen: number; createdAt: number }, now: number): number {
  return Math.max(0, 1 - Math.max(0, now - firedAt(a)) / PRIORITY_DECAY_MS);
}
export const SEVERITY_WEIGHT: Record<AlertSeverity, number> = { Informational: 1, Low: 5, Medium: 15, High: 30 };

const severity = z.enum(['Informational', 'Low', 'Medium', 'High']);
const AlertSchema = z.object({
  id: z.string().min(1),
  createdAt: z.number(),
  updatedAt: z.number(),
  policy: z.string(),
  policyName: z.string(),
  key: z.string(),
  severity,
  mitre: z.string(),
  title: z.string(),
  description: z.string(),
  users: z.array(z.string()),
  ips: z.array(z.string()),
  countries: z.array(z.string()),
  activityIds: z.array(z.string()),
  evidence: z.array(z.object({ at: z.number(), values: z.record(z.string(), z.unknown()) })),
  count: z.number(),
  firstSeen: z.number(),
  lastSeen: z.number(),
  status: z.enum(['New', 'In progress', 'Resolved']),
  classification: z.enum(['True positive', 'Informational / expected activity', 'False positive']).nullable(),
  comment: z.string().nullable(),
  history: z.array(z.looseObject({ at: z.number(), by: z.string(), field: z.string() })),
});
const AlertsDocSchema = z.object({
  v: z.literal(1),
  seq: z.number().int().min(0),
  alerts: z.array(AlertSchema),
  actions: z.array(z.looseObject({ id: z.string(), action: z.string(), user: z.string() })),
});
interface AlertsDoc {
  v: 1;
  seq: number;
  alerts: Alert[];
  actions: QueuedAction[];
}

interface AlertCursor {
  c: number;
  i: string;
}
const isAlertCursor = (v: unknown): v is AlertCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as AlertCursor).c === 'number' &&
  typeof (v as AlertCursor).i === 'string';

const union = (a: string[], b: string[], max: number) => {
  const out = [...a];
  for (const x of b) if (!out.includes(x) && out.length < max) out.push(x);
  return out;
};
const dedupKey = (policy: string, user: string | null, key: string) => `${policy}\u0000${user ?? ''}\u0000${key}`;

export class LowAlertStore {
  private byId = new Map<string, Alert>();
  /** De-duplication key → id of the open alert. */
  private open = new Map<string, string>();
  /** Newest first by (createdAt, id): the order every query pages in. */
  private sorted: Alert[] | null = null;

  private constructor(
    private readonly db: Low<AlertsDoc>,
    private readonly now: () => number,
  ) {
    for (const a of db.data.alerts) this.index(a);
  }

  static file(layout: StoreLayout): string {
    return path.join(layout.root, 'alerts.json');
  }

  static async open(
    layout: StoreLayout,
    report: (r: CorruptionReport) => Promise<void>,
    now: () => number = Date.now,
  ): Promise<LowAlertStore> {
    const { db, damaged } = await openValidatedDoc<AlertsDoc>({
      layout,
      file: LowAlertStore.file(layout),
      schema: AlertsDocSchema,
      adopt: false,
      empty: () => ({ v: 1, seq: 0, alerts: [], actions: [] }),
      what: 'The alerts file',
      consequence: 'Alerts raised from now on are kept; the earlier ones can be recovered from the quarantined file.',
      // Compact: thousands of alerts with their evidence.
      stringify: (d) => JSON.stringify(d),
    });
    if (damaged) await report(damaged);
    return new LowAlertStore(db, now);
  }

  private index(a: Alert): void {
    this.byId.set(a.id, a);
    if (a.status !== 'Resolved') this.open.set(dedupKey(a.policy, a.users[0] ?? null, a.key), a.id);
    this.sorted = null;
  }

  private ordered(): Alert[] {
    this.sorted ??= [...this.byId.values()].sort((x, y) => y.createdAt - x.createdAt || (x.id < y.id ? 1 : -1));
    return this.sorted;
  }

  /**
   * Raises or merges each draft (one open alert per policy, user and key) and writes once.
   * Returns the ids of alerts created, and of those updated.
   */
  async upsertMany(drafts: AlertDraft[]): Promise<{ created: string[]; updated: string[] }> {
    const created: string[] = [];
    const updated = new Set<string>();
    const now = this.now();
    for (const d of drafts) {
      const k = dedupKey(d.policy, d.user, d.key);
      const existing = this.open.get(k);
      const a = existing ? this.byId.get(existing) : undefined;
      if (a) {
        a.count++;
        a.updatedAt = now;
        a.lastSeen = Math.max(a.lastSeen, d.at);
        a.firstSeen = Math.min(a.firstSeen, d.at);
        a.activityIds = union(a.activityIds, d.activityIds, MAX_ACTIVITY_IDS);
        a.ips = union(a.ips, d.ips, MAX_LIST);
        a.countries = union(a.countries, d.countries, MAX_LIST);
        a.evidence.push({ at: d.at, values: d.evidence });
        if (a.evidence.length > MAX_EVIDENCE) a.evidence.splice(1, a.evidence.length - MAX_EVIDENCE);
        if (SEVERITY_RANK[d.severity] > SEVERITY_RANK[a.severity]) {
          a.history.push({
            at: now,
            by: 'detection',
            field: 'severity',
            from: a.severity,
            to: d.severity,
            comment: null,
          });
          a.severity = d.severity;
          a.title = d.title;
          a.description = d.description;
        }
        if (!created.includes(a.id)) updated.add(a.id);
        continue;
      }
      const id = `AL-${String(++this.db.data.seq).padStart(6, '0')}`;
      const alert: Alert = {
        id,
        createdAt: now,
        updatedAt: now,
        policy: d.policy,
        policyName: d.policyName,
        key: d.key,
        severity: d.severity,
        mitre: d.mitre,
        title: d.title,
        description: d.description,
        users: d.user ? [d.user] : [],
        ips: d.ips.slice(0, MAX_LIST),
        countries: d.countries.slice(0, MAX_LIST),
        activityIds: d.activityIds.slice(0, MAX_ACTIVITY_IDS),
        evidence: [{ at: d.at, values: d.evidence }],
        count: 1,
        firstSeen: d.at,
        lastSeen: d.at,
        status: 'New',
        classification: null,
        comment: null,
        history: [{ at: now, by: 'detection', field: 'created', from: null, to: 'New', comment: null }],
      };
      this.db.data.alerts.push(alert);
      this.index(alert);
      created.push(id);
    }
    if (drafts.length) await this.db.write();
    return { created, updated: [...updated] };
  }

  /** An alert about the console itself (the connector went to Error); de-duplicated like any other. */
  async raiseSystem(s: { key: string; title: string; description: string; severity?: AlertSeverity }): Promise<string> {
    const at = this.now();
    const r = await this.upsertMany([
      {
        policy: 'system:connector',
        policyName: 'Connector health',
        key: s.key,
        user: null,
        severity: s.severity ?? 'Medium',
        mitre: 'None',
        title: s.title,
        description: s.description,
        at,
        activityIds: [],
        ips: [],
        countries: [],
        evidence: { key: s.key },
      },
    ]);
    return r.created[0] ?? r.updated[0] ?? this.open.get(dedupKey('system:connector', null, s.key))!;
  }

  /** The open alert a (policy, user, key) finding merges into, if any. */
  openAlertId(policy: string, user: string | null, key: string): string | null {
    return this.open.get(dedupKey(policy, user, key)) ?? null;
  }

  get(id: string): Alert | null {
    const a = this.byId.get(id);
    return a ? structuredClone(a) : null;
  }

  count(): number {
    return this.byId.size;
  }

  /** Newest first; `cursor` is the last (createdAt, id) seen, stable while alerts are added. */
  query(q: AlertQuery, cursor: string | null, limit: number): Page<Alert> {
    const c = cursor ? decodeCursor(cursor, isAlertCursor) : null;
    const max = Math.max(1, Math.min(1000, Math.floor(limit) || 1));
    const user = q.user?.trim().toLowerCase();
    const items: Alert[] = [];
    const all = this.ordered();
    // Binary search to the cursor: a page deep in 10k alerts costs the page, not the depth.
    let lo = 0;
    if (c) {
      let hi = all.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const m = all[mid]!;
        const after = m.createdAt < c.c || (m.createdAt === c.c && m.id < c.i);
        if (after) hi = mid;
        else lo = mid + 1;
      }
    }
    for (let i = lo; i < all.length; i++) {
      const a = all[i]!;
      if (q.until !== undefined && a.createdAt > q.until) continue;
      if (q.since !== undefined && a.createdAt < q.since) break;
      if (q.status && a.status !== q.status) continue;
      if (q.severity && a.severity !== q.severity) continue;
      if (q.policy && a.policy !== q.policy) continue;
      if (user && !a.users.some((u) => u.toLowerCase() === user || u.toLowerCase().split('@')[0] === user)) continue;
      if (items.length === max) {
        const last = items[items.length - 1]!;
        return {
          items: items.map((x) => structuredClone(x)),
          nextCursor: encodeCursor({ c: last.createdAt, i: last.id }),
        };
      }
      items.push(a);
    }
    return { items: items.map((x) => structuredClone(x)), nextCursor: null };
  }

  /** The admin's change of status / classification / comment, kept in the alert's history. */
  async update(
    id: string,
    change: { status?: AlertStatus; classification?: AlertClassification | null; comment?: string | null },
    by: string,
  ): Promise<Alert> {
    const a = this.byId.get(id);
    if (!a) throw new Error(`There is no alert ${id}.`);
    if (change.classification && (change.status ?? a.status) !== 'Resolved')
      throw new Error('A classification is given when resolving an alert (set --status Resolved).');
    const now = this.now();
    const comment = change.comment ?? null;
    const record = (field: AlertChange['field'], from: string | null, to: string | null) =>
      a.history.push({ at: now, by, field, from, to, comment });
    if (change.status && change.status !== a.status) {
      const k = dedupKey(a.policy, a.users[0] ?? null, a.key);
      record('status', a.status, change.status);
      a.status = change.status;
      // A resolved alert is closed: the same behaviour again opens a new alert.
      if (change.status === 'Resolved' && this.open.get(k) === a.id) this.open.delete(k);
      if (change.status !== 'Resolved' && !this.open.has(k)) this.open.set(k, a.id);
      if (change.status !== 'Resolved') a.classification = null;
    }
    if (change.classification !== undefined && change.classification !== a.classification) {
      record('classification', a.classification, change.classification);
      a.classification = change.classification;
    }
    if (change.comment !== undefined && change.comment !== a.comment) {
      if (!change.status && change.classification === undefined) record('comment', a.comment, change.comment);
      a.comment = change.comment;
    }
    a.updatedAt = now;
    await this.db.write();
    return structuredClone(a);
  }

  /** Notes a tuning action taken from the alert (excluded the user, changed sensitivity, tagged a range). */
  async noteTuning(id: string, what: string, by: string): Promise<void> {
    const a = this.byId.get(id);
    if (!a) throw new Error(`There is no alert ${id}.`);
    a.history.push({ at: this.now(), by, field: 'tuning', from: null, to: what, comment: null });
    a.updatedAt = this.now();
    await this.db.write();
  }

  /**
   * How urgently a user needs looking at: the sum over their open alerts of the severity's weight,
   * fading linearly to nothing a week after the alert last fired (firedAt: raised or seen again).
   */
  priority(user: string, now = this.now()): PriorityBreakdown {
    const u = user.trim().toLowerCase();
    const out: PriorityBreakdown = { user, score: 0, alerts: [] };
    for (const a of this.byId.values()) {
      if (a.status === 'Resolved' || !a.users.some((x) => x.toLowerCase() === u)) continue;
      const age = Math.max(0, now - firedAt(a));
      const factor = priorityFactor(a, now);
      if (factor === 0) continue;
      const weight = SEVERITY_WEIGHT[a.severity];
      const contribution = Math.round(weight * factor * 10) / 10;
      out.alerts.push({
        id: a.id,
        policy: a.policy,
        severity: a.severity,
        weight,
        ageDays: Math.round((age / 86_400_000) * 10) / 10,
        contribution,
      });
      out.score += contribution;
    }
    out.score = Math.round(out.score * 10) / 10;
    out.alerts.sort((x, y) => y.contribution - x.contribution);
    return out;
  }

  /**
   * Every user an open alert names: how many open alerts, and the same score priority() gives,
   * in one pass over the alerts (the Users list needs it for the whole organisation at once).
   * Keys are the alerts' user strings in lower case.
   */
  openLoadByUser(now = this.now()): Map<string, { open: number; score: number }> {
    const out = new Map<string, { open: number; score: number }>();
    for (const a of this.byId.values()) {
      if (a.status === 'Resolved') continue;
      const factor = priorityFactor(a, now);
      const contribution = Math.round(SEVERITY_WEIGHT[a.severity] * factor * 10) / 10;
      for (const u of new Set(a.users.map((x) => x.toLowerCase()))) {
        const e = out.get(u) ?? { open: 0, score: 0 };
        e.open++;
        e.score += contribution;
        out.set(u, e);
      }
    }
    for (const e of out.values()) e.score = Math.round(e.score * 10) / 10;
    return out;
  }

  async queueActions(requested: Omit<QueuedAction, 'id' | 'state'>[]): Promise<QueuedAction[]> {
    // Idempotent: the same action for the same user and alert is queued once.
    const same = (a: Omit<QueuedAction, 'id' | 'state'>, b: Omit<QueuedAction, 'id' | 'state'>) =>
      a.action === b.action && a.user === b.user && a.alertId !== null && a.alertId === b.alertId;
    const actions = requested.filter((x) => !this.db.data.actions.some((y) => same(x, y)));
    const added = actions.map((x, k) => ({
      ...x,
      id: `GA-${this.db.data.actions.length + k + 1}`,
      state: 'queued' as const,
    }));
    if (added.length === 0) return [];
    this.db.data.actions.push(...added);
    await this.db.write();
    return structuredClone(added);
  }

  queuedActions(): QueuedAction[] {
    return structuredClone(this.db.data.actions.filter((x) => x.state === 'queued'));
  }

  async markHandedOver(ids: string[]): Promise<void> {
    const set = new Set(ids);
    for (const x of this.db.data.actions) if (set.has(x.id)) x.state = 'handed-over';
    await this.db.write();
  }

  async flush(): Promise<void> {
    await this.db.write();
  }
}

export type AlertStore = LowAlertStore;
