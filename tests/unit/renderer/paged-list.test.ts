// PagedList, the logic under usePagedQuery: pages appended in order, stale answers dropped,
// failures shown with a retry that works.
import { describe, expect, it } from 'vitest';
import { PagedList, type Page } from '../../../renderer/src/components/paged-list';
import { GuardError } from '../../../renderer/src/guard';

type Row = { id: string };
const rows = (...ids: string[]): Row[] => ids.map((id) => ({ id }));

/** A fetchPage whose answers the test releases one by one, in any order. */
function controlledPages() {
  const pending: { cursor: string | null; resolve(p: Page<Row>): void; reject(e: unknown): void }[] = [];
  const fetchPage = (cursor: string | null) =>
    new Promise<Page<Row>>((resolve, reject) => pending.push({ cursor, resolve, reject }));
  return { fetchPage, pending };
}

describe('PagedList', () => {
  it('loads the first page, then appends the next ones until the cursor runs out', async () => {
    const pages: Record<string, Page<Row>> = {
      first: { items: rows('a', 'b'), nextCursor: 'p2' },
      p2: { items: rows('c', 'd'), nextCursor: 'p3' },
      p3: { items: rows('e'), nextCursor: null },
    };
    const asked: (string | null)[] = [];
    const list = new PagedList<Row>(async (cursor) => {
      asked.push(cursor);
      return pages[cursor ?? 'first'];
    });
    expect(list.getState()).toMatchObject({ loading: true, items: [] });
    await list.load();
    expect(list.getState()).toMatchObject({ loading: false, hasMore: true, items: rows('a', 'b') });
    await list.loadMore();
    await list.loadMore();
    expect(list.getState()).toMatchObject({ hasMore: false, loadingMore: false, items: rows('a', 'b', 'c', 'd', 'e') });
    await list.loadMore(); // nothing more to ask for
    expect(asked).toEqual([null, 'p2', 'p3']);
  });

  it('tells subscribers of every change, and only of changes', async () => {
    const list = new PagedList<Row>(async () => ({ items: rows('a'), nextCursor: null }));
    const seen: boolean[] = [];
    const off = list.subscribe(() => seen.push(list.getState().loading));
    // The first load starts in the loading state it is already in: nothing to tell.
    await list.load();
    await list.load();
    off();
    await list.load();
    expect(seen).toEqual([false, true, false]);
  });

  it('drops the first page of an older load that answers after a newer one', async () => {
    const { fetchPage, pending } = controlledPages();
    const list = new PagedList<Row>(fetchPage);
    const older = list.load();
    const newer = list.load();
    pending[1].resolve({ items: rows('new'), nextCursor: null });
    await newer;
    pending[0].resolve({ items: rows('old'), nextCursor: 'x' });
    await older;
    expect(list.getState()).toMatchObject({ items: rows('new'), hasMore: false, loading: false });
  });

  it('drops a next page that answers after the list was reloaded', async () => {
    const { fetchPage, pending } = controlledPages();
    const list = new PagedList<Row>(fetchPage);
    const first = list.load();
    pending[0].resolve({ items: rows('a'), nextCursor: 'p2' });
    await first;
    const more = list.loadMore();
    const reload = list.load();
    pending[2].resolve({ items: rows('z'), nextCursor: null });
    await reload;
    pending[1].resolve({ items: rows('b'), nextCursor: null });
    await more;
    expect(list.getState().items).toEqual(rows('z'));
  });

  it('never shows a row twice when pages overlap', async () => {
    const list = new PagedList<Row>(async (cursor) =>
      cursor ? { items: rows('b', 'c'), nextCursor: null } : { items: rows('a', 'b'), nextCursor: 'p2' },
    );
    await list.load();
    await list.loadMore();
    expect(list.getState().items).toEqual(rows('a', 'b', 'c'));
  });

  it('a failed first page keeps what was shown and reports a GuardError', async () => {
    let fail = false;
    const list = new PagedList<Row>(async () => {
      if (fail) throw new GuardError('store_locked', 'The store is locked.');
      return { items: rows('a'), nextCursor: null };
    });
    await list.load();
    fail = true;
    await list.load();
    expect(list.getState()).toMatchObject({ items: rows('a'), loading: false });
    expect(list.getState().error).toMatchObject({ code: 'store_locked', message: 'The store is locked.' });
  });

  it('a failed next page stops a scrolling list (hasMore false), and loadMore again is the retry', async () => {
    let failNext = true;
    const list = new PagedList<Row>(async (cursor) => {
      if (!cursor) return { items: rows('a'), nextCursor: 'p2' };
      if (failNext) throw new Error('socket hang up');
      return { items: rows('b'), nextCursor: null };
    });
    await list.load();
    await list.loadMore();
    expect(list.getState()).toMatchObject({ hasMore: false, loadingMore: false, items: rows('a') });
    expect(list.getState().error).toMatchObject({ code: 'internal', message: 'socket hang up' });
    failNext = false;
    await list.loadMore();
    expect(list.getState()).toMatchObject({ error: null, items: rows('a', 'b'), hasMore: false });
  });

  it('asks for one next page at a time', async () => {
    const { fetchPage, pending } = controlledPages();
    const list = new PagedList<Row>(fetchPage);
    const first = list.load();
    pending[0].resolve({ items: rows('a'), nextCursor: 'p2' });
    await first;
    void list.loadMore();
    void list.loadMore();
    expect(pending).toHaveLength(2);
    pending[1].resolve({ items: rows('b'), nextCursor: null });
  });
});
