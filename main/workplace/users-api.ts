// User readers: SCIM 2.0 /Users (1-based startIndex paging) and Graph /community/members
// (cursor paging). Both yield raw resources; merging is the sync engine's job.
import { WorkplaceApiError } from './api-error';
import type { WorkplaceHttp } from './http';
import { walkGraph, type WalkOptions } from './paging';
import { apiUrl } from './urls';

export const SCIM_PAGE_SIZE = 100;
export const MEMBER_FIELDS =
  'id,name,email,title,department,active,administrator,account_invite_time,account_claim_time,account_deactivate_time,external_id';

export async function* readScimUsers(http: WorkplaceHttp, scimBase: string, signal?: AbortSignal): AsyncGenerator<unknown[]> {
  let startIndex = 1;
  // A server that never advances would loop; cap pages at what totalResults allows, plus slack.
  for (let pages = 0; pages < 1_000_000; pages++) {
    const url = apiUrl(scimBase, '/Users', { startIndex, count: SCIM_PAGE_SIZE });
    const { body } = await http.getJson(url, signal);
    const b = body as { Resources?: unknown; totalResults?: unknown; itemsPerPage?: unknown; startIndex?: unknown } | null;
    if (!b || typeof b !== 'object') {
      throw new WorkplaceApiError('malformed', 'SCIM /Users returned something that is not a list response.', {
        httpStatus: 200, code: null, subcode: null, url: url.origin + url.pathname,
      });
    }
    const resources = Array.isArray(b.Resources) ? b.Resources : [];
    yield resources;
    const total = Number(b.totalResults);
    const perPage = Number(b.itemsPerPage) || resources.length;
    if (resources.length === 0 || perPage <= 0) return;
    startIndex += perPage;
    if (Number.isFinite(total) && startIndex > total) return;
  }
}

export async function* readGraphMembers(
  http: WorkplaceHttp,
  graphBase: string,
  opts: Pick<WalkOptions, 'signal' | 'onRepeatedCursor'> = {},
): AsyncGenerator<unknown[]> {
  const url = apiUrl(graphBase, '/community/members', { fields: MEMBER_FIELDS, limit: 500 });
  for await (const page of walkGraph(http, url, opts)) yield page.data;
}

export interface Community {
  id: string;
  name: string;
}

export async function readCommunity(http: WorkplaceHttp, graphBase: string, signal?: AbortSignal): Promise<Community> {
  const url = apiUrl(graphBase, '/community', { fields: 'id,name,install' });
  const { body } = await http.getJson(url, signal);
  const b = body as { id?: unknown; name?: unknown } | null;
  const id = typeof b?.id === 'string' || typeof b?.id === 'number' ? String(b.id) : null;
  if (!id) {
    throw new WorkplaceApiError('malformed', 'Workplace did not say which organisation this token belongs to (/community has no id).', {
      httpStatus: 200, code: null, subcode: null, url: url.origin + url.pathname,
    });
  }
  return { id, name: typeof b?.name === 'string' && b.name ? b.name : `Organisation ${id}` };
}
