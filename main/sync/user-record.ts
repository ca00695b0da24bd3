// One SCIM resource or Graph member → one StoredUser, every field bounded where it enters.
// A field that is out of range, too long or of the wrong type is dropped (the user is kept:
// losing an account over its HR termination date would hide it from detection), and the
// drops are summed up in one warning per kind rather than one per user.
import type { StoredUser } from '../store/types';
import { parseTimestamp } from '../workplace/timestamps';

const EXT = {
  enterprise: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  status: 'urn:ietf:params:scim:schemas:extension:facebook:accountstatusdetails:2.0:User',
  dates: 'urn:ietf:params:scim:schemas:extension:facebook:starttermdates:2.0:User',
  auth: 'urn:ietf:params:scim:schemas:extension:facebook:authmethod:2.0:User',
};

export const USER_LIMITS = {
  idChars: 256,
  /** RFC 5321: 64 + 1 + 255. */
  emailChars: 320,
  nameChars: 1_000,
  /** HR dates: anything outside these is a data-entry error, not a date. */
  earliestDate: Date.UTC(1970, 0, 1),
  latestDate: Date.UTC(2200, 0, 1),
} as const;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const bool = (v: unknown): boolean | null =>
  typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : null;

/** Collects dropped fields across a users pass; `warnings()` says what was dropped, once per kind. */
export class UserFieldIssues {
  private readonly byKind = new Map<string, { count: number; example: string }>();

  note(kind: string, userId: string, value: unknown): void {
    const seen = this.byKind.get(kind);
    if (seen) seen.count++;
    else {
      let shown: string;
      try {
        shown = JSON.stringify(value) ?? String(value);
      } catch {
        shown = String(value);
      }
      this.byKind.set(kind, { count: 1, example: `${userId.slice(0, 60)}: ${shown.slice(0, 60)}` });
    }
  }

  warnings(): string[] {
    return [...this.byKind].map(
      ([kind, { count, example }]) =>
        `${count.toLocaleString('en-US')} user${count === 1 ? '' : 's'}: ${kind} — the field was dropped, ` +
        `the user kept (e.g. ${example}).`,
    );
  }
}

/** A reader of one record's fields that notes every value it has to drop. */
function fieldReader(issues: UserFieldIssues | null, userId: () => string) {
  const text = (field: string, v: unknown, max: number = USER_LIMITS.nameChars): string | null => {
    if (v == null) return null;
    if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v))) {
      issues?.note(`${field} is not text`, userId(), v);
      return null;
    }
    const s = typeof v === 'number' ? String(v) : v.trim() === '' ? null : v;
    if (s !== null && s.length > max) {
      issues?.note(`${field} is longer than ${max.toLocaleString('en-US')} characters`, userId(), s);
      return null;
    }
    return s;
  };
  const date = (field: string, v: unknown): number | null => {
    if (v == null || v === '') return null;
    const at = parseTimestamp(v);
    if (at === null || !Number.isSafeInteger(at) || at < USER_LIMITS.earliestDate || at > USER_LIMITS.latestDate) {
      issues?.note(`${field} is not a date between 1970 and 2200`, userId(), v);
      return null;
    }
    return at;
  };
  return { text, date };
}

function readId(v: unknown, issues: UserFieldIssues | null): string | null {
  const id =
    typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : null;
  if (id !== null && id.length > USER_LIMITS.idChars) {
    // Without a usable id there is nothing to keep the user under.
    issues?.note(`id is longer than ${USER_LIMITS.idChars} characters (user skipped)`, id.slice(0, 60), null);
    return null;
  }
  return id;
}

export function userFromScim(r: unknown, issues: UserFieldIssues | null = null): StoredUser | null {
  const o = obj(r);
  const id = readId(o.id, issues);
  if (!id) return null;
  const { text, date } = fieldReader(issues, () => id);
  const name = obj(o.name);
  const emails = Array.isArray(o.emails) ? o.emails.map(obj) : [];
  const userName = text('userName', o.userName, USER_LIMITS.emailChars);
  if (userName === null && o.userName == null) issues?.note('userName is missing', id, null);
  const email =
    userName ??
    text('emails.value', (emails.find((e) => e.primary === true) ?? emails[0])?.value, USER_LIMITS.emailChars);
  const ent = obj(o[EXT.enterprise]);
  const status = obj(o[EXT.status]);
  const auth = text('authMethod', obj(o[EXT.auth]).authMethod)?.toLowerCase();
  const given = [text('name.givenName', name.givenName), text('name.familyName', name.familyName)]
    .filter(Boolean)
    .join(' ');
  return {
    id,
    email,
    name:
      text('displayName', o.displayName) ?? text('name.formatted', name.formatted) ?? (given || null) ?? email ?? id,
    title: text('title', o.title),
    department: text('department', ent.department),
    active: bool(o.active) ?? true,
    admin: false,
    claimed: bool(status.claimed) ?? false,
    authMethod: auth === 'sso' || auth === 'password' ? auth : null,
    termDate: date('termDate', obj(o[EXT.dates]).termDate),
    managerId:
      text('manager', obj(ent.manager).managerId, USER_LIMITS.idChars) ??
      text('manager', obj(ent.manager).value, USER_LIMITS.idChars),
    raw: { scim: r },
  };
}

export function userFromGraph(m: unknown, issues: UserFieldIssues | null = null): StoredUser | null {
  const o = obj(m);
  const id = readId(o.id, issues);
  if (!id) return null;
  const { text } = fieldReader(issues, () => id);
  const email = text('email', o.email, USER_LIMITS.emailChars);
  return {
    id,
    email,
    name: text('name', o.name) ?? email ?? id,
    title: text('title', o.title),
    department: text('department', o.department),
    active: bool(o.active) ?? true,
    admin: bool(o.administrator) ?? false,
    claimed: o.account_claim_time != null && o.account_claim_time !== '',
    authMethod: null,
    termDate: null,
    managerId: null,
    raw: { graph: m },
  };
}

/** SCIM wins for account fields (it is the identity source); Graph adds admin and fills gaps. */
export function mergeUser(scim: StoredUser, graph: StoredUser): StoredUser {
  return {
    ...scim,
    email: scim.email ?? graph.email,
    // A SCIM name that only fell back to the email or id gives way to Graph's real one.
    name: scim.name && scim.name !== scim.id && scim.name !== scim.email ? scim.name : graph.name,
    title: scim.title ?? graph.title,
    department: scim.department ?? graph.department,
    admin: graph.admin,
    claimed: scim.claimed || graph.claimed,
    raw: { scim: scim.raw.scim, graph: graph.raw.graph },
  };
}
