// The posture recommendations of detections.md ("Posture (SSPM)"), each a pure check over the
// synced users and what the console knows of their activity. Adopt SSO comes first: it is the
// seeds' Workplace recommendation and the one that removes the most password risk.
import type { StoredUser } from '../store/types';

export interface PostureFacts {
  now: number;
  users: StoredUser[];
  /** Newest own activity per user id (null: none in the synced history). */
  lastActivity: (u: StoredUser) => number | null;
  /** Oldest activity the store holds (how far back "no activity" can be judged). */
  historySince: number | null;
  /** Users with a two-factor enrolment or a successful two-factor code in the synced history. */
  twoFactorUserIds: Set<string>;
  /** Successful password sign-ins (30 days) by accounts set to SSO, per user id. */
  passwordSignInsBySso: Map<string, number>;
}

export interface CheckResult {
  passed: boolean;
  /** One line with the numbers, e.g. "212 of 240 active accounts use SSO (88 %)". */
  summary: string;
  affected: StoredUser[];
}

export interface PostureCheck {
  id: string;
  title: string;
  why: string;
  remediation: string[];
  /** Points towards the score when achieved. */
  weight: number;
  evaluate(f: PostureFacts): CheckResult;
}

const DAY = 86_400_000;
const pct = (n: number, d: number) => (d === 0 ? 100 : Math.round((n / d) * 100));
const people = (f: PostureFacts) => f.users.filter((u) => u.active);

export const POSTURE_CHECKS: PostureCheck[] = [
  {
    id: 'adopt-sso',
    title: 'Adopt SSO',
    why:
      'Accounts that sign in with a Workplace password bypass your identity provider: its MFA, conditional ' +
      'access and offboarding do not apply, and a phished password is enough to get in.',
    remediation: [
      'Admin Panel → Security → Authentication: enable Single Sign-On with your identity provider.',
      'Move the listed accounts to SSO (set "Login method" to SSO), starting with admins.',
      'Once every account uses SSO, turn off password login for the organisation.',
    ],
    weight: 30,
    evaluate(f) {
      const active = people(f);
      const affected = active.filter((u) => u.authMethod !== 'sso');
      const sso = active.length - affected.length;
      return {
        passed: affected.length === 0,
        summary: `${sso} of ${active.length} active accounts use SSO (${pct(sso, active.length)} %)`,
        affected,
      };
    },
  },
  {
    id: 'two-factor',
    title: 'Require two-factor authentication for password accounts',
    why:
      'A password account without a second factor is one leaked password away from takeover. (SSO accounts ' +
      'get their second factor from the identity provider.)',
    remediation: [
      'Admin Panel → Security → Authentication: require two-factor authentication.',
      'Ask the listed people to enrol (Settings → Security and login → Two-factor authentication).',
    ],
    weight: 15,
    evaluate(f) {
      const pw = people(f).filter((u) => u.authMethod !== 'sso');
      const affected = pw.filter((u) => !f.twoFactorUserIds.has(u.id));
      return {
        passed: affected.length === 0,
        summary:
          `${pw.length - affected.length} of ${pw.length} password accounts show two-factor use in the synced ` +
          `history`,
        affected,
      };
    },
  },
  {
    id: 'admin-count',
    title: 'Keep between 2 and 5 system admins',
    why:
      'One admin is a single point of failure (nobody can recover the organisation if that account is lost); ' +
      'many admins multiply the accounts an attacker can use to take over everything.',
    remediation: [
      'Admin Panel → People: review who has the System Admin role.',
      'Keep two to five named people; give others a narrower role (e.g. Content Moderator).',
    ],
    weight: 10,
    evaluate(f) {
      const admins = people(f).filter((u) => u.admin);
      const ok = admins.length >= 2 && admins.length <= 5;
      return {
        passed: ok,
        summary: `${admins.length} active system admin${admins.length === 1 ? '' : 's'}`,
        affected: ok ? [] : admins,
      };
    },
  },
  {
    id: 'dormant-admins',
    title: 'Remove admin rights from admins without recent activity',
    why: 'An admin account nobody uses is rarely watched: a takeover goes unnoticed while it holds full control.',
    remediation: [
      'Confirm with each listed person whether they still need the role.',
      'Remove the System Admin role from the ones who do not (Admin Panel → People → Edit role).',
    ],
    weight: 10,
    evaluate(f) {
      const cutoff = f.now - 30 * DAY;
      const admins = people(f).filter((u) => u.admin);
      const affected = admins.filter((u) => (f.lastActivity(u) ?? 0) < cutoff);
      return {
        passed: affected.length === 0,
        summary: `${affected.length} of ${admins.length} admins have no activity in 30 days`,
        affected,
      };
    },
  },
  {
    id: 'inactive-accounts',
    title: 'Deactivate accounts inactive for 60 days',
    why: 'Unused accounts keep working credentials for people who may have left: a favourite foothold.',
    remediation: [
      'Check the listed accounts with their managers or HR.',
      'Deactivate the ones that are no longer needed (or suspend them from this console).',
    ],
    weight: 10,
    evaluate(f) {
      const cutoff = f.now - 60 * DAY;
      const judged = f.historySince !== null && f.historySince <= cutoff;
      const affected = judged ? people(f).filter((u) => u.claimed && (f.lastActivity(u) ?? 0) < cutoff) : [];
      return {
        passed: affected.length === 0,
        summary: judged
          ? `${affected.length} active accounts have no activity in 60 days`
          : 'The synced history is shorter than 60 days: inactivity cannot be judged yet',
        affected,
      };
    },
  },
  {
    id: 'unclaimed-accounts',
    title: 'Claim or remove unclaimed accounts',
    why: 'An invited account nobody claimed can be claimed by whoever gets the invitation link or email first.',
    remediation: [
      'Resend the invitation to people who should have an account.',
      'Delete the accounts nobody needs (SCIM DELETE works for never-claimed accounts).',
    ],
    weight: 5,
    evaluate(f) {
      const affected = people(f).filter((u) => !u.claimed);
      return { passed: affected.length === 0, summary: `${affected.length} active accounts are unclaimed`, affected };
    },
  },
  {
    id: 'terminated-active',
    title: 'Deactivate accounts of terminated employees',
    why: 'HR marked these people as gone, yet their accounts still work.',
    remediation: [
      'Suspend the listed accounts from this console (user page → Suspend), or deactivate them in Workplace.',
      'Fix the offboarding hand-off from HR so it deactivates accounts on the termination date.',
    ],
    weight: 15,
    evaluate(f) {
      const affected = people(f).filter((u) => u.termDate !== null && u.termDate <= f.now);
      return {
        passed: affected.length === 0,
        summary: `${affected.length} active accounts belong to people whose termination date has passed`,
        affected,
      };
    },
  },
  {
    id: 'password-signins-by-sso',
    title: 'Stop password sign-ins by accounts that should use SSO',
    why:
      'These accounts are set to SSO yet signed in with a password in the last 30 days: a password still works ' +
      'for them, outside your identity provider.',
    remediation: [
      'Reset the listed accounts\u2019 passwords to random values nobody knows.',
      'Turn off password login for the organisation once every account uses SSO.',
    ],
    weight: 5,
    evaluate(f) {
      const affected = people(f).filter((u) => (f.passwordSignInsBySso.get(u.id) ?? 0) > 0);
      let n = 0;
      for (const u of affected) n += f.passwordSignInsBySso.get(u.id) ?? 0;
      return {
        passed: affected.length === 0,
        summary: `${n} password sign-ins in 30 days by ${affected.length} accounts set to SSO`,
        affected,
      };
    },
  },
];
