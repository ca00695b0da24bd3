// The engine's state to and from the baselines file. Format 2: each user's baseline is its own
// JSON text inside the document (`[key, baseline]`), so a save re-encodes only the users a flush
// touched and reuses the text of the rest as read or last written (baseline-file.ts); the
// organisation's maps are entry lists, which JSON.stringify and new Map take without building an
// object per address. Format 1 (users and maps as records) is still read, so an upgrade does not
// rebuild; any other version is rebuilt from the activities instead of being guessed at.
import type { BaselineDoc } from '../store/baseline-store';
import type { OrgBaseline, UserBaseline } from './baseline';
import type { EngineState } from './engine';

export const BASELINE_FORMAT = 2;

type Nested<T> = [string, [string, T][]][];

export interface SavedOrg {
  first: number | null;
  ipUsers: Nested<number>;
  countryUsers: Nested<number>;
  activeUsers: [string, number][];
  sprayFails: [string, [number, string][]][];
}

interface Saved {
  /** Each user's `[key, baseline]` as JSON text. */
  users: string[];
  org: SavedOrg;
}

const nested = <T>(m: Map<string, Map<string, T>>): Nested<T> => Array.from(m, ([k, v]) => [k, [...v]]);

export function encodeOrg(o: OrgBaseline): SavedOrg {
  return {
    first: o.first,
    ipUsers: nested(o.ipUsers),
    countryUsers: nested(o.countryUsers),
    activeUsers: [...o.activeUsers],
    sprayFails: [...o.sprayFails],
  };
}

export const userText = (key: string, u: UserBaseline): string => JSON.stringify([key, u]);

export function encodeDoc(users: string[], org: OrgBaseline, now: number): BaselineDoc {
  const saved: Saved = { users, org: encodeOrg(org) };
  return { v: BASELINE_FORMAT, savedAt: now, state: saved };
}

/** The whole state encoded afresh (what a save of every user writes). */
export function encodeState(state: EngineState, now: number): BaselineDoc {
  return encodeDoc(
    Array.from(state.users, ([k, u]) => userText(k, u)),
    state.org,
    now,
  );
}

/**
 * JSON has no -Infinity: a user saved before any activity was evaluated comes back as null. Set in
 * place: the object is the parser's own, and a copy per user would double what a load allocates.
 */
function decodeUser(u: UserBaseline): UserBaseline {
  if (typeof u.last !== 'number') u.last = Number.NEGATIVE_INFINITY;
  return u;
}

export interface Decoded {
  state: EngineState;
  /** Each user's text as read (format 2), for the next save to reuse while the user is untouched. */
  texts: Map<string, string>;
}

export function decodeDoc(doc: BaselineDoc | null): Decoded | null {
  if (!doc || (doc.v !== BASELINE_FORMAT && doc.v !== 1)) return null;
  const s = doc.state as { users?: unknown; org?: unknown } | null;
  if (!s || typeof s.users !== 'object' || typeof s.org !== 'object' || !s.users || !s.org) return null;
  try {
    const org = decodeOrg(s.org as Record<string, unknown>);
    const users = new Map<string, UserBaseline>();
    const texts = new Map<string, string>();
    if (doc.v === 1) {
      for (const [k, u] of Object.entries(s.users as Record<string, UserBaseline>)) users.set(k, decodeUser(u));
    } else {
      for (const text of s.users as string[]) {
        const [k, u] = JSON.parse(text) as [string, UserBaseline];
        if (typeof k !== 'string' || !u || typeof u !== 'object') throw new Error('not a user baseline');
        users.set(k, decodeUser(u));
        texts.set(k, text);
      }
    }
    return { state: { users, org }, texts };
  } catch {
    // Valid JSON of another shape (hand-edited, or written by a broken build): rebuilt, like a damaged file.
    return null;
  }
}

export const decodeState = (doc: BaselineDoc | null): EngineState | null => decodeDoc(doc)?.state ?? null;

/** Reads both formats: entry lists (2) and records (1). */
function decodeOrg(o: Record<string, unknown>): OrgBaseline {
  const pairs = <T>(v: unknown): [string, T][] => {
    if (Array.isArray(v)) return v as [string, T][];
    if (v && typeof v === 'object') return Object.entries(v as Record<string, T>);
    throw new Error('not a map');
  };
  const nestedMap = (v: unknown) => new Map(pairs<unknown>(v).map(([k, inner]) => [k, new Map(pairs<number>(inner))]));
  return {
    first: typeof o.first === 'number' ? o.first : null,
    ipUsers: nestedMap(o.ipUsers),
    countryUsers: nestedMap(o.countryUsers),
    activeUsers: new Map(pairs<number>(o.activeUsers)),
    sprayFails: new Map(pairs<[number, string][]>(o.sprayFails)),
  };
}
