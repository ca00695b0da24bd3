// Raw audit-log event names → the normalised activity model (detections.md "Activity model").
// Names are matched case-insensitively with punctuation folded; an unknown name is kept as-is
// with type `other` — never dropped.

export interface NormalisedKind {
  type: string;
  /** An administrative action (changes another account, roles, the organisation). */
  admin: boolean;
}

const TABLE: [string[], string, boolean][] = [
  [
    [
      'logged in',
      'user login',
      'login',
      'login success',
      'login succeeded',
      'successful login',
      'user logged in',
      'sign in',
      'signed in',
    ],
    'login.success',
    false,
  ],
  [
    ['login failed', 'failed login', 'login failure', 'user login failed', 'sign in failed', 'failed sign in'],
    'login.failure',
    false,
  ],
  [['sso reauthentication', 'sso re authentication', 'reauthentication'], 'login.reauthenticate', false],
  [['logged out', 'logout', 'user logout', 'user logged out', 'sign out', 'signed out'], 'logout', false],
  [
    [
      'forced logout',
      'admin force log out',
      'admin force logout',
      'force logout',
      'forced log out',
      'admin forced logout',
    ],
    'logout.forced',
    true,
  ],
  [['password changed', 'password change', 'change password'], 'password.change', false],
  [['password reset code requested', 'password reset requested'], 'password.reset.request', false],
  [['password reset succeeded', 'password reset', 'password reset success'], 'password.reset', false],
  [['password reset incorrect code', 'password reset failed'], 'password.reset.failure', false],
  [['forced password reset', 'admin password reset', 'force password reset'], 'password.reset.forced', true],
  [['two factor authentication enabled', '2fa enabled', 'mfa enabled'], 'mfa.enable', false],
  [['two factor authentication disabled', '2fa disabled', 'mfa disabled'], 'mfa.disable', false],
  [['two factor code entry succeeded', '2fa code entry succeeded', 'mfa succeeded'], 'mfa.success', false],
  [['two factor code entry failed', '2fa code entry failed', 'mfa failed'], 'mfa.failure', false],
  [['account at risk'], 'account.at_risk', false],
  [['account set to unclaimed'], 'account.unclaim', true],
  [['account deactivated', 'user deactivated', 'account suspended'], 'account.deactivate', true],
  [['account activated', 'account reactivated', 'user activated', 'account unsuspended'], 'account.activate', true],
  [['account deleted', 'user deleted'], 'account.delete', true],
  [['account created', 'user created'], 'account.create', true],
  [
    [
      'admin role changed',
      'new role assigned',
      'account promoted to admin',
      'admin created',
      'role assigned',
      'admin role assigned',
    ],
    'admin.role.assign',
    true,
  ],
  [['admin removed', 'admin role removed', 'role removed', 'account demoted from admin'], 'admin.role.remove', true],
  [['email changed', 'email address changed'], 'account.email.change', true],
  [['domain added'], 'domain.add', true],
  [['domain removed'], 'domain.remove', true],
  [['file upload', 'file uploaded', 'upload file'], 'file.upload', false],
  [['file download', 'file downloaded', 'download file'], 'file.download', false],
  [['integration installed', 'app installed', 'integration added', 'app install'], 'integration.install', true],
  [['integration removed', 'app removed', 'integration uninstalled', 'app uninstalled'], 'integration.remove', true],
];

/** "Two-Factor_Authentication  Enabled" → "two factor authentication enabled". */
export function foldEventName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const BY_NAME = new Map<string, NormalisedKind>();
for (const [names, type, admin] of TABLE) for (const n of names) BY_NAME.set(foldEventName(n), { type, admin });

const OTHER: NormalisedKind = { type: 'other', admin: false };

/**
 * Event names as the log spells them → their kind. A log repeats a few dozen names across millions
 * of events, and folding one (lower-case, regex, trim) per event showed in a first sync's profile.
 * Bounded: the names come from outside; past the bound a name is simply folded each time.
 */
const FOLDED = new Map<string, NormalisedKind>();
const FOLDED_MAX = 2_000;

export function normaliseEventName(name: string | null | undefined): NormalisedKind {
  if (!name) return OTHER;
  const known = FOLDED.get(name);
  if (known) return known;
  const kind = BY_NAME.get(foldEventName(name)) ?? OTHER;
  if (FOLDED.size < FOLDED_MAX) FOLDED.set(name, kind);
  return kind;
}

/** User-level actions: done by a user to their own account; another actor doing one is impersonation. */
const USER_LEVEL = /^(login\.|logout$|password\.(change|reset)(\.|$)|mfa\.|file\.)/;
/** USER_LEVEL per type, tested once: types are the table's few (plus 'other'), never text from outside. */
const USER_LEVEL_BY_TYPE = new Map<string, boolean>();
function isUserLevel(type: string): boolean {
  let v = USER_LEVEL_BY_TYPE.get(type);
  if (v === undefined) USER_LEVEL_BY_TYPE.set(type, (v = USER_LEVEL.test(type)));
  return v;
}

export interface NormaliseInput {
  event: string;
  actor: string | null;
  target: string | null;
  extra: Record<string, unknown> | null;
}

export interface Normalised extends NormalisedKind {
  impersonated: boolean;
}

export function normaliseEvent(e: NormaliseInput): Normalised {
  const kind = normaliseEventName(e.event);
  const flagged =
    e.extra?.impersonated === true || e.extra?.is_impersonation === true || typeof e.extra?.impersonator === 'string';
  const acting =
    !kind.admin &&
    isUserLevel(kind.type) &&
    e.actor !== null &&
    e.target !== null &&
    e.actor.toLowerCase() !== e.target.toLowerCase();
  return { type: kind.type, admin: kind.admin, impersonated: flagged || acting };
}

/**
 * Details the audit log hides in `extra_data`, lifted into named fields so they can be shown
 * and searched: the file of an upload/download, why a sign-in failed, whom an action targeted,
 * which role, which integration. Key spellings vary between Workplace, Admin Center and
 * integrations, so several are accepted; values are bounded (text from outside).
 */
const DETAIL_KEYS: [string, string[]][] = [
  ['fileName', ['file_name', 'filename', 'fileName', 'file', 'file_title', 'document_name', 'name_of_file']],
  ['failureReason', ['reason', 'failure_reason', 'failureReason', 'login_failure_reason', 'error', 'error_message']],
  ['targetName', ['target_name', 'targetName', 'target_full_name', 'target_user_name', 'target_display_name']],
  ['role', ['role', 'role_name', 'new_role', 'admin_role']],
  ['loginType', ['login_type', 'loginType', 'auth_method', 'authentication_method']],
  ['integration', ['integration_name', 'app_name', 'integration', 'application', 'app']],
  ['domain', ['domain', 'domain_name']],
  ['email', ['new_email', 'email']],
];
const MAX_DETAIL = 300;

// extra_data key → [field, rank]; a lower rank wins when one event carries two spellings.
const DETAIL_BY_KEY = new Map<string, [string, number]>();
for (const [field, keys] of DETAIL_KEYS) keys.forEach((k, rank) => DETAIL_BY_KEY.set(k, [field, rank]));

export function liftDetails(extra: Record<string, unknown> | null | undefined): Record<string, string> | null {
  if (!extra) return null;
  let out: Record<string, string> | null = null;
  let ranks: Record<string, number> | null = null;
  // One pass over the event's own (few) keys, not over every spelling of every detail.
  for (const k in extra) {
    const known = DETAIL_BY_KEY.get(k);
    if (!known) continue;
    const v = extra[k];
    const text = typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
    if (text.length === 0) continue;
    const [field, rank] = known;
    ranks ??= {};
    if (field in ranks && ranks[field] <= rank) continue;
    ranks[field] = rank;
    (out ??= {})[field] = text.slice(0, MAX_DETAIL);
  }
  return out;
}
