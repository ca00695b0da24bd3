// Shapes shared by the detection engine, its policies and the stores they write to.
// Everything is epoch milliseconds UTC.
import type { IpFacts, IpIntel } from '../intel/ip-facts';
import type { StoredActivity } from '../store/types';
import type { OrgBaseline, UserBaseline } from './baseline';

export type Severity = 'Informational' | 'Low' | 'Medium' | 'High';
export type Sensitivity = 'Low' | 'Medium' | 'High';
export const SENSITIVITIES: readonly Sensitivity[] = ['Low', 'Medium', 'High'];
export const SEVERITIES: readonly Severity[] = ['Informational', 'Low', 'Medium', 'High'];

export const ANOMALY_POLICY_IDS = [
  'anonymous-ip',
  'infrequent-country',
  'suspicious-ip',
  'impossible-travel',
  'terminated-user',
  'failed-logins',
  'unusual-admin',
  'unusual-impersonation',
] as const;
export type AnomalyPolicyId = (typeof ANOMALY_POLICY_IDS)[number];

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** detections.md "Learning period": 7 days per user and for the organisation. */
export const LEARNING_MS = 7 * DAY_MS;

/** What a policy hands the engine when it fires (the alert store merges it into one open alert per key). */
export type { AlertDraft } from '../store/alert-store';
import type { AlertDraft } from '../store/alert-store';

/** Effective settings of one anomaly policy for one evaluation. */
export interface AnomalySettings {
  enabled: boolean;
  sensitivity: Sensitivity;
  /** Numeric overrides (`minFailures=12`); unset keys come from the sensitivity. */
  params: Record<string, number>;
}

/** A person as detection needs to know them (resolved from the audit log's actor name). */
export interface PersonFacts {
  /** The name the audit log uses (lower-cased email or id): the baseline key. */
  key: string;
  userId: string | null;
  email: string | null;
  /** SCIM termination date (epoch ms), when known. */
  termDate: number | null;
  /** Termination time from the admin's imported list, when listed. */
  listedTerminationAt: number | null;
  admin: boolean;
}

export interface PolicyContext {
  /** The user's baseline as it stood before this activity. */
  user: UserBaseline;
  org: OrgBaseline;
  person: PersonFacts;
  /** Facts about the activity's IP as known now (admin's ranges re-read); null when it has no IP. */
  facts: IpFacts | null;
  intel: IpIntel;
  settings: AnomalySettings;
}

export interface AnomalyPolicy {
  id: AnomalyPolicyId;
  name: string;
  description: string;
  severity: Severity;
  mitre: string;
  /** The tunable numbers and their value at each sensitivity (the console shows which one decided). */
  thresholds: Record<string, Record<Sensitivity, number>>;
  evaluate(a: StoredActivity, ctx: PolicyContext): AlertDraft | null;
}

/** A threshold as in force: an explicit parameter wins over the sensitivity's value. */
export function threshold(policy: AnomalyPolicy, settings: AnomalySettings, name: string): number {
  const explicit = settings.params[name];
  if (typeof explicit === 'number' && Number.isFinite(explicit)) return explicit;
  const row = policy.thresholds[name];
  if (!row) throw new Error(`Policy ${policy.id} has no threshold named ${name}.`);
  return row[settings.sensitivity];
}

/** Where a threshold came from, for the evidence ("sensitivity Medium" or "set by the admin"). */
export function thresholdSource(settings: AnomalySettings, name: string): string {
  return name in settings.params ? 'set by the admin' : `sensitivity ${settings.sensitivity}`;
}
