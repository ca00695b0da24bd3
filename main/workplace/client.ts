// One organisation's API surface, composed from the HTTP core and the readers. The sync
// engine holds one of these per run; nothing here stores anything.
import { auditLogUrl, AUDIT_PAGE_LIMIT } from './audit-log';
import type { Credentials } from './credentials';
import { WorkplaceHttp, type HttpOptions } from './http';
import { walkGraph, type WalkOptions, type WalkedPage } from './paging';
import type { PagingLimits } from './paging-guard';
import { readCommunity, readGraphMembers, readScimUsers, type Community, type ScimReadOptions } from './users-api';
import type { WorkplaceUrls } from './urls';

export interface WorkplaceClientOptions extends Omit<HttpOptions, 'credentials'> {
  urls: WorkplaceUrls;
  credentials: Credentials;
  auditPageLimit?: number;
  /** Page cap and no-progress limits for every listing (defaults in paging-guard.ts). */
  paging?: PagingLimits;
}

export interface WorkplaceClient {
  readonly urls: WorkplaceUrls;
  readonly http: WorkplaceHttp;
  community(signal?: AbortSignal): Promise<Community>;
  /** `opts` may be a bare AbortSignal (the older form). */
  scimUsers(opts?: AbortSignal | Omit<ScimReadOptions, 'limits'>): AsyncGenerator<unknown[]>;
  graphMembers(opts?: Pick<WalkOptions, 'signal' | 'onRepeatedCursor' | 'onStopped'>): AsyncGenerator<unknown[]>;
  /** Audit log pages newest-first within [since, until] (a hint: the server may ignore it). */
  auditLog(window: { since?: number | null; until?: number | null }, opts?: WalkOptions): AsyncGenerator<WalkedPage>;
}

export function createWorkplaceClient(opts: WorkplaceClientOptions): WorkplaceClient {
  const http = new WorkplaceHttp(opts);
  const { urls } = opts;
  return {
    urls,
    http,
    community: (signal) => readCommunity(http, urls.graph, signal),
    scimUsers: (o) =>
      readScimUsers(http, urls.scim, { ...(o instanceof AbortSignal ? { signal: o } : o), limits: opts.paging }),
    graphMembers: (o) => readGraphMembers(http, urls.graph, { ...o, limits: opts.paging }),
    auditLog: (window, o) =>
      walkGraph(http, auditLogUrl(urls.audit, window, opts.auditPageLimit ?? AUDIT_PAGE_LIMIT), {
        label: 'The audit log',
        limits: opts.paging,
        ...o,
      }),
  };
}
