// Small HTTP helpers for the demo community tests (real HTTP on 127.0.0.1).
import type { DemoServer } from '../../../../main/demo/index';

export const UA = 'workplace-guard-tests/1.0';
export const NOW = Date.UTC(2026, 4, 15, 12);

export interface Got {
  status: number;
  headers: Headers;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function call(
  server: DemoServer,
  path: string,
  init: RequestInit & { token?: string | null } = {},
): Promise<Got> {
  const headers = new Headers(init.headers);
  if (!headers.has('user-agent')) headers.set('user-agent', UA);
  const token = init.token === undefined ? server.integrationToken : init.token;
  if (token) headers.set('authorization', `Bearer ${token}`);
  const url = path.startsWith('http') ? path : `${server.baseUrl}${path}`;
  const res = await fetch(url, { ...init, headers, redirect: 'manual' });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Follow paging.next from `path` to the end; returns every item in order. */
export async function pageAll(
  server: DemoServer,
  path: string,
  token?: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ items: any[]; pages: number }> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const items: any[] = [];
  let url: string | undefined = path;
  let pages = 0;
  while (url) {
    const r = await call(server, url, { token });
    if (r.status !== 200) throw new Error(`HTTP ${r.status} ${r.text}`);
    items.push(...r.json.data);
    pages += 1;
    url = r.json.paging?.next;
    if (pages > 10_000) throw new Error('paging does not end');
  }
  return { items, pages };
}
