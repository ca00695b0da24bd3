// Small helpers the policies share: the draft skeleton and the learning-state line of evidence.
import type { StoredActivity } from '../../store/types';
import { observedSince, orgLearning, userLearning } from '../baseline';
import type { AlertDraft, AnomalyPolicy, PolicyContext, Severity } from '../types';
import { LEARNING_MS } from '../types';

export function learningEvidence(a: StoredActivity, ctx: PolicyContext): Record<string, unknown> {
  return {
    userLearning: userLearning(ctx.user, ctx.org, a.at),
    userLearningEndsAt: observedSince(ctx.user, ctx.org) + LEARNING_MS,
    orgLearning: orgLearning(ctx.org, a.at),
    orgLearningEndsAt: ctx.org.first === null ? null : ctx.org.first + LEARNING_MS,
  };
}

export function draft(
  policy: AnomalyPolicy,
  a: StoredActivity,
  ctx: PolicyContext,
  d: {
    key: string;
    title: string;
    description: string;
    severity?: Severity;
    activityIds?: string[];
    ips?: (string | null)[];
    countries?: (string | null)[];
    evidence: Record<string, unknown>;
  },
): AlertDraft {
  const uniq = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))];
  return {
    policy: policy.id,
    policyName: policy.name,
    key: d.key,
    user: ctx.person.key,
    severity: d.severity ?? policy.severity,
    mitre: policy.mitre,
    title: d.title,
    description: d.description,
    at: a.at,
    activityIds: d.activityIds ?? [a.id],
    ips: uniq(d.ips ?? [a.ip]),
    countries: uniq(d.countries ?? [a.country]),
    evidence: {
      ...d.evidence,
      sensitivity: ctx.settings.sensitivity,
      activity: { id: a.id, at: a.at, type: a.type, ip: a.ip, country: a.country, city: a.city },
      learning: learningEvidence(a, ctx),
    },
  };
}

export const who = (ctx: PolicyContext) => ctx.person.email ?? ctx.person.key;
export const whereOf = (a: { city: string | null; country: string | null }) =>
  [a.city, a.country].filter(Boolean).join(', ') || 'an unknown place';
