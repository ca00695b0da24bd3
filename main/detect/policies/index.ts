// The eight built-in anomaly policies (detections.md), in the order the console lists them.
import type { AnomalyPolicy, AnomalyPolicyId } from '../types';
import { anonymousIp } from './anonymous-ip';
import { failedLogins } from './failed-logins';
import { impossibleTravel } from './impossible-travel';
import { infrequentCountry } from './infrequent-country';
import { suspiciousIp } from './suspicious-ip';
import { terminatedUser } from './terminated-user';
import { unusualAdmin } from './unusual-admin';
import { unusualImpersonation } from './unusual-impersonation';

export const ANOMALY_POLICIES: readonly AnomalyPolicy[] = [
  impossibleTravel,
  infrequentCountry,
  anonymousIp,
  suspiciousIp,
  terminatedUser,
  failedLogins,
  unusualAdmin,
  unusualImpersonation,
];

export function anomalyPolicy(id: string): AnomalyPolicy | null {
  return ANOMALY_POLICIES.find((p) => p.id === (id as AnomalyPolicyId)) ?? null;
}
