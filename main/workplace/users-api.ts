// User readers: SCIM 2.0 /Users (1-based startIndex paging) and Graph /community/members
// (cursor paging). Both yield raw resources; merging is the sync engine's job.
import { WorkplaceApiError } from './api-error';
import type { WorkplaceHttp } from './http';
import { walkGraph, type WalkOptions } from './paging';
import { apiUrl } from './urls';

export const SCIM_PAGE_SIZE = 100;
export const MEMBER_FIELDS =
  'id,name,email,title,department,active,administrator,account_invite_time,account_claim_time,account_deactivate_time,external_id';

/** SCIM pages requested ahead of the one being read (startIndex paging needs no cursor). */
export const SCIM_PREFETCH = 3;

interface ScimListPage {
  resources: unknown[];
  total: number;
  perPage: number;
}

async function fetchScimPage(
  http: WorkplaceHttp,
  scimBase: string,
  startIndex: number,
  signal?: AbortSignal,
): Promise<ScimListPage> {
  const url = apiUrl(scimBase, '/Users', { startIndex, count: SCIM_PAGE_SIZE });
  const { body } = await http.getJson(url, signal);
  const b = body as {
    Resources?: unknown;
    totalResults?: unknown;
    itemsPerPage?: unknown;
    startIndex?: unknown;
  } | null;
  if (!b || typeof b !== 'object') {
    throw new WorkplaceApiError('malformed', 'SCIM /Users returned something that is not a list response.', {
      httpStatus: 200,
      code: null,
      subcode: null,
      url: url.origin + url.pathname,
    });
  }
  const resources = Array.isArray(b.Resources) ? b.Resources : [];
  return { resources, total: Number(b.totalResults), perPage: Number(b.itemsPerPage) || resources.length };
}

/**
 * Pages in order. Once a page says how many users there are and how many a page holds, the
 * next few pages are requested before this one is handed over (the same requests a
 * page-by-page walk would make, only earlier), so the server is never idle between pages.
 * A speculative page is used only if the walk really lands on its startIndex.
 */
export async function* readScimUsers(
  http: WorkplaceHttp,
  scimBase: string,
  signal?: AbortSignal,
): AsyncGenerator<unknown[]> {
  let startIndex = 1;
  const ahead = new Map<number, Promise<ScimListPage>>();
  const request = (at: number) => {
    const p = fetchScimPage(http, scimBase, at, signal);
    p.catch(() => undefined); // awaited if needed; a speculative page nobody needs must not go unhandled
    return p;
  };
  // A server that never advances would loop; cap pages at what totalResults allows, plus slack.
  for (let pages = 0; pages < 1_000_000; pages++) {
    const pending = ahead.get(startIndex) ?? request(startIndex);
    ahead.delete(startIndex);
    const { resources, total, perPage } = await pending;
    const more = resources.length > 0 && perPage > 0 && !(Number.isFinite(total) && startIndex + perPage > total);
    if (more && Number.isFinite(total)) {
      for (let k = 1, at = startIndex + perPage; k <= SCIM_PREFETCH && at <= total; k++, at += perPage) {
        if (!ahead.has(at)) ahead.set(at, request(at));
      }
    }
    yield resources;
    if (!more) return;
    startIndex += perPage;
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
    throw new WorkplaceApiError(
      'malformed',
      'Workplace did not say which organisation this token belongs to (/community has no id).',
      {
        httpStatus: 200,
        code: null,
        subcode: null,
        url: url.origin + url.pathname,
      },
    );
  }
  return { id, name: typeof b?.name === 'string' && b.name ? b.name : `Organisation ${id}` };
}
