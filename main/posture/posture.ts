// Posture: evaluates the checks over the store, keeps each recommendation's status workflow
// (the admin's choices persist; Completed is the console's to set and clear), and a history of
// the score. Lives in the store's meta, with the organisation it describes.
import { z } from 'zod';
import { GuardError } from '../runtime/errors';
import type { StoredActivity, StoredUser, Store } from '../store/types';
import { POSTURE_CHECKS, type PostureFacts } from './checks';

export const POSTURE_STATUSES = [
  'to_address',
  'planned',
  'risk_accepted',
  'resolved_third_party',
  'resolved_alternate',
  'completed',
] as const;
export type PostureStatus = (typeof POSTURE_STATUSES)[number];
/** Statuses the admin may choose (Completed is set by the console when the check passes). */
export const ADMIN_POSTURE_STATUSES = POSTURE_STATUSES.filter((s) => s !== 'completed');
/** Statuses that count towards the score as achieved (MDCA counts mitigations elsewhere too). */
const ACHIEVED = new Set<PostureStatus>(['completed', 'resolved_third_party', 'resolved_alternate']);

const StateSchema = z.object({
  statuses: z.record(
    z.string(),
    z.object({ status: z.enum(POSTURE_STATUSES), at: z.number(), by: z.enum(['admin', 'console']) }),
  ),
  history: z.array(z.object({ at: z.number(), score: z.number() })).max(400),
});
type PostureState = z.infer<typeof StateSchema>;
const STATE_KEY = 'posture.state';
const DAY = 86_400_000;

export interface PostureRecommendation {
  id: string;
  title: string;
  why: string;
  remediation: string[];
  weight: number;
  passed: boolean;
  summary: string;
  status: PostureStatus;
  statusBy: 'admin' | 'console';
  affected: { id: string; email: string | null; name: string }[];
  affectedCount: number;
}

export interface PostureReport {
  evaluatedAt: number;
  /** 0–100: achieved weight over total weight. */
  score: number;
  recommendations: PostureRecommendation[];
  history: { at: number; score: number }[];
}

function readState(store: Store): PostureState {
  const parsed = StateSchema.safeParse(store.meta.get(STATE_KEY));
  return parsed.success ? parsed.data : { statuses: {}, history: [] };
}

async function allUsers(store: Store): Promise<StoredUser[]> {
  const out: StoredUser[] = [];
  let cursor: string | null = null;
  do {
    const page = store.users.list(null, cursor, 1000);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

async function eachActivity(
  store: Store,
  filter: Parameters<Store['activities']['query']>[0],
  visit: (a: StoredActivity) => void,
): Promise<void> {
  let cursor: string | null = null;
  do {
    const page = await store.activities.query(filter, cursor, 2000);
    for (const a of page.items) visit(a);
    cursor = page.nextCursor;
  } while (cursor);
}

function loginType(a: StoredActivity): string | null {
  const extra = (a.raw as { extra_data?: unknown } | null)?.extra_data;
  const fromRaw = extra && typeof extra === 'object' ? (extra as Record<string, unknown>).login_type : undefined;
  const v = a.details?.loginType ?? fromRaw;
  return typeof v === 'string' ? v.toLowerCase() : null;
}

export async function gatherFacts(store: Store, now: number): Promise<PostureFacts> {
  const users = await allUsers(store);
  const byEmail = new Map(users.filter((u) => u.email).map((u) => [u.email!.toLowerCase(), u]));
  const userOf = (actor: string | null) =>
    actor ? (byEmail.get(actor.toLowerCase()) ?? store.users.get(actor)) : null;
  const days = await store.activities.countsByDay({});
  const historySince = days.length ? Math.min(...days.map((d) => Date.parse(`${d.day}T00:00:00Z`))) : null;
  const twoFactorUserIds = new Set<string>();
  for (const type of ['mfa.enable', 'mfa.success']) {
    await eachActivity(store, { type }, (a) => {
      const u = userOf(a.actor);
      if (u) twoFactorUserIds.add(u.id);
    });
  }
  const passwordSignInsBySso = new Map<string, number>();
  await eachActivity(store, { type: 'login.success', since: now - 30 * DAY }, (a) => {
    const u = userOf(a.actor);
    if (u?.authMethod === 'sso' && loginType(a) === 'password')
      passwordSignInsBySso.set(u.id, (passwordSignInsBySso.get(u.id) ?? 0) + 1);
  });
  return {
    now,
    users,
    lastActivity: (u) => store.activities.lastActivityAt(u),
    historySince,
    twoFactorUserIds,
    passwordSignInsBySso,
  };
}

/** Evaluates every check, moves statuses (Completed on pass, back to To address on fail), records the score. */
export async function evaluatePosture(store: Store, now = Date.now()): Promise<PostureReport> {
  const facts = await gatherFacts(store, now);
  const state = readState(store);
  const recommendations: PostureRecommendation[] = [];
  let total = 0;
  let achieved = 0;
  for (const check of POSTURE_CHECKS) {
    const r = check.evaluate(facts);
    const prev = state.statuses[check.id];
    let status: PostureStatus = prev?.status ?? 'to_address';
    let by = prev?.by ?? 'console';
    if (r.passed && status !== 'completed') [status, by] = ['completed', 'console'];
    else if (!r.passed && status === 'completed') [status, by] = ['to_address', 'console'];
    if (!prev || prev.status !== status) state.statuses[check.id] = { status, at: now, by };
    total += check.weight;
    if (ACHIEVED.has(status)) achieved += check.weight;
    recommendations.push({
      id: check.id,
      title: check.title,
      why: check.why,
      remediation: check.remediation,
      weight: check.weight,
      passed: r.passed,
      summary: r.summary,
      status,
      statusBy: by,
      affected: r.affected.slice(0, 500).map((u) => ({ id: u.id, email: u.email, name: u.name })),
      affectedCount: r.affected.length,
    });
  }
  const score = total === 0 ? 100 : Math.round((achieved / total) * 100);
  // One point a day is enough for a trend; the latest evaluation of a day replaces the earlier one.
  const last = state.history.at(-1);
  if (last && Math.floor(last.at / DAY) === Math.floor(now / DAY))
    state.history[state.history.length - 1] = { at: now, score };
  else state.history.push({ at: now, score });
  state.history = state.history.slice(-365);
  await store.meta.set(STATE_KEY, state);
  return { evaluatedAt: now, score, recommendations, history: state.history };
}

export async function setPostureStatus(store: Store, id: string, status: PostureStatus, now = Date.now()) {
  if (!POSTURE_CHECKS.some((c) => c.id === id))
    throw new GuardError('not_found', `No posture recommendation "${id.slice(0, 80)}".`);
  if (status === 'completed')
    throw new GuardError('invalid_input', 'Completed is set by the console when the check passes.');
  const state = readState(store);
  state.statuses[id] = { status, at: now, by: 'admin' };
  await store.meta.set(STATE_KEY, state);
}
