// User readers: SCIM 2.0 /Users (1-based startIndex paging) and Graph /community/members
// (cursor paging). Both yield raw resources; merging is the sync engine's job.
import { WorkplaceApiError } from './api-error';
import type { WorkplaceHttp } from './http';
import { walkGraph, type WalkOptions } from './paging';
import { PagingGuard, type PagingLimits, type PagingStop } from './paging-guard';
import { apiUrl } from './urls';

export const SCIM_PAGE_SIZE = 100;
export const MEMBER_FIELDS = [
  'id,name,email,title,department,active,administrator',
  'account_invite_time,account_claim_time,account_deactivate_time,external_id',
].join(',');

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
  // Absent or non-numeric counts read as NaN (unknown), never as 0.
  const total = typeof b.totalResults === 'number' || typeof b.totalResults === 'string' ? Number(b.totalResults) : NaN;
  const perPage = Number(b.itemsPerPage);
  return {
    resources,
    total,
    perPage: Number.isFinite(perPage) && perPage > 0 ? Math.min(perPage, SCIM_PAGE_SIZE * 10) : resources.length,
  };
}

export interface ScimReadOptions {
  signal?: AbortSignal;
  /** Paging stopped before the end (page cap, the same users again): the caller warns. */
  onStopped?: (stop: PagingStop) => void;
  limits?: PagingLimits;
}

/**
 * Pages in order. Once a page says how many users there are and how many a page holds, the
 * next few pages are requested before this one is handed over (the same requests a
 * page-by-page walk would make, only earlier), so the server is never idle between pages.
 * A speculative page is used only if the walk really lands on its startIndex. Without
 * `totalResults` the walk ends on an empty or short page, and the paging guard stops a server
 * that ignores `startIndex` and hands back the same users forever.
 */
export async function* readScimUsers(
  http: WorkplaceHttp,
  scimBase: string,
  opts: ScimReadOptions = {},
): AsyncGenerator<unknown[]> {
  const { signal } = opts;
  const guard = new PagingGuard('SCIM /Users', opts.limits);
  let startIndex = 1;
  const ahead = new Map<number, Promise<ScimListPage>>();
  const request = (at: number) => {
    const p = fetchScimPage(http, scimBase, at, signal);
    p.catch(() => undefined); // awaited if needed; a speculative page nobody needs must not go unhandled
    return p;
  };
  for (;;) {
    const pending = ahead.get(startIndex) ?? request(startIndex);
    ahead.delete(startIndex);
    const { resources, total, perPage } = await pending;
    const counted = Number.isFinite(total) && total >= 0;
    let more =
      resources.length > 0 &&
      perPage > 0 &&
      (counted ? startIndex + perPage <= total : resources.length >= Math.min(perPage, SCIM_PAGE_SIZE));
    if (more) {
      const stop = guard.check(resources);
      if (stop) {
        opts.onStopped?.(stop);
        more = false;
      }
    }
    if (more && counted) {
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
  opts: Pick<WalkOptions, 'signal' | 'onRepeatedCursor' | 'onStopped' | 'limits'> = {},
): AsyncGenerator<unknown[]> {
  const url = apiUrl(graphBase, '/community/members', { fields: MEMBER_FIELDS, limit: 500 });
  for await (const page of walkGraph(http, url, { label: 'Graph /community/members', ...opts })) yield page.data;
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
