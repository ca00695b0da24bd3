// The engine's state to and from the baselines file. Users are a record of their baselines, written
// as each user's own `"key":{…}` text, so a save re-encodes only the users a flush touched and
// copies the text of the rest from its last save (baseline-file.ts). Format 2 writes the
// organisation's maps as entry lists, which JSON.stringify and new Map take without building an
// object per address; format 1 (the maps as records) is still read, so an upgrade does not rebuild.
// Any other version is rebuilt from the activities instead of being guessed at.
import type { BaselineDoc } from '../store/baseline-store';
import type { OrgBaseline, UserBaseline } from './baseline';
import type { EngineState } from './engine';
import { LatestTimes } from './latest-times';

export const BASELINE_FORMAT = 2;

type Nested<T> = [string, [string, T][]][];

export interface SavedOrg {
  first: number | null;
  ipUsers: Nested<number>;
  countryUsers: Nested<number>;
  activeUsers: [string, number][];
  sprayFails: [string, [number, string][]][];
  /** Absent in files written before it: the maps are then pruned at the first save. */
  mapsPrunedAt?: number;
}

const nested = <T>(m: Map<string, Map<string, T>>): Nested<T> => Array.from(m, ([k, v]) => [k, [...v]]);

export function encodeOrg(o: OrgBaseline): SavedOrg {
  return {
    first: o.first,
    ipUsers: nested(o.ipUsers),
    countryUsers: nested(o.countryUsers),
    activeUsers: [...o.activeUsers],
    sprayFails: [...o.sprayFails],
    ...(o.mapsPrunedAt !== undefined && Number.isFinite(o.mapsPrunedAt) ? { mapsPrunedAt: o.mapsPrunedAt } : {}),
  };
}

/** One member of the users record: `"key":{…}`. */
export const userText = (key: string, u: UserBaseline): string => `${JSON.stringify(key)}:${JSON.stringify(u)}`;

// Each user on a line of its own: JSON.stringify never writes a raw line break, so a load finds
// every user's text by splitting the lines between these two marks (usersTexts), and the first
// save after a start re-encodes only the users its flush touched instead of the whole organisation.
const USERS_OPEN = '"users":{\n';
const USERS_CLOSE = '\n},"org":';

/** The file's text from each user's text (as userText makes them) and the organisation. */
export function encodeDocText(users: string[], org: OrgBaseline, now: number): string {
  const head = `{"v":${BASELINE_FORMAT},"savedAt":${JSON.stringify(now)},"state":{${USERS_OPEN}`;
  return `${head}${users.join(',\n')}${USERS_CLOSE}${JSON.stringify(encodeOrg(org))}}}`;
}

/**
 * Each user's `"key":{…}` text in a file encodeDocText wrote, by key; null for a file laid out
 * otherwise (an older build's, or written by hand), whose users are then encoded afresh.
 */
export function usersTexts(text: string): Map<string, string> | null {
  const open = text.indexOf(USERS_OPEN);
  if (open < 0) return null;
  const from = open + USERS_OPEN.length;
  const to = text.indexOf(USERS_CLOSE, from);
  if (to < 0) return null;
  const out = new Map<string, string>();
  if (to === from) return out;
  for (const line of text.slice(from, to).split('\n')) {
    const member = line.endsWith(',') ? line.slice(0, -1) : line;
    const key = memberKey(member);
    if (key === null) return null;
    out.set(key, member);
  }
  return out;
}

/** The key of a `"key":{…}` member: its JSON string, read up to the first unescaped quote. */
function memberKey(member: string): string | null {
  if (member.charCodeAt(0) !== 34) return null;
  for (let i = 1; i < member.length; i++) {
    const c = member.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) {
      if (member.charCodeAt(i + 1) !== 58) return null;
      try {
        return JSON.parse(member.slice(0, i + 1)) as string;
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The whole state as a document (what encodeDocText writes, parsed). */
export function encodeState(state: EngineState, now: number): BaselineDoc {
  return {
    v: BASELINE_FORMAT,
    savedAt: now,
    state: { users: Object.fromEntries(state.users), org: encodeOrg(state.org) },
  };
}

/**
 * JSON has no -Infinity: a user saved before any activity was evaluated comes back as null. Set in
 * place: the object is the parser's own, and a copy per user would double what a load allocates.
 */
function decodeUser(u: unknown): UserBaseline {
  if (!u || typeof u !== 'object' || Array.isArray(u)) throw new Error('not a user baseline');
  const user = u as UserBaseline;
  if (typeof user.last !== 'number') user.last = Number.NEGATIVE_INFINITY;
  return user;
}

export function decodeState(doc: BaselineDoc | null): EngineState | null {
  if (!doc || (doc.v !== BASELINE_FORMAT && doc.v !== 1)) return null;
  const s = doc.state as { users?: unknown; org?: unknown } | null;
  if (!s || typeof s.users !== 'object' || typeof s.org !== 'object' || !s.users || !s.org) return null;
  if (Array.isArray(s.users)) return null;
  try {
    const org = decodeOrg(s.org as Record<string, unknown>);
    const users = new Map<string, UserBaseline>();
    for (const [k, u] of Object.entries(s.users as Record<string, unknown>)) users.set(k, decodeUser(u));
    return { users, org };
  } catch {
    // Valid JSON of another shape (hand-edited, or written by a broken build): rebuilt, like a damaged file.
    return null;
  }
}

/** Reads both formats: entry lists (2) and records (1). */
function decodeOrg(o: Record<string, unknown>): OrgBaseline {
  const pairs = <T>(v: unknown): [string, T][] => {
    if (Array.isArray(v)) return v as [string, T][];
    if (v && typeof v === 'object') return Object.entries(v as Record<string, T>);
    throw new Error('not a map');
  };
  const nestedMap = (v: unknown) => new Map(pairs<unknown>(v).map(([k, inner]) => [k, new Map(pairs<number>(inner))]));
  // LatestTimes refuses what is not a time: a damaged map is rebuilt, not counted wrong.
  const nestedTimes = (v: unknown) =>
    new Map(pairs<unknown>(v).map(([k, inner]) => [k, new LatestTimes(pairs<number>(inner))]));
  return {
    first: typeof o.first === 'number' ? o.first : null,
    ipUsers: nestedMap(o.ipUsers),
    countryUsers: nestedTimes(o.countryUsers),
    activeUsers: new LatestTimes(pairs<number>(o.activeUsers)),
    sprayFails: new Map(pairs<[number, string][]>(o.sprayFails)),
    ...(typeof o.mapsPrunedAt === 'number' ? { mapsPrunedAt: o.mapsPrunedAt } : {}),
  };
}
