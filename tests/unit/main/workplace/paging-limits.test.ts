// Paging that cannot loop: a next URL that changes every time, the same page again and again,
// SCIM without totalResults, and cursors that carry credentials or point elsewhere.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { integrationToken } from '../../../../main/workplace/credentials';
import { WorkplaceHttp } from '../../../../main/workplace/http';
import { cursorUrl, nextCursorOf, walkGraph } from '../../../../main/workplace/paging';
import type { PagingStop } from '../../../../main/workplace/paging-guard';
import { readScimUsers } from '../../../../main/workplace/users-api';
import { startApiServer, type ApiServer } from './fixtures/api-server';

let api: ApiServer;
beforeEach(async () => {
  api = await startApiServer();
});
afterEach(() => api.close());
const http = () =>
  new WorkplaceHttp({
    credentials: integrationToken('token-123'),
    userAgent: 'test',
    sleep: async () => undefined,
    retry: { maxAttempts: 2 },
  });

async function walk(path: string, opts: Parameters<typeof walkGraph>[2] = {}) {
  const stops: PagingStop[] = [];
  const pages: unknown[][] = [];
  for await (const p of walkGraph(http(), new URL(api.base + path), { ...opts, onStopped: (s) => stops.push(s) }))
    pages.push(p.data);
  return { pages, stops };
}

describe('paging that cannot loop', () => {
  it('stops a next URL that changes every time but serves the same page', async () => {
    let n = 0;
    api.handle('/logs', () => ({
      body: { data: [{ id: 'a' }, { id: 'b' }], paging: { next: `${api.base}/logs?after=c${++n}` } },
    }));
    const { pages, stops } = await walk('/logs');
    expect(stops).toEqual([expect.objectContaining({ reason: 'same_page' })]);
    expect(stops[0].message).toMatch(/served the same page 3 times; stopped/);
    expect(pages).toHaveLength(3);
    expect(api.requests).toHaveLength(3);
  });

  it('stops after K pages without a new id (old ids reshuffled, empty pages)', async () => {
    let n = 0;
    const old = [{ id: '1' }, { id: '2' }, { id: '3' }];
    api.handle('/logs', () => {
      n++;
      const data = n === 1 ? old : n % 2 ? [] : [old[n % 3]];
      return { body: { data, paging: { next: `${api.base}/logs?after=k${n}` } } };
    });
    const { stops } = await walk('/logs', { limits: { noProgressPages: 4 } });
    expect(stops[0]).toMatchObject({ reason: 'no_progress' });
    expect(api.requests).toHaveLength(5);
  });

  it('stops at the page cap with a warning, keeping the cursor of the next page', async () => {
    let n = 0;
    api.handle('/logs', () => {
      n++;
      return { body: { data: [{ id: `x${n}` }], paging: { next: `${api.base}/logs?after=p${n}` } } };
    });
    const seen: (string | null)[] = [];
    for await (const p of walkGraph(http(), new URL(api.base + '/logs'), {
      limits: { maxPages: 7 },
      onStopped: (s) => seen.push(s.reason),
    }))
      seen.push(p.nextCursor);
    expect(api.requests).toHaveLength(7);
    expect(seen.at(-2)).toBe('page_cap');
    expect(seen.at(-1)).toBe(`${api.base}/logs?after=p7`);
  });

  it('SCIM without totalResults: reads every page up to the empty one', async () => {
    const users = Array.from({ length: 250 }, (_, i) => ({ id: `u${i}` }));
    api.handle('/Users', (req) => {
      const start = Number(req.url.searchParams.get('startIndex'));
      return { body: { Resources: users.slice(start - 1, start - 1 + 100) } };
    });
    const got: unknown[] = [];
    for await (const page of readScimUsers(http(), api.base)) got.push(...page);
    expect(got).toEqual(users);
    expect(api.requests.length).toBeLessThanOrEqual(4);
  });

  it('SCIM without totalResults that ignores startIndex: stops with a warning instead of looping', async () => {
    const page = Array.from({ length: 100 }, (_, i) => ({ id: `u${i}` }));
    api.handle('/Users', () => ({ body: { Resources: page, itemsPerPage: 100 } }));
    const stops: PagingStop[] = [];
    const got: unknown[] = [];
    for await (const p of readScimUsers(http(), api.base, { onStopped: (s) => stops.push(s) })) got.push(...p);
    expect(stops).toHaveLength(1);
    expect(stops[0].message).toMatch(/^SCIM \/Users/);
    expect(api.requests.length).toBeLessThanOrEqual(6);
  });
});

describe('cursors that carry credentials or point elsewhere', () => {
  const req = new URL('http://127.0.0.1:1/security_audit_logs?limit=10');

  it('strips a user name and password from a same-origin next URL before storing it', () => {
    const { cursor } = nextCursorOf(req, { next: 'http://u:p@127.0.0.1:1/security_audit_logs?after=Q' });
    expect(cursor).toBe('http://127.0.0.1:1/security_audit_logs?after=Q');
    expect(() => cursorUrl(req, cursor)).not.toThrow();
  });

  it('refuses a foreign next URL that has no cursor, rather than taking it for the end', () => {
    expect(() => nextCursorOf(req, { next: 'https://elsewhere.example/logs?page=2' })).toThrow(
      expect.objectContaining({ kind: 'cursor_rejected', message: expect.stringContaining('elsewhere.example') }),
    );
  });

  it('refuses a saved cursor with credentials or of another origin, with cursor_rejected', () => {
    expect(() => cursorUrl(req, 'http://u:p@127.0.0.1:1/security_audit_logs?after=Q')).toThrow(
      expect.objectContaining({ kind: 'cursor_rejected' }),
    );
    expect(() => cursorUrl(req, 'https://evil.example/x?after=Q')).toThrow(
      expect.objectContaining({ kind: 'cursor_rejected' }),
    );
  });

  it('a saved cursor the server refuses is tried once more, then reported as cursor_rejected', async () => {
    api.handle('/logs', (r) =>
      r.url.searchParams.get('after') === 'stale'
        ? { status: 400, body: { error: { message: 'Invalid cursor', code: 100 } } }
        : { body: { data: [] } },
    );
    const pages = walkGraph(http(), new URL(api.base + '/logs'), { startCursor: 'after:stale' });
    await expect(pages.next()).rejects.toMatchObject({ kind: 'cursor_rejected' });
    expect(api.requests).toHaveLength(2);
  });

  it('a saved cursor on a server that does not answer at all is kept: the outage is not its fault', async () => {
    api.handle('/logs', () => ({ raw: () => undefined }));
    const silent = new WorkplaceHttp({
      credentials: integrationToken('t'),
      userAgent: 'test',
      sleep: async () => undefined,
      retry: { maxAttempts: 1 },
      timeoutMs: 200,
    });
    const pages = walkGraph(silent, new URL(api.base + '/logs'), { startCursor: 'after:fine' });
    await expect(pages.next()).rejects.toMatchObject({ kind: 'transient' });
    expect(api.requests).toHaveLength(1);
  });

  it('a saved cursor with credentials is refused without a request', async () => {
    const pages = walkGraph(http(), new URL(api.base + '/logs'), {
      startCursor: api.base.replace('//', '//u:p@') + '/logs?after=1',
    });
    await expect(pages.next()).rejects.toMatchObject({ kind: 'cursor_rejected' });
    expect(api.requests).toHaveLength(0);
  });
});
