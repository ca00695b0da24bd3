// The store's public shapes. sync/ writes through these; console.ts reads through them.
// Everything is epoch milliseconds UTC.
import type { ActivityFilter } from '../../preload/contract';
import type { ColumnScan, ColumnTests } from './activity-scan';
import type { AlertStore } from './alert-store';
import type { BaselineStore } from './baseline-store';
import type { PolicyStore } from './policy-store';

/** One activity as kept on disk: the raw event untouched, plus the normalised and enriched fields. */
export interface StoredActivity {
  /** Source id from the audit log; the de-duplication key. */
  id: string;
  at: number;
  /** Normalised type, e.g. login.success (detections.md "Activity model"). */
  type: string;
  /** Raw event name as received. */
  event: string;
  actor: string | null;
  target: string | null;
  ip: string | null;
  country: string | null;
  city: string | null;
  lat: number | null;
  lon: number | null;
  radiusKm: number | null;
  admin: boolean;
  impersonated: boolean;
  userAgent: string | null;
  summary: string | null;
  /** Enrichment (detections.md "Activity model"); absent or null where unknown or not yet enriched. */
  asn?: number | null;
  asOrg?: string | null;
  /**
   * IP categories and tags known when the activity was stored: built-in network kinds and lists
   * (`hosting`, `vpn-provider`, `private-relay`, `satellite`, `tor`, `firehol-level1`, `spamhaus-drop`,
   * `feodo`) and the admin's ranges (`corporate`, `vpn`, `cloud`, `administrative`, `risky`,
   * `anonymous`, `tag:<free tag>`). Detection re-reads the admin's ranges at evaluation time.
   */
  ipTags?: string[];
  /** Parsed from the user agent. */
  device?: ActivityDevice | null;
  /** Details lifted out of extra_data (e.g. fileName, failureReason, targetName); searchable. */
  details?: Record<string, string> | null;
  /** The event exactly as the API returned it. */
  raw: unknown;
}

export interface ActivityDevice {
  browser: string | null;
  os: string | null;
  type: 'desktop' | 'mobile' | 'tablet' | 'bot' | 'unknown';
  /** The Workplace desktop or mobile app by name, when the user agent is one of them. */
  app: string | null;
}

export interface StoredUser {
  id: string;
  email: string | null;
  name: string;
  title: string | null;
  department: string | null;
  active: boolean;
  admin: boolean;
  claimed: boolean;
  authMethod: 'sso' | 'password' | null;
  termDate: number | null;
  managerId: string | null;
  /** Merged SCIM resource and Graph member, as received. */
  raw: { scim?: unknown; graph?: unknown };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface AppendResult {
  added: number;
  duplicates: number;
  /** The activities that were new (handed to detection). */
  addedActivities: StoredActivity[];
}

export interface CorruptionReport {
  file: string;
  quarantinedAs: string;
  /** The UTC time range whose data was lost and must be re-synced (null when unknown). */
  range: { since: number; until: number } | null;
  at: number;
  message: string;
}

export interface UserActivitySummary {
  activityCount: number;
  countries: { country: string; count: number }[];
  ips: { ip: string; count: number; country: string | null }[];
  devices: { userAgent: string; count: number }[];
  lastActivityAt: number | null;
}

export interface ActivityStore {
  /** Appends, de-duplicating by id against everything stored; writes only the partitions it touches, atomically. */
  append(batch: StoredActivity[]): Promise<AppendResult>;
  /** Newest first, keyset pagination: `cursor` is opaque and stable while new activities arrive. */
  query(filter: ActivityFilter, cursor: string | null, limit: number): Promise<Page<StoredActivity>>;
  get(id: string): Promise<StoredActivity | null>;
  countsByDay(filter: ActivityFilter): Promise<{ day: string; count: number }[]>;
  countsByType(filter: ActivityFilter): Promise<{ type: string; count: number }[]>;
  /** Counts per calendar day in `timeZone` (IANA), oldest day first. */
  countsByLocalDay(filter: ActivityFilter, timeZone: string): Promise<{ day: string; count: number }[]>;
  /** Counts per country code of the located activities, largest first. */
  countsByCountry(filter: ActivityFilter): Promise<{ country: string; count: number }[]>;
  summaryForUser(user: { id: string; email: string | null }): Promise<UserActivitySummary>;
  /** The user's newest own activity (as actor), cheap enough to ask for every row of a page. */
  lastActivityAt(user: { id: string; email: string | null }): number | null;
  count(): number;
  newestAt(): number | null;
  has(id: string): boolean;
  /** Index-only scan (activity-scan.ts): judges the whole history without reading partition files. */
  scanColumns(tests: ColumnTests): Promise<ColumnScan>;
  /**
   * Every activity in [since, until] (epoch ms, inclusive), oldest first, equal times by id, each
   * with `raw: null`: one pass over the index and one read per partition (activity-range.ts), for
   * detection reading a back-fill back a day at a time.
   */
  readRange(since: number, until: number): Promise<StoredActivity[]>;
  /** Builds the free-text word index in the background (a console does; one-shot commands need not). */
  warmTextIndex?(): void;
}

/** What the Users list filters on in the store; undefined fields do not filter. */
export interface UserQuery {
  /** Part of the name, email or department, any letter case. */
  search?: string | null;
  active?: boolean;
  admin?: boolean;
  claimed?: boolean;
  terminated?: boolean;
  authMethod?: 'sso' | 'password' | 'none';
}

export interface UserStore {
  /**
   * Adds or updates users (merged with what is stored). The objects are copied, unless the caller
   * hands them over (`handOver`): built for this call and never touched again — the sync's 10,000
   * fresh users, where copying them cost as much as writing the file.
   */
  upsertMany(users: StoredUser[], opts?: { handOver?: boolean }): Promise<void>;
  list(search: string | null, cursor: string | null, limit: number): Page<StoredUser>;
  /** Everyone matching `q` (terminated: HR leaving date reached by `now`), in name order; read-only rows. */
  select(q: UserQuery, now: number): readonly Readonly<StoredUser>[];
  get(id: string): StoredUser | null;
  findByEmail(email: string): StoredUser | null;
  /** The user with this email (or else this id), uncopied: for hot read-only lookups (detection, per activity). */
  peek(emailOrId: string): Readonly<StoredUser> | null;
  count(): number;
}

/** Small JSON records committed atomically: sync checkpoints, connection metadata (never secrets), connector status. */
export interface MetaStore {
  get<T>(key: string): T | null;
  set<T>(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface Store {
  readonly dataDir: string;
  readonly activities: ActivityStore;
  readonly users: UserStore;
  readonly meta: MetaStore;
  /** Detection's alerts (and the queue of automatic governance actions). */
  readonly alerts: AlertStore;
  /** Detection's baselines (derived; rebuilt from activities when missing). */
  readonly baselines: BaselineStore;
  /** Detection settings: anomaly policies, suppressions, activity policies. */
  readonly policies: PolicyStore;
  /** Files found corrupt at open (or later) and moved aside; the sync re-fetches their ranges. */
  corruptions(): CorruptionReport[];
  /**
   * Set when the store was opened read-only for review (the data directory cannot be written, or
   * `readOnly` was asked for): the one sentence to show. Every write then fails with a GuardError.
   */
  readonly readOnly?: string | null;
  /** Acknowledge a corruption report once its range has been re-synced. */
  clearCorruption(file: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Skip the data-directory lock (tests of the lock itself only). */
  noLock?: boolean;
  /**
   * fsync every commit (files before their rename, folders after): on by default. Off only to
   * measure what durability costs; the environment variable WORKPLACE_GUARD_FSYNC=0 sets the
   * default to off for a whole process (the sync bench runs the CLI that way).
   */
  durable?: boolean;
  /** Open for review only: no lock, no file written, every write a GuardError ('forbidden'). */
  readOnly?: boolean;
}
