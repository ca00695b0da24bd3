// Keyset paging over any cursor-paged operation, with no React in it (so it is unit-tested on
// its own; usePagedQuery wraps it). The first page on every load(), the next on loadMore();
// an answer that arrives after a newer load() started is dropped, never shown.
import { toGuardError, type GuardError } from '../guard';

export type Page<T> = { items: T[]; nextCursor: string | null };
export type FetchPage<T> = (cursor: string | null) => Promise<Page<T>>;

export type PagedState<T> = {
  items: T[];
  /** More pages exist and loading them has not failed. */
  hasMore: boolean;
  loading: boolean;
  loadingMore: boolean;
  error: GuardError | null;
};

export class PagedList<T extends { id: string }> {
  private state: PagedState<T> = { items: [], hasMore: false, loading: true, loadingMore: false, error: null };
  private cursor: string | null = null;
  private generation = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly fetchPage: FetchPage<T>) {}

  getState = (): PagedState<T> => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** (Re)loads from the first page; what is shown stays until the new first page arrives. */
  load = (): Promise<void> => {
    const mine = ++this.generation;
    this.set({ loading: true, loadingMore: false, error: null });
    return this.fetchPage(null).then(
      (page) => {
        if (mine !== this.generation) return;
        this.cursor = page.nextCursor;
        this.set({ items: page.items, hasMore: page.nextCursor !== null, loading: false });
      },
      (e: unknown) => {
        if (mine !== this.generation) return;
        this.set({ error: toGuardError(e), loading: false });
      },
    );
  };

  /**
   * Appends the next page. After a failure `hasMore` turns false (so a scrolling list stops
   * asking) but the cursor is kept: calling loadMore again is the retry.
   */
  loadMore = (): Promise<void> => {
    if (this.cursor === null || this.state.loadingMore || this.state.loading) return Promise.resolve();
    const mine = this.generation;
    this.set({ loadingMore: true, error: null });
    return this.fetchPage(this.cursor).then(
      (page) => {
        if (mine !== this.generation) return;
        const seen = new Set(this.state.items.map((item) => item.id));
        this.cursor = page.nextCursor;
        this.set({
          // Keyset pages never overlap, but a row may be shown twice if the store changed between pages.
          items: [...this.state.items, ...page.items.filter((item) => !seen.has(item.id))],
          hasMore: page.nextCursor !== null,
          loadingMore: false,
        });
      },
      (e: unknown) => {
        if (mine !== this.generation) return;
        this.set({ error: toGuardError(e), hasMore: false, loadingMore: false });
      },
    );
  };

  private set(patch: Partial<PagedState<T>>): void {
    // A patch that changes nothing (a load starting while already loading, as on first mount) tells
    // no one: a subscribed screen would re-render for a state equal to the one it shows.
    const keys = Object.keys(patch) as (keyof PagedState<T>)[];
    if (keys.every((k) => Object.is(this.state[k], patch[k]))) return;
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
