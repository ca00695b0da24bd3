// Graph paging: follow `paging.next` (or the `after` cursor) until it is absent — never stop on
// a short page — and never loop when a server hands back a cursor already followed, a next URL
// that changes every time, or the same page again (paging-guard.ts).
import { WorkplaceApiError } from './api-error';
import type { WorkplaceHttp } from './http';
import { PagingGuard, type PagingLimits, type PagingStop } from './paging-guard';
import { SECRET_PARAMS } from './secret-params';

export interface GraphPage {
  data: unknown[];
  /** Where the next page is (a resumable cursor string, see `cursorUrl`), or null at the end. */
  nextCursor: string | null;
  /** The `after` value or next URL that identifies the next page, for repeat detection. */
  nextKey: string | null;
}

/**
 * The next-page request as a storable string: a next URL (same origin, secrets and any user
 * name/password stripped), or `after:<cursor>`. A next URL on another origin is reduced to its
 * cursor; one without a cursor is refused, since ending the walk there would pass a page we
 * were told exists for the end of the log.
 */
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
  if (next && next.origin === requestUrl.origin && (next.protocol === 'https:' || next.protocol === 'http:')) {
    for (const s of SECRET_PARAMS) next.searchParams.delete(s);
    next.username = '';
    next.password = ''; // fetch refuses a URL with credentials: stored, it would fail every later sync
    next.hash = '';
    return { cursor: next.toString(), key };
  }
  const cursor = after ?? afterInNext;
  if (!cursor) {
    const shown = next ? `${next.origin}${next.pathname}` : JSON.stringify(p.next.slice(0, 120));
    throw new WorkplaceApiError(
      'cursor_rejected',
      `The next page link points elsewhere (${shown}) and carries no cursor; refusing to follow it or to stop there.`,
      { httpStatus: 200, code: null, subcode: null, url: requestUrl.origin + requestUrl.pathname },
    );
  }
  return { cursor: `after:${cursor}`, key };
}

function refusedCursor(firstUrl: URL, why: string): WorkplaceApiError {
  return new WorkplaceApiError('cursor_rejected', `Refusing a saved page cursor: ${why}.`, {
    httpStatus: null,
    code: null,
    subcode: null,
    url: firstUrl.origin + firstUrl.pathname,
  });
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
  let u: URL;
  try {
    u = new URL(cursor);
  } catch {
    throw refusedCursor(firstUrl, 'it is neither a URL nor an after-cursor');
  }
  if (u.origin !== firstUrl.origin) throw refusedCursor(firstUrl, `it points to another origin (${u.origin})`);
  if (u.username || u.password) throw refusedCursor(firstUrl, 'it carries a user name or password');
  return u;
}

export async function fetchGraphPage(http: WorkplaceHttp, url: URL, signal?: AbortSignal): Promise<GraphPage> {
  const { body } = await http.getJson(url, signal);
  const b = body as { data?: unknown; paging?: unknown } | null;
  if (!b || typeof b !== 'object' || !Array.isArray(b.data)) {
    throw new WorkplaceApiError(
      'malformed',
      `Workplace returned a page without a "data" list for ${url.origin}${url.pathname}.`,
      {
        httpStatus: 200,
        code: null,
        subcode: null,
        url: url.origin + url.pathname,
      },
    );
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
  /**
   * Pages are fetched ahead of the caller (see walkGraph); after a page for which this says
   * true, the next one is requested only once the caller asks for it (e.g. pages already older
   * than the wanted window: the caller is about to stop, ahead-fetching would be wasted calls).
   */
  holdAfter?: (page: GraphPage) => boolean;
  /**
   * The walk was stopped before its end: page cap, or no progress (see paging-guard.ts). The
   * page handed over right after keeps its `nextCursor`, so a caller can resume from there.
   */
  onStopped?: (stop: PagingStop) => void;
  /** Page cap and no-progress limits (defaults in paging-guard.ts). */
  limits?: PagingLimits;
  /** Names the listing in stop messages (default "The listing at <path>"). */
  label?: string;
}

export interface WalkedPage extends GraphPage {
  /** The cursor that fetched this page (null for the first page). */
  cursor: string | null;
}

/** Pages fetched ahead of the one the caller is working on. */
export const PREFETCH_PAGES = 3;

type Fetched =
  | {
      ok: true;
      page: GraphPage;
      cursor: string | null;
      repeat: { key: string; stopped: boolean } | null;
      stop: PagingStop | null;
      last: boolean;
    }
  | { ok: false; error: unknown };

/**
 * Pages in order. Cursors are sequential, so one request is in flight at a time; but the next
 * page is requested as soon as the previous one has *arrived* — not when the caller asks for
 * it — until `prefetch` pages wait unread. The server thus keeps working while the caller
 * processes (the sync's store writes); order, repeat detection and commit semantics are those
 * of a page-by-page walk: a repeated cursor is reported just before the page that pointed at it
 * is handed over, exactly where a page-by-page walk reports it.
 */
export async function* walkGraph(
  http: WorkplaceHttp,
  firstUrl: URL,
  opts: WalkOptions & { prefetch?: number } = {},
): AsyncGenerator<WalkedPage> {
  const depth = Math.max(1, opts.prefetch ?? PREFETCH_PAGES);
  const followed = new Map<string, number>();
  const guard = new PagingGuard(opts.label ?? `The listing at ${firstUrl.pathname}`, opts.limits);
  const ready: Fetched[] = [];
  let wake: (() => void) | null = null;
  let inflight = false;
  let ended = false; // no further page to request
  let stopped = false; // the caller is gone
  let held = false; // holdAfter said so: wait for the caller
  let cursor = opts.startCursor ?? null;
  let fetchedAny = false;

  const fetchAt = async (at: string | null) => fetchGraphPage(http, cursorUrl(firstUrl, at), opts.signal);
  const pump = () => {
    if (inflight || ended || stopped || held || ready.length >= depth) return;
    inflight = true;
    const thisCursor = cursor;
    const fromSaved = !fetchedAny && thisCursor !== null;
    fetchedAny = true;
    (fromSaved ? fetchFromSavedCursor(http, firstUrl, thisCursor, opts.signal) : fetchAt(thisCursor)).then(
      (page) => {
        let repeat: { key: string; stopped: boolean } | null = null;
        let next: string | null = null;
        if (page.nextCursor && page.nextKey) {
          const times = followed.get(page.nextKey) ?? 0;
          if (times > 0) repeat = { key: page.nextKey, stopped: times >= 2 };
          if (times < 2) {
            followed.set(page.nextKey, times + 1);
            next = page.nextCursor;
          }
        }
        const stop = next !== null ? guard.check(page.data) : null;
        if (stop) next = null;
        cursor = next;
        held = next !== null && opts.holdAfter?.(page) === true;
        settle({ ok: true, page, cursor: thisCursor, repeat, stop, last: next === null });
      },
      (error: unknown) => settle({ ok: false, error }),
    );
  };
  function settle(f: Fetched) {
    inflight = false;
    if (!f.ok || f.last) ended = true;
    if (stopped) return;
    ready.push(f);
    wake?.();
    wake = null;
    pump();
  }

  try {
    for (;;) {
      pump();
      if (ready.length === 0) {
        held = false; // the caller wants the next page now
        pump();
      }
      while (ready.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const f = ready.shift()!;
      pump();
      if (!f.ok) throw f.error;
      if (f.repeat) opts.onRepeatedCursor?.(f.repeat.key, { stopped: f.repeat.stopped });
      if (f.stop) opts.onStopped?.(f.stop);
      yield { ...f.page, cursor: f.cursor };
      if (f.last) return;
    }
  } finally {
    stopped = true;
  }
}

/** Failures that say nothing about the cursor: the token, a permission, rate limits, cancellation. */
function notTheCursorsFault(err: unknown): boolean {
  if (err instanceof WorkplaceApiError)
    return err.kind === 'token' || err.kind === 'permission' || err.kind === 'rate_limited';
  return err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError');
}

/**
 * The first page from a saved cursor. A saved cursor that fails for any reason of its own (the
 * server refuses it, fetch cannot send it, the page it leads to is unreadable) is tried once
 * more (HTTP failures were already retried by the client; no answer at all is not the cursor's
 * fault) and then reported as `cursor_rejected`, so the caller drops it and re-reads the window
 * instead of failing on it at every sync from now on.
 */
async function fetchFromSavedCursor(
  http: WorkplaceHttp,
  firstUrl: URL,
  cursor: string,
  signal: AbortSignal | undefined,
): Promise<GraphPage> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      return await fetchGraphPage(http, cursorUrl(firstUrl, cursor), signal);
    } catch (err) {
      if (notTheCursorsFault(err) || signal?.aborted) throw err;
      if (err instanceof WorkplaceApiError && err.kind === 'cursor_rejected') throw err; // refused by us: final
      lastError = err;
      if (err instanceof WorkplaceApiError && err.kind === 'transient') {
        // No answer at all (server down or silent) says nothing about the cursor: keep it, and
        // do not double the time a dead server costs by re-reading the window against it too.
        if (err.detail.httpStatus === null) throw err;
        break; // an HTTP failure on this cursor, already retried with backoff by the client
      }
    }
  }
  const why = lastError instanceof Error ? lastError.message : String(lastError);
  throw new WorkplaceApiError('cursor_rejected', `The saved page cursor failed twice (${why.slice(0, 300)}).`, {
    httpStatus: lastError instanceof WorkplaceApiError ? lastError.detail.httpStatus : null,
    code: lastError instanceof WorkplaceApiError ? lastError.detail.code : null,
    subcode: null,
    url: firstUrl.origin + firstUrl.pathname,
  });
}
