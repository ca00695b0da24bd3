import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { integrationToken } from '../../../../main/workplace/credentials';
import { WorkplaceHttp } from '../../../../main/workplace/http';
import { cursorUrl, nextCursorOf, walkGraph } from '../../../../main/workplace/paging';
import { startApiServer, type ApiServer } from './fixtures/api-server';

let api: ApiServer;
beforeEach(async () => {
  api = await startApiServer();
});
afterEach(() => api.close());
const http = () => new WorkplaceHttp({ credentials: integrationToken('token-123'), userAgent: 'test' });

async function collect(gen: AsyncGenerator<{ data: unknown[] }>): Promise<unknown[][]> {
  const pages: unknown[][] = [];
  for await (const p of gen) pages.push(p.data);
  return pages;
}

describe('Graph paging', () => {
  it('follows paging.next until it is absent, including over short and empty pages', async () => {
    const pages = [[1, 2, 3], [4], [], [5, 6]];
    api.handle('/items', (req) => {
      const i = Number(req.url.searchParams.get('after') ?? 0);
      const next = i + 1 < pages.length ? `${api.base}/items?limit=3&after=${i + 1}&access_token=LEAK` : undefined;
      return {
        body: { data: pages[i], paging: { cursors: { before: 'b', after: String(i + 1) }, ...(next ? { next } : {}) } },
      };
    });
    expect(await collect(walkGraph(http(), new URL(`${api.base}/items?limit=3`)))).toEqual(pages);
    // The token in a next URL is never replayed: our own Bearer header is the only credential.
    expect(api.requests.every((r) => !r.url.searchParams.has('access_token'))).toBe(true);
  });

  it('re-reads a page whose next points back once, and stops a cursor cycle instead of looping', async () => {
    api.handle('/loop', (req) => {
      const after = req.url.searchParams.get('after');
      const nextAfter = after === null ? 'A' : after === 'A' ? 'B' : 'A';
      return {
        body: {
          data: [after ?? 'first'],
          paging: { cursors: { after: nextAfter }, next: `${api.base}/loop?after=${nextAfter}` },
        },
      };
    });
    const repeats: string[] = [];
    const pages = await collect(
      walkGraph(http(), new URL(`${api.base}/loop`), {
        onRepeatedCursor: (k, i) => repeats.push(`${k}${i.stopped ? ' stop' : ''}`),
      }),
    );
    expect(pages).toEqual([['first'], ['A'], ['B'], ['A'], ['B']]);
    expect(repeats).toEqual(['A', 'B', 'A stop']);
  });

  it('never follows a next URL to another origin: only its cursor is reused', () => {
    const req = new URL('http://127.0.0.1:1/logs?limit=10&since=5');
    const { cursor } = nextCursorOf(req, { cursors: { after: 'XYZ' }, next: 'https://evil.example/logs?after=XYZ' });
    expect(cursor).toBe('after:XYZ');
    expect(cursorUrl(req, cursor).toString()).toBe('http://127.0.0.1:1/logs?limit=10&since=5&after=XYZ');
  });

  it('strips secrets from a same-origin next URL it stores as a cursor', () => {
    const req = new URL('http://h/logs');
    const { cursor } = nextCursorOf(req, {
      next: 'http://h/logs?after=Q&access_token=T&appsecret_proof=P&appsecret_time=1',
    });
    expect(cursor).toBe('http://h/logs?after=Q');
  });

  it('treats a page without a data list as malformed', async () => {
    api.handle('/bad', () => ({ body: { items: [] } }));
    await expect(collect(walkGraph(http(), new URL(`${api.base}/bad`)))).rejects.toMatchObject({ kind: 'malformed' });
  });
});
