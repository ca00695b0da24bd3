// A server that pages without end — a `next` URL that changes every time, a page served again
// and again, SCIM pages without `totalResults` — must not keep a sync busy for tens of
// thousands of requests. Every paging scheme feeds its pages through one of these; it says
// when to stop, and why, in a sentence for the sync's warnings.
import { hashId } from '../store/id-set';
import { IntSet } from './int-set';

/** Pages per walk before stopping regardless (20 000 audit pages is 20 M events). */
export const MAX_PAGES = 20_000;
/** Consecutive pages without a single new id before the walk is judged stuck. */
export const NO_PROGRESS_PAGES = 5;
/** A page with exactly the same ids seen this many times is a loop, not a glitch. */
const SAME_PAGE_LIMIT = 3;
/** Ids remembered for the "new id" check; past this only page fingerprints are compared. */
const MAX_REMEMBERED_IDS = 1_000_000;

export interface PagingLimits {
  maxPages?: number;
  noProgressPages?: number;
}

export interface PagingStop {
  reason: 'page_cap' | 'no_progress' | 'same_page';
  message: string;
}

/** A raw record's id (Graph `id`, SCIM `id`) as text; null for a record without one. */
function recordId(rec: unknown): string | null {
  const id = rec && typeof rec === 'object' ? (rec as { id?: unknown }).id : undefined;
  if (typeof id === 'string') return id;
  return typeof id === 'number' && Number.isFinite(id) ? String(id) : null;
}

export class PagingGuard {
  private pages = 0;
  private stale = 0;
  /**
   * What the "new id" check remembers of an id: a 31-bit hash in a table of integers, not the id
   * text, which a million remembered ids would keep alive long after their page. A collision can
   * only make a new id look seen; stopping needs every id of several pages in a row to look
   * seen, which collisions alone never achieve.
   */
  private readonly ids = new IntSet();
  private readonly fingerprints = new Map<string, number>();
  private readonly maxPages: number;
  private readonly noProgressPages: number;

  /** `what` names the listing in messages ("The audit log", "SCIM /Users"). */
  constructor(
    private readonly what: string,
    limits: PagingLimits = {},
  ) {
    this.maxPages = Math.max(1, limits.maxPages ?? MAX_PAGES);
    this.noProgressPages = Math.max(1, limits.noProgressPages ?? NO_PROGRESS_PAGES);
  }

  /** Records one more page; a stop when no further page should be requested after it. */
  check(data: unknown[]): PagingStop | null {
    this.pages++;
    let fresh = 0;
    let count = 0;
    // The page's fingerprint: two independent 32-bit mixes of its ids' hashes, in order, and their
    // count — the same ids in the same order give the same text, and different pages all but never do.
    let f1 = 0x811c9dc5;
    let f2 = 0x2545f491;
    for (const rec of data) {
      const id = recordId(rec);
      if (id === null) continue;
      const h = hashId(id);
      count++;
      f1 = Math.imul(f1 ^ h, 0x01000193);
      f2 = Math.imul(f2 + h, 0x5bd1e995) ^ (f2 >>> 15);
      const key = h >>> 1;
      if (this.ids.has(key)) continue;
      fresh++;
      if (this.ids.size < MAX_REMEMBERED_IDS) this.ids.add(key);
    }
    this.stale = fresh > 0 ? 0 : this.stale + 1;
    if (count > 0) {
      const fp = `${f1 >>> 0}.${f2 >>> 0}.${count}`;
      const times = (this.fingerprints.get(fp) ?? 0) + 1;
      this.fingerprints.set(fp, times);
      if (times >= SAME_PAGE_LIMIT) {
        return {
          reason: 'same_page',
          message: `${this.what} served the same page ${times} times; stopped paging to avoid a loop.`,
        };
      }
    }
    if (this.stale >= this.noProgressPages) {
      return {
        reason: 'no_progress',
        message: `${this.what} sent ${this.stale} pages in a row without a new record; stopped paging to avoid a loop.`,
      };
    }
    if (this.pages >= this.maxPages) {
      return {
        reason: 'page_cap',
        message: `${this.what} still had more after ${this.pages} pages (the most one sync reads); stopped there.`,
      };
    }
    return null;
  }
}
