// The governance calls of workplace-api.md: suspend / unsuspend (SCIM PATCH first, PUT with the
// full resource where PATCH is refused, the Graph fallback last), sign out of all devices, and a
// Work Chat message. Each write is verified by reading the user back where the API allows it.
import { WorkplaceApiError } from './api-error';
import type { WorkplaceHttp } from './http';
import { apiUrl, type WorkplaceUrls } from './urls';

const SCIM_PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** What the console needs to know about a user just before acting on them. */
export interface RemoteUser {
  id: string;
  userName: string | null;
  active: boolean;
}

export type SuspendRoute = 'scim-patch' | 'scim-put' | 'graph';

export interface GovernanceCalls {
  readUser(id: string, signal?: AbortSignal): Promise<RemoteUser>;
  /** Sets `active` and returns the state read back afterwards, with the route that worked. */
  setActive(id: string, active: boolean, signal?: AbortSignal): Promise<{ user: RemoteUser; route: SuspendRoute }>;
  signOut(id: string, signal?: AbortSignal): Promise<void>;
  message(id: string, text: string, signal?: AbortSignal): Promise<{ messageId: string | null }>;
}

function toRemoteUser(id: string, body: unknown): RemoteUser {
  const b = (body ?? {}) as { id?: unknown; userName?: unknown; active?: unknown };
  if (typeof b.active !== 'boolean') {
    throw new WorkplaceApiError('malformed', `SCIM /Users/${id} did not say whether the user is active.`, {
      httpStatus: 200,
      code: null,
      subcode: null,
      url: `/Users/${id}`,
    });
  }
  return {
    id: typeof b.id === 'string' ? b.id : id,
    userName: typeof b.userName === 'string' ? b.userName.slice(0, 320) : null,
    active: b.active,
  };
}

/**
 * A PATCH the server refused (as opposed to a missing permission or a lost token). 412 means the
 * user changed on the server since it was read: the PUT that follows is built from a fresh read.
 */
function patchRefused(err: unknown): boolean {
  if (!(err instanceof WorkplaceApiError)) return false;
  const s = err.detail.httpStatus;
  return err.kind === 'client' && (s === 400 || s === 405 || s === 412 || s === 501);
}

/** SCIM is not usable for this user (no SCIM permission, or SCIM does not know the id). */
function scimUnusable(err: unknown): boolean {
  return err instanceof WorkplaceApiError && (err.kind === 'permission' || err.detail.httpStatus === 404);
}

export function createGovernanceCalls(http: WorkplaceHttp, urls: WorkplaceUrls): GovernanceCalls {
  const userUrl = (id: string) => apiUrl(urls.scim, `/Users/${encodeURIComponent(id)}`);

  async function readUser(id: string, signal?: AbortSignal): Promise<RemoteUser> {
    const { body } = await http.getJson(userUrl(id), signal);
    return toRemoteUser(id, body);
  }

  async function viaScim(id: string, active: boolean, signal?: AbortSignal): Promise<SuspendRoute> {
    try {
      await http.sendJson(
        'PATCH',
        userUrl(id),
        { schemas: [SCIM_PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: active }] },
        signal,
      );
      return 'scim-patch';
    } catch (err) {
      if (!patchRefused(err)) throw err;
    }
    const { body } = await http.getJson(userUrl(id), signal);
    // PUT replaces the whole resource: send it back as read, less the server-owned `meta`.
    const { meta: _meta, ...resource } = (body ?? {}) as Record<string, unknown>;
    const full = { ...resource, active };
    await http.sendJson('PUT', userUrl(id), full, signal);
    return 'scim-put';
  }

  return {
    readUser,
    async setActive(id, active, signal) {
      let route: SuspendRoute;
      try {
        route = await viaScim(id, active, signal);
      } catch (err) {
        if (!scimUnusable(err)) throw err;
        const url = apiUrl(urls.graph, `/${encodeURIComponent(id)}`, { active: String(active) });
        await http.postJson(url, undefined, signal);
        route = 'graph';
      }
      const user = await readUser(id, signal).catch((err) => {
        // Graph-only organisations cannot read SCIM back; the next sync confirms instead.
        if (route === 'graph' && scimUnusable(err)) return { id, userName: null, active };
        throw err;
      });
      if (user.active !== active) {
        throw new WorkplaceApiError(
          'client',
          `Workplace accepted the change but still reports the user as ${user.active ? 'active' : 'suspended'}.`,
          { httpStatus: 200, code: null, subcode: null, url: `/Users/${id}` },
        );
      }
      return { user, route };
    },
    async signOut(id, signal) {
      await http.postJson(apiUrl(urls.graph, `/${encodeURIComponent(id)}/logout`), undefined, signal);
    },
    async message(id, text, signal) {
      const { body } = await http.postJson(
        apiUrl(urls.graph, '/me/messages'),
        { recipient: { ids: [id] }, message: { text } },
        signal,
      );
      const b = (body ?? {}) as { message_id?: unknown; id?: unknown };
      const messageId = typeof b.message_id === 'string' ? b.message_id : typeof b.id === 'string' ? b.id : null;
      return { messageId };
    },
  };
}
