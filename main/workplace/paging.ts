// Graph paging: follow `paging.next` (or the `after` cursor) until it is absent — never stop on
// a short page — and never loop when a server hands back a cursor already followed.
import { WorkplaceApiError } from './api-error';
import { SECRET_PARAMS, type WorkplaceHttp } from './http';

export interface GraphPage {
  data: unknown[];
  /** Where the next page is (a resumable cursor string, see `cursorUrl`), or null at the end. */
  nextCursor: string | null;
  /** The `after` value or next URL that identifies the next page, for repeat detection. */
  nextKey: string | null;
}

/** The next-page request as a storable string: a next URL (same origin, secrets stripped), or `after:<cursor>`. */
export function nextCursorOf(requestUrl: URL, paging: unknown): { cursor: string | null; key: string | null } {
  if (!paging || typeof paging !== 'object') return { cursor: null, key: null };
  const p = paging as { next?: unknown; cursors?: { after?: unknown } };
  if (typeof p.next !== 'string' || p.next === '') return { cursor: null, key: null };
  const after = typeof p.cursors?.after === 'string' && p.cursors.after !== '' ? p.cursors.after : null;
  let next: URL | null;
  try {
    next = new URL(p.next, requestUrl);
  } catch {
    next = null;
  }
  const afterInNext = next?.searchParams.get('after') ?? null;
  const key = after ?? afterInNext ?? p.next;
  // Never send our token to another origin: a foreign `next` is reduced to its cursor.
  if (next && next.origin === requestUrl.origin) {
    for (const s of SECRET_PARAMS) next.searchParams.delete(s);
    return { cursor: next.toString(), key };
  }
  const cursor = after ?? afterInNext;
  return { cursor: cursor ? `after:${cursor}` : null, key };
}

/** The URL for a stored cursor, on the same request the walk started with. */
export function cursorUrl(firstUrl: URL, cursor: string | null): URL {
  if (!cursor) return new URL(firstUrl);
  if (cursor.startsWith('after:')) {
    const u = new URL(firstUrl);
    u.searchParams.delete('before');
    u.searchParams.set('after', cursor.slice('after:'.length));
    return u;
  }
  const u = new URL(cursor);
  if (u.origin !== firstUrl.origin) throw new Error(`Refusing a cursor for another origin (${u.origin}).`);
  return u;
}

export async function fetchGraphPage(http: WorkplaceHttp, url: URL, signal?: AbortSignal): Promise<GraphPage> {
  const { body } = await http.getJson(url, signal);
  const b = body as { data?: unknown; paging?: unknown } | null;
  if (!b || typeof b !== 'object' || !Array.isArray(b.data)) {
    throw new WorkplaceApiError('malformed', `Workplace returned a page without a "data" list for ${url.origin}${url.pathname}.`, {
      httpStatus: 200, code: null, subcode: null, url: url.origin + url.pathname,
    });
  }
  const { cursor, key } = nextCursorOf(url, b.paging);
  return { data: b.data, nextCursor: cursor, nextKey: key };
}

export interface WalkOptions {
  signal?: AbortSignal;
  /** Resume from a stored cursor instead of the first page. */
  startCursor?: string | null;
  /**
   * A page pointed back at a cursor already followed. The first repeat of a cursor is followed
   * once more (a server glitch that serves the same page twice costs one page; de-duplication
   * absorbs it); a second repeat ends the walk (`stopped`), so a cursor cycle can never loop.
   */
  onRepeatedCursor?: (key: string, info: { stopped: boolean }) => void;
}

export interface WalkedPage extends GraphPage {
  /** The cursor that fetched this page (null for the first page). */
  cursor: string | null;
}

/**
 * Pages in order. The next page is requested as soon as its cursor is known — before the
 * caller processes the current one — so the network and the server's work overlap with the
 * caller's (the sync's store writes); order and commit semantics are unchanged.
 */
export async function* walkGraph(http: WorkplaceHttp, firstUrl: URL, opts: WalkOptions = {}): AsyncGenerator<WalkedPage> {
  const followed = new Map<string, number>();
  let cursor = opts.startCursor ?? null;
  let pending: Promise<GraphPage> | null = fetchGraphPage(http, cursorUrl(firstUrl, cursor), opts.signal);
  while (pending) {
    const page: GraphPage = await pending;
    pending = null;
    const thisCursor = cursor;
    if (page.nextCursor && page.nextKey) {
      const times = followed.get(page.nextKey) ?? 0;
      if (times > 0) opts.onRepeatedCursor?.(page.nextKey, { stopped: times >= 2 });
      if (times < 2) {
        followed.set(page.nextKey, times + 1);
        cursor = page.nextCursor;
        pending = fetchGraphPage(http, cursorUrl(firstUrl, cursor), opts.signal);
        // Not awaited when the caller stops early: keep a rejection from going unhandled.
        pending.catch(() => undefined);
      }
    }
    yield { ...page, cursor: thisCursor };
  }
}
