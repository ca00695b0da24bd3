// The engine's state to and from the baselines file: Maps become records, and a different
// format version is rebuilt from the activities instead of being guessed at.
import type { BaselineDoc } from '../store/baseline-store';
import type { OrgBaseline, UserBaseline } from './baseline';
import type { EngineState } from './engine';

export const BASELINE_FORMAT = 1;

interface Saved {
  users: Record<string, UserBaseline>;
  org: OrgBaseline;
}

export function encodeState(state: EngineState, now: number): BaselineDoc {
  const saved: Saved = { users: Object.fromEntries(state.users), org: state.org };
  return { v: BASELINE_FORMAT, savedAt: now, state: saved };
}

export function decodeState(doc: BaselineDoc | null): EngineState | null {
  if (!doc || doc.v !== BASELINE_FORMAT) return null;
  const s = doc.state as Partial<Saved>;
  if (!s || typeof s.users !== 'object' || typeof s.org !== 'object' || !s.users || !s.org) return null;
  // JSON has no -Infinity: a user saved before any activity was evaluated comes back as null.
  const users = new Map(
    Object.entries(s.users).map(([k, u]) => [k, { ...u, last: u.last ?? Number.NEGATIVE_INFINITY }]),
  );
  return { users, org: s.org };
}
