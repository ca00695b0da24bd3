// Who a policy applies to (include / exclude users) and what the admin has suppressed. A user is
// named however the admin likes: the audit-log name, the email, the id, or the email's local part.
import type { AnomalyPolicyConfig, Suppression } from '../store/policy-store';
import type { AlertDraft, PersonFacts } from './types';

export function personNames(p: PersonFacts): string[] {
  const out = [p.key];
  if (p.email) out.push(p.email.toLowerCase(), p.email.toLowerCase().split('@')[0]!);
  if (p.userId) out.push(p.userId.toLowerCase());
  return out;
}

export function namesMatch(p: PersonFacts, list: readonly string[]): boolean {
  if (list.length === 0) return false;
  const names = personNames(p);
  return list.some((x) => names.includes(x.trim().toLowerCase()));
}

export function inScope(cfg: Pick<AnomalyPolicyConfig, 'includeUsers' | 'excludeUsers'>, p: PersonFacts): boolean {
  if (cfg.includeUsers.length > 0 && !namesMatch(p, cfg.includeUsers)) return false;
  return !namesMatch(p, cfg.excludeUsers);
}

export function suppressedBy(d: AlertDraft, p: PersonFacts, suppressions: readonly Suppression[]): Suppression | null {
  for (const s of suppressions) {
    if (s.policy !== '*' && s.policy !== d.policy) continue;
    if (s.until !== null && d.at > s.until) continue;
    if (s.user && !namesMatch(p, [s.user])) continue;
    if (s.ip && !d.ips.includes(s.ip)) continue;
    return s;
  }
  return null;
}
