// Users: SCIM resources merged with Graph members, by id first and then by email (the two APIs
// share ids in Workplace, but a proxy or an older SCIM may not). Either source can be missing a
// permission; the other still fills the list and only the missing one's feature is disabled.
import type { StoredUser, Store } from '../store/types';
import { FEATURES, WorkplaceApiError, type Feature } from '../workplace/api-error';
import type { WorkplaceClient } from '../workplace/client';
import { parseTimestamp } from '../workplace/timestamps';
import { storeWrite } from './store-failure';

const EXT = {
  enterprise: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  status: 'urn:ietf:params:scim:schemas:extension:facebook:accountstatusdetails:2.0:User',
  dates: 'urn:ietf:params:scim:schemas:extension:facebook:starttermdates:2.0:User',
  auth: 'urn:ietf:params:scim:schemas:extension:facebook:authmethod:2.0:User',
};

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : null;
const bool = (v: unknown): boolean | null =>
  typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : null;

export function userFromScim(r: unknown): StoredUser | null {
  const o = obj(r);
  const id = str(o.id);
  if (!id) return null;
  const name = obj(o.name);
  const emails = Array.isArray(o.emails) ? o.emails.map(obj) : [];
  const email = str(o.userName) ?? str((emails.find((e) => e.primary === true) ?? emails[0])?.value);
  const ent = obj(o[EXT.enterprise]);
  const status = obj(o[EXT.status]);
  const auth = str(obj(o[EXT.auth]).authMethod)?.toLowerCase();
  const given = [str(name.givenName), str(name.familyName)].filter(Boolean).join(' ');
  return {
    id,
    email,
    name: str(o.displayName) ?? str(name.formatted) ?? (given || null) ?? email ?? id,
    title: str(o.title),
    department: str(ent.department),
    active: bool(o.active) ?? true,
    admin: false,
    claimed: bool(status.claimed) ?? false,
    authMethod: auth === 'sso' || auth === 'password' ? auth : null,
    termDate: parseTimestamp(obj(o[EXT.dates]).termDate),
    managerId: str(obj(ent.manager).managerId) ?? str(obj(ent.manager).value),
    raw: { scim: r },
  };
}

export function userFromGraph(m: unknown): StoredUser | null {
  const o = obj(m);
  const id = str(o.id);
  if (!id) return null;
  const email = str(o.email);
  return {
    id,
    email,
    name: str(o.name) ?? email ?? id,
    title: str(o.title),
    department: str(o.department),
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
    name: scim.name && scim.name !== scim.id ? scim.name : graph.name,
    title: scim.title ?? graph.title,
    department: scim.department ?? graph.department,
    admin: graph.admin,
    claimed: scim.claimed || graph.claimed,
    raw: { scim: scim.raw.scim, graph: graph.raw.graph },
  };
}

export interface UsersSyncResult {
  count: number;
  disabled: Feature[];
}

export async function syncUsers(deps: {
  store: Store;
  client: WorkplaceClient;
  signal?: AbortSignal;
  warn: (m: string) => void;
  onCount: (n: number) => void;
}): Promise<UsersSyncResult> {
  const disabled: Feature[] = [];
  const byId = new Map<string, StoredUser>();
  const byEmail = new Map<string, string>();
  const apply = (page: unknown[], convert: (r: unknown) => StoredUser | null, merge: boolean) => {
    for (const r of page) {
      const u = convert(r);
      if (!u) continue;
      if (!merge) {
        byId.set(u.id, u);
        if (u.email) byEmail.set(u.email.toLowerCase(), u.id);
        continue;
      }
      const matchId = byId.has(u.id) ? u.id : u.email ? byEmail.get(u.email.toLowerCase()) : undefined;
      const match = matchId ? byId.get(matchId) : undefined;
      if (match && match.raw.scim !== undefined) byId.set(match.id, mergeUser(match, u));
      else {
        byId.set(u.id, u);
        if (u.email) byEmail.set(u.email.toLowerCase(), u.id);
      }
    }
    deps.onCount(byId.size);
  };
  const failed = (feature: Feature, err: unknown) => {
    if (err instanceof WorkplaceApiError && err.kind === 'permission') {
      disabled.push(feature);
      deps.warn(`Missing the "${feature.permission}" permission: ${feature.feature} is not synced (${err.message}).`);
      return;
    }
    throw err;
  };
  // The two sources are read at the same time (the server works on one while we parse the
  // other), but merged — and their warnings given — exactly as a one-after-the-other read
  // would: all of SCIM first, then Graph page by page.
  const stopGraph = new AbortController();
  const onAbort = () => stopGraph.abort(deps.signal?.reason);
  deps.signal?.addEventListener('abort', onAbort, { once: true });
  if (deps.signal?.aborted) onAbort();
  const graphSteps: ({ page: unknown[] } | { warning: string })[] = [];
  const graph = (async () => {
    const pages = deps.client.graphMembers({
      signal: stopGraph.signal,
      onRepeatedCursor: (_k, { stopped }) =>
        void graphSteps.push({
          warning: `Member paging repeated a cursor${stopped ? '; stopped to avoid a loop' : ''}.`,
        }),
      onStopped: (stop) => void graphSteps.push({ warning: stop.message }),
    });
    for await (const page of pages) graphSteps.push({ page });
  })().then(
    () => null,
    (err: unknown) => ({ err }),
  );
  try {
    try {
      for await (const page of deps.client.scimUsers({
        signal: deps.signal,
        onStopped: (stop) => deps.warn(stop.message),
      }))
        apply(page, userFromScim, false);
    } catch (err) {
      failed(FEATURES.scimUsers, err);
    }
  } catch (err) {
    stopGraph.abort();
    await graph;
    deps.signal?.removeEventListener('abort', onAbort);
    throw err;
  }
  const graphFailure = await graph;
  deps.signal?.removeEventListener('abort', onAbort);
  for (const step of graphSteps) {
    if ('page' in step) apply(step.page, userFromGraph, true);
    else deps.warn(step.warning);
  }
  if (graphFailure) failed(FEATURES.graphMembers, graphFailure.err);
  const users = [...byId.values()];
  await storeWrite(deps.store.dataDir, `${users.length} users`, () => deps.store.users.upsertMany(users));
  deps.onCount(users.length);
  return { count: users.length, disabled };
}
