// The Security Audit Logs API (`GET /security_audit_logs`): newest first, `since`/`until`,
// `fields`, cursor paging over a snapshot, and the paging faults (short, shuffled, duplicated,
// repeated and malformed pages) that exercise a client's resilience.
import { EVENT_FIELDS, type EventField } from '../event-format';
import {
  decodeCursor,
  encodeCursor,
  graphError,
  pageUrl,
  parseLimit,
  parseTime,
  type ApiCall,
  type ApiResponse,
} from '../http-kit';
import { Rng, seedFrom } from '../prng';
import type { DemoCommunity } from '../server';

export function auditLogs(c: DemoCommunity, call: ApiCall): ApiResponse {
  const q = call.url.searchParams;
  const store = c.org.store;
  const limit = parseLimit(q.get('limit'), 100);
  const after = q.get('after');
  const before = q.get('before');
  if (after && before) return graphError(400, 100, '(#100) Cannot specify both before and after cursors');
  const since = parseTime(q.get('since'));
  const until = parseTime(q.get('until'));
  if (Number.isNaN(since) || Number.isNaN(until))
    return graphError(400, 100, '(#100) since and until must be unix seconds or ISO 8601 times');
  let fields: Set<EventField> | null = null;
  const fq = q.get('fields');
  if (fq) {
    fields = new Set();
    for (const f of fq
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      if (!(EVENT_FIELDS as readonly string[]).includes(f))
        return graphError(400, 100, `(#100) Tried accessing nonexisting field (${f}) on node type (SecurityAuditLog)`);
      fields.add(f as EventField);
    }
  }
  const lo = since !== undefined ? store.lowerBound(since) : 0;
  const hi = until !== undefined ? store.upperBound(until) : store.length; // exclusive, snapshot
  c.counters.auditPages += 1;
  const pageNo = c.counters.auditPages;
  const f = c.faults;
  const size = f.shortPages ? Math.max(1, Math.ceil(limit / 2)) : limit;

  let top: number; // first (newest) index served, inclusive
  let bottom: number; // last (oldest) index served, inclusive
  if (before) {
    const n = decodeCursor('e', before);
    if (n === null || n >= store.length) return graphError(400, 100, '(#100) Invalid cursor');
    bottom = Math.max(n + 1, lo);
    top = Math.min(hi - 1, bottom + size - 1);
  } else {
    let start = hi - 1;
    if (after) {
      const n = decodeCursor('e', after);
      if (n === null || n >= store.length) return graphError(400, 100, '(#100) Invalid cursor');
      start = Math.min(n - 1, hi - 1);
    }
    top = start;
    bottom = Math.max(lo, start - size + 1);
  }
  const indexes: number[] = [];
  for (let i = top; i >= bottom && i >= lo; i--) indexes.push(i);
  if (f.outOfOrder && indexes.length > 1) new Rng(seedFrom(c.org.seed, 'shuffle', pageNo)).shuffle(indexes);
  const fmt = f.timestampFormat;
  const parts = new Array<string>(indexes.length);
  for (let k = 0; k < indexes.length; k++) parts[k] = c.formatter.eventJson(indexes[k], fields, fmt);
  let paging = '';
  if (indexes.length) {
    const first = top;
    const last = Math.max(lo, bottom);
    // duplicateAcrossPages: the next page starts again with this page's last event.
    const afterIdx = f.duplicateAcrossPages && last + 1 <= first ? last + 1 : last;
    const cursors = { before: encodeCursor('e', first), after: encodeCursor('e', afterIdx) };
    let next: string | null = last > lo ? pageUrl(c.opts.baseUrl, call, { after: cursors.after }) : null;
    if (f.repeatNextOnPage === pageNo && !c.counters.repeatServed) {
      c.counters.repeatServed = true;
      next = new URL(call.url.pathname + call.url.search, c.opts.baseUrl).toString();
    }
    const newerExists = first < hi - 1 || (until === undefined && first < store.length - 1);
    const previous = newerExists ? pageUrl(c.opts.baseUrl, call, { before: cursors.before }) : null;
    const nextPart = next ? `,"next":${JSON.stringify(next)}` : '';
    const previousPart = previous ? `,"previous":${JSON.stringify(previous)}` : '';
    paging = `,"paging":{"cursors":${JSON.stringify(cursors)}${nextPart}${previousPart}}`;
  }
  let body = `{"data":[${parts.join(',')}]${paging}}`;
  if (f.malformedPage === pageNo && !c.counters.malformedServed) {
    c.counters.malformedServed = true;
    body = body.slice(0, Math.max(10, Math.floor(body.length / 2)));
  }
  return { status: 200, headers: { 'content-type': 'application/json; charset=UTF-8' }, body };
}
