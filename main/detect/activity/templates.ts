// The four built-in activity-policy templates (detections.md "Activity policies"). A template is
// a starting point: creating a policy from one copies it, and the admin edits the copy.
import type { ActivityPolicy } from '../../store/policy-store';

export type ActivityPolicyTemplate = Omit<ActivityPolicy, 'createdAt' | 'updatedAt'>;

export const ACTIVITY_TEMPLATES: readonly ActivityPolicyTemplate[] = [
  {
    id: 'failed-logins-10-in-5',
    name: 'More than 10 failed logins in 5 minutes',
    description: 'Eleven or more failed sign-ins for one user within 5 minutes.',
    enabled: true,
    severity: 'Medium',
    filter: { types: ['login.failure'] },
    mode: { kind: 'repeated', count: 11, minutes: 5, perIp: false },
    dailyLimit: 20,
    actions: [],
    template: 'failed-logins-10-in-5',
  },
  {
    id: 'admin-from-non-corporate-ip',
    name: 'Admin activity from a non-corporate IP',
    description: 'An administrative action from an address outside the ranges tagged Corporate.',
    enabled: true,
    severity: 'Medium',
    filter: { admin: true, notIpTags: ['corporate'] },
    mode: { kind: 'every' },
    dailyLimit: 20,
    actions: [],
    template: 'admin-from-non-corporate-ip',
  },
  {
    id: 'login-from-risky-ip',
    name: 'Login from a risky IP',
    description: 'A successful sign-in from a range tagged Risky or an address on a threat list.',
    enabled: true,
    severity: 'High',
    filter: { types: ['login.success', 'login.reauthenticate'], ipTags: ['risky', 'threat'] },
    mode: { kind: 'every' },
    dailyLimit: 50,
    actions: [],
    template: 'login-from-risky-ip',
  },
  {
    id: 'mass-download-50-in-1',
    name: 'Mass download: more than 50 downloads in 1 minute',
    description: 'Fifty-one or more file downloads by one user within a minute.',
    enabled: true,
    severity: 'High',
    filter: { types: ['file.download'] },
    mode: { kind: 'repeated', count: 51, minutes: 1, perIp: false },
    dailyLimit: 20,
    actions: [],
    template: 'mass-download-50-in-1',
  },
];

export function activityTemplate(id: string): ActivityPolicyTemplate | null {
  return ACTIVITY_TEMPLATES.find((t) => t.id === id) ?? null;
}
