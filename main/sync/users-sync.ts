// Users: SCIM resources merged with Graph members, by id first and then by email (the two APIs
// share ids in Workplace, but a proxy or an older SCIM may not). Either source can be missing a
// permission; the other still fills the list and only the missing one's feature is disabled.
import type { StoredUser, Store } from '../store/types';
import { FEATURES, WorkplaceApiError, type Feature } from '../workplace/api-error';
import type { WorkplaceClient } from '../workplace/client';
import { storeWrite } from './store-failure';
import { mergeUser, userFromGraph, userFromScim, UserFieldIssues } from './user-record';

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
  const issues = new UserFieldIssues();
  const apply = (
    page: unknown[],
    convert: (r: unknown, issues: UserFieldIssues) => StoredUser | null,
    merge: boolean,
  ) => {
    for (const r of page) {
      const u = convert(r, issues);
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
  for (const w of issues.warnings()) deps.warn(w);
  const users = [...byId.values()];
  // Built here for the store alone: handed over rather than copied.
  await storeWrite(deps.store.dataDir, `${users.length} users`, () =>
    deps.store.users.upsertMany(users, { handOver: true }),
  );
  deps.onCount(users.length);
  return { count: users.length, disabled };
}
