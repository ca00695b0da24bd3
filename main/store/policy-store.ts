// The admin's detection settings in one lowdb file: per anomaly policy (enabled, sensitivity,
// numeric overrides, user scope), suppressions, and the admin's own activity policies. Read by
// detection at the start of every evaluation, so a change applies from the next one.
import path from 'node:path';
import type { Low } from 'lowdb';
import { z } from 'zod';
import type { StoreLayout } from './layout';
import { openValidatedDoc } from './validated-doc';
import type { CorruptionReport } from './types';

const sensitivity = z.enum(['Low', 'Medium', 'High']);
const severity = z.enum(['Informational', 'Low', 'Medium', 'High']);
const shortText = (max = 200) => z.string().max(max);

export const AnomalyPolicyConfigSchema = z.strictObject({
  enabled: z.boolean(),
  sensitivity,
  params: z.record(shortText(64), z.number().finite()),
  /** When non-empty, only these users (audit-log names, emails or ids). */
  includeUsers: z.array(shortText(320)).max(10_000),
  excludeUsers: z.array(shortText(320)).max(10_000),
});
export type AnomalyPolicyConfig = z.infer<typeof AnomalyPolicyConfigSchema>;

export const SuppressionSchema = z.strictObject({
  id: shortText(64),
  /** A policy id, or `*` for every policy. */
  policy: shortText(120),
  user: shortText(320).nullable(),
  ip: shortText(64).nullable(),
  reason: shortText(500),
  createdAt: z.number(),
  /** Null: until removed. */
  until: z.number().nullable(),
});
export type Suppression = z.infer<typeof SuppressionSchema>;

/** detections.md "Activity policies": the filter an activity must match (every given field). */
export const ActivityPolicyFilterSchema = z.strictObject({
  types: z.array(shortText(64)).max(100).optional(),
  users: z.array(shortText(320)).max(10_000).optional(),
  admin: z.boolean().optional(),
  impersonated: z.boolean().optional(),
  /** Addresses or CIDR ranges. */
  ips: z.array(shortText(64)).max(1000).optional(),
  /** Any of these categories/tags (`corporate`, `risky`, `tor`, `tag:lab`…). */
  ipTags: z.array(shortText(64)).max(100).optional(),
  /** None of these categories/tags (e.g. `corporate` for "from a non-corporate IP"). */
  notIpTags: z.array(shortText(64)).max(100).optional(),
  countries: z
    .array(z.string().regex(/^[A-Za-z]{2}$/))
    .max(300)
    .optional(),
  asns: z.array(z.number().int().min(0)).max(1000).optional(),
  deviceTypes: z
    .array(z.enum(['desktop', 'mobile', 'tablet', 'bot', 'unknown']))
    .max(5)
    .optional(),
  userAgentContains: shortText(200).optional(),
  events: z.array(shortText(120)).max(100).optional(),
  /** UTC hours [from, to) — wraps past midnight when from > to. */
  hours: z.strictObject({ from: z.number().int().min(0).max(23), to: z.number().int().min(0).max(24) }).optional(),
});
export type ActivityPolicyFilter = z.infer<typeof ActivityPolicyFilterSchema>;

export const ActivityPolicySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes'),
  name: shortText(200).min(1),
  description: shortText(1000),
  enabled: z.boolean(),
  severity,
  filter: ActivityPolicyFilterSchema,
  mode: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('every') }),
    z.strictObject({
      kind: z.literal('repeated'),
      count: z.number().int().min(2).max(100_000),
      minutes: z.number().int().min(1).max(10_080),
      perIp: z.boolean(),
    }),
  ]),
  /** Alerts per UTC day at most (governance actions are not limited). */
  dailyLimit: z.number().int().min(1).max(10_000),
  actions: z.array(z.enum(['notify', 'logout', 'suspend'])).max(3),
  template: shortText(64).nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ActivityPolicy = z.infer<typeof ActivityPolicySchema>;

const PoliciesDocSchema = z.object({
  v: z.literal(1),
  anomaly: z.record(z.string(), AnomalyPolicyConfigSchema),
  suppressions: z.array(SuppressionSchema),
  activity: z.array(ActivityPolicySchema),
});
type PoliciesDoc = z.infer<typeof PoliciesDocSchema>;

export interface PolicySnapshot {
  anomaly: Record<string, AnomalyPolicyConfig>;
  suppressions: Suppression[];
  activity: ActivityPolicy[];
}

export const defaultAnomalyConfig = (): AnomalyPolicyConfig => ({
  enabled: true,
  sensitivity: 'Medium',
  params: {},
  includeUsers: [],
  excludeUsers: [],
});

export class LowPolicyStore {
  private version = 0;
  private constructor(private readonly db: Low<PoliciesDoc>) {}

  static async open(layout: StoreLayout, report: (r: CorruptionReport) => Promise<void>): Promise<LowPolicyStore> {
    const { db, damaged } = await openValidatedDoc<PoliciesDoc>({
      layout,
      file: path.join(layout.root, 'policies.json'),
      schema: PoliciesDocSchema,
      adopt: false,
      empty: () => ({ v: 1, anomaly: {}, suppressions: [], activity: [] }),
      what: 'The detection settings file (policy settings, suppressions, activity policies)',
      consequence: 'Policies run with their defaults; your settings can be recovered from the quarantined file.',
    });
    if (damaged) await report(damaged);
    return new LowPolicyStore(db);
  }

  /** Bumped on every change, so detection knows when cached decisions must be re-made. */
  get revision(): number {
    return this.version;
  }

  snapshot(): PolicySnapshot {
    return structuredClone({
      anomaly: this.db.data.anomaly,
      suppressions: this.db.data.suppressions,
      activity: this.db.data.activity,
    });
  }

  anomalyConfig(id: string): AnomalyPolicyConfig {
    return structuredClone(this.db.data.anomaly[id] ?? defaultAnomalyConfig());
  }

  async setAnomalyConfig(
    id: string,
    change: (c: AnomalyPolicyConfig) => AnomalyPolicyConfig,
  ): Promise<AnomalyPolicyConfig> {
    const next = AnomalyPolicyConfigSchema.parse(change(this.anomalyConfig(id)));
    this.db.data.anomaly[id] = next;
    await this.commit();
    return structuredClone(next);
  }

  async addSuppression(s: Omit<Suppression, 'id' | 'createdAt'>, now = Date.now()): Promise<Suppression> {
    const full = SuppressionSchema.parse({
      ...s,
      id: `SUP-${now.toString(36)}-${this.db.data.suppressions.length}`,
      createdAt: now,
    });
    this.db.data.suppressions.push(full);
    await this.commit();
    return structuredClone(full);
  }

  async removeSuppression(id: string): Promise<boolean> {
    const before = this.db.data.suppressions.length;
    this.db.data.suppressions = this.db.data.suppressions.filter((s) => s.id !== id);
    if (this.db.data.suppressions.length === before) return false;
    await this.commit();
    return true;
  }

  activityPolicy(id: string): ActivityPolicy | null {
    const p = this.db.data.activity.find((x) => x.id === id);
    return p ? structuredClone(p) : null;
  }

  /** Adds or replaces an activity policy (validated: a bad one is refused whole). */
  async saveActivityPolicy(p: ActivityPolicy): Promise<ActivityPolicy> {
    const valid = ActivityPolicySchema.parse(p);
    const i = this.db.data.activity.findIndex((x) => x.id === valid.id);
    if (i >= 0) this.db.data.activity[i] = valid;
    else this.db.data.activity.push(valid);
    await this.commit();
    return structuredClone(valid);
  }

  async deleteActivityPolicy(id: string): Promise<boolean> {
    const before = this.db.data.activity.length;
    this.db.data.activity = this.db.data.activity.filter((x) => x.id !== id);
    if (before === this.db.data.activity.length) return false;
    await this.commit();
    return true;
  }

  private async commit(): Promise<void> {
    this.version++;
    await this.db.write();
  }
}

export type PolicyStore = LowPolicyStore;
