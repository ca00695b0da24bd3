// The Workplace-compatible HTTP surface of the demo community: consent, token exchange,
// Graph members, SCIM, the Security Audit Logs API, governance calls, fault injection, and a
// separate /_demo inspection API for tests and the demo UI. One loopback origin serves all.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ALL_PERMISSIONS,
  PERMISSIONS,
  TokenRegistry,
  isPermission,
  redirectAllowed,
  verifyProof,
  type AuthCode,
  type ConsentRequest,
  type Permission,
  type TokenRecord,
} from './auth';
import { COMPANY, FILE_NAMES, REASON, T } from './catalog';
import { DEMO_GROUPS, renderConsentPage, renderErrorPage } from './consent-page';
import { EVENT_FIELDS, EventFormatter, graphTime, type EventField, type TimestampFormat } from './event-format';
import { DEFAULT_FAULTS, freshCounters, parseFaults, type FaultConfig, type FaultCounters } from './faults';
import { eventIdOf, indexOfEventId } from './ids';
import { Rng, seedFrom } from './prng';
import type { DemoUser, Organisation } from './types';

export interface ApiCall {
  method: string;
  url: URL;
  headers: Record<string, string | undefined>;
  body: string;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Internal: skip usage headers etc. */
  raw?: boolean;
}

export interface DemoMessage {
  id: string;
  recipientId: string;
  recipientEmail: string;
  text: string;
  /** Epoch ms (real time). */
  sentAt: number;
  senderId: string;
  tokenKind: string;
}

export interface UserRuntimeState {
  forcedLogouts: number;
  lastForcedLogoutAt: number | null;
  signedIn: boolean;
  deleted: boolean;
}

export interface CommunityOptions {
  baseUrl: string;
  appId: string;
  appSecret: string;
  adminCenter: { appId: string; appSecret: string };
  integrationToken: string;
  tokenTtlSec: number;
  redirectUris?: string[];
  /** Calls per hour that count as 100 % in the usage headers. */
  callBudgetPerHour: number;
  /** Simulated clock for new events (unix seconds). */
  clock: () => number;
}

const MEMBER_FIELDS = [
  'id',
  'name',
  'first_name',
  'last_name',
  'email',
  'title',
  'department',
  'division',
  'active',
  'administrator',
  'account_invite_time',
  'account_claim_time',
  'account_deactivate_time',
  'external_id',
  'manager',
  'locale',
] as const;
const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const SCIM_ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const SCIM_STATUS = 'urn:ietf:params:scim:schemas:extension:facebook:accountstatusdetails:2.0:User';
const SCIM_TERM = 'urn:ietf:params:scim:schemas:extension:facebook:starttermdates:2.0:User';
const SCIM_AUTH = 'urn:ietf:params:scim:schemas:extension:facebook:authmethod:2.0:User';
const SCIM_LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const SCIM_PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

class HttpError extends Error {
  constructor(readonly response: ApiResponse) {
    super(response.body);
  }
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): ApiResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=UTF-8', ...headers },
    body: JSON.stringify(body),
  };
}

function fbtrace(): string {
  return randomBytes(8).toString('base64url');
}

export function graphError(
  status: number,
  code: number,
  message: string,
  opts: { type?: string; subcode?: number; transient?: boolean; extra?: Record<string, unknown> } = {},
): ApiResponse {
  const error: Record<string, unknown> = { message, type: opts.type ?? 'OAuthException', code };
  if (opts.subcode !== undefined) error.error_subcode = opts.subcode;
  if (opts.transient !== undefined) error.is_transient = opts.transient;
  Object.assign(error, opts.extra ?? {});
  error.fbtrace_id = fbtrace();
  const headers: Record<string, string> = {};
  if (code === 190)
    headers['www-authenticate'] = `OAuth "Facebook Platform" "invalid_token" "${message.replace(/"/g, "'")}"`;
  return json(status, { error }, headers);
}

function scimError(
  status: number,
  detail: string,
  scimType?: string,
  graph?: { code: number; subcode?: number },
): ApiResponse {
  const body: Record<string, unknown> = { schemas: [SCIM_ERROR], status: String(status), detail };
  if (scimType) body.scimType = scimType;
  // Also carry the Graph envelope so one client error classifier handles both APIs.
  if (graph)
    body.error = {
      message: detail,
      type: 'OAuthException',
      code: graph.code,
      error_subcode: graph.subcode,
      fbtrace_id: fbtrace(),
    };
  return { status, headers: { 'content-type': 'application/scim+json; charset=UTF-8' }, body: JSON.stringify(body) };
}

function encodeCursor(kind: string, n: number): string {
  return Buffer.from(`${kind}:${n}`).toString('base64url');
}

function decodeCursor(kind: string, c: string): number | null {
  let text: string;
  try {
    text = Buffer.from(c, 'base64url').toString('utf8');
  } catch {
    return null;
  }
  const m = /^([a-z]+):(\d+)$/.exec(text);
  if (!m || m[1] !== kind) return null;
  return Number(m[2]);
}

/** Unix seconds from a number, numeric string or ISO date; undefined when absent, NaN when invalid. */
function parseTime(v: string | null): number | undefined {
  if (v === null || v === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) {
    const n = Number(v);
    return n > 1e11 ? Math.floor(n / 1000) : Math.floor(n);
  }
  const t = Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(t) ? Math.floor(t / 1000) : NaN;
}

export class DemoCommunity {
  readonly tokens = new TokenRegistry();
  readonly messages: DemoMessage[] = [];
  readonly runtime = new Map<number, UserRuntimeState>();
  faults: FaultConfig = { ...DEFAULT_FAULTS };
  counters: FaultCounters = freshCounters();
  private readonly consentRequests = new Map<string, ConsentRequest>();
  private readonly codes = new Map<string, AuthCode>();
  private readonly formatter: EventFormatter;
  private readonly usageBuckets = new Map<number, number>();
  private readonly liveRng: Rng;
  private defaultTimestampFormat: TimestampFormat = 'unix';

  constructor(
    readonly org: Organisation,
    readonly opts: CommunityOptions,
  ) {
    this.formatter = new EventFormatter(org);
    this.liveRng = new Rng(seedFrom(org.seed, 'live'));
    this.tokens.issue('integration', {
      permissions: ALL_PERMISSIONS,
      actor: org.integrationUser,
      ttlSec: null,
      token: opts.integrationToken,
    });
  }

  setFaults(f: Partial<FaultConfig>): void {
    this.faults = { ...this.faults, ...parseFaults(f) };
    this.counters = freshCounters();
  }

  resetFaults(): void {
    this.faults = { ...DEFAULT_FAULTS, timestampFormat: this.defaultTimestampFormat };
    this.counters = freshCounters();
  }

  setDefaultTimestampFormat(f: TimestampFormat): void {
    this.defaultTimestampFormat = f;
    this.faults.timestampFormat = f;
  }

  state(u: number): UserRuntimeState {
    let s = this.runtime.get(u);
    if (!s) {
      s = { forcedLogouts: 0, lastForcedLogoutAt: null, signedIn: true, deleted: false };
      this.runtime.set(u, s);
    }
    return s;
  }

  // ---------- events appended at run time ----------

  private now(): number {
    return Math.max(Math.floor(this.opts.clock()), this.org.store.newestTs);
  }

  appendEvent(type: number, actor: number, target: number, ip: number, ua: number, arg = 0): string {
    const i = this.org.store.push(this.now(), type, actor, target, ip, ua, arg, 0);
    return eventIdOf(this.org.idPrefix, i);
  }

  /** A sign-in attempt by `user` now: fails (and is logged as failed) when the account is suspended. */
  simulateLogin(
    userIndex: number,
    opts: { ip?: string; success?: boolean } = {},
  ): { eventId: string; success: boolean } {
    const u = this.org.users[userIndex];
    const ip = opts.ip ? this.org.store.ips.id(opts.ip) : u.homeIp;
    const suspended = !u.active || this.state(userIndex).deleted;
    const success = !suspended && opts.success !== false;
    if (!success) {
      const reason = suspended ? REASON.deactivated : REASON.wrongPassword;
      return { eventId: this.appendEvent(T.loginFailed, userIndex, userIndex, ip, u.desktopUa, reason), success };
    }
    this.state(userIndex).signedIn = true;
    return {
      eventId: this.appendEvent(T.login, userIndex, userIndex, ip, u.desktopUa, u.authMethod === 'sso' ? 1 : 0),
      success,
    };
  }

  /** One live event: routine activity of a random member (suspended members fail to sign in). */
  liveTick(): string {
    const users = this.org.users;
    const rng = this.liveRng;
    for (let attempt = 0; attempt < 20; attempt++) {
      const u = users[rng.int(0, users.length - 1)];
      if (u.kind !== 'person' || u.former || u.claimTime === null || this.state(u.index).deleted) continue;
      if (u.termDate !== null && u.termDate * 1000 < this.org.now && !u.active) continue;
      if (!u.active) return this.simulateLogin(u.index).eventId;
      const r = rng.next();
      const st = this.state(u.index);
      if (r < 0.4 || !st.signedIn) return this.simulateLogin(u.index).eventId;
      if (r < 0.85)
        return this.appendEvent(
          T.fileDownloaded,
          u.index,
          u.index,
          u.homeIp,
          u.desktopUa,
          rng.int(0, FILE_NAMES.length - 1),
        );
      if (r < 0.93)
        return this.appendEvent(
          T.fileUploaded,
          u.index,
          u.index,
          u.homeIp,
          u.desktopUa,
          rng.int(0, FILE_NAMES.length - 1),
        );
      st.signedIn = false;
      return this.appendEvent(T.logout, u.index, u.index, u.homeIp, u.desktopUa);
    }
    return this.simulateLogin(this.org.connectedAdmin).eventId;
  }

  // ---------- governance ----------

  setActive(userIndex: number, active: boolean, actor: number): void {
    const u = this.org.users[userIndex];
    if (u.active === active) return;
    u.active = active;
    u.updated = this.now();
    const actorUser = this.org.users[actor];
    if (!active) {
      u.deactivateTime = this.now();
      this.state(userIndex).signedIn = false;
      this.appendEvent(T.accountDeactivated, actor, userIndex, actorUser.homeIp, actorUser.desktopUa);
    } else {
      u.deactivateTime = null;
      this.appendEvent(T.accountActivated, actor, userIndex, actorUser.homeIp, actorUser.desktopUa);
    }
  }

  forceLogout(userIndex: number, actor: number): string {
    const st = this.state(userIndex);
    st.forcedLogouts += 1;
    st.lastForcedLogoutAt = Date.now();
    st.signedIn = false;
    const a = this.org.users[actor];
    return this.appendEvent(T.forcedLogout, actor, userIndex, a.homeIp, a.desktopUa);
  }

  // ---------- HTTP ----------

  async handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > 2_000_000) {
        res.writeHead(413).end();
        return;
      }
      chunks.push(c as Buffer);
    }
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const call: ApiCall = {
      method: (req.method ?? 'GET').toUpperCase(),
      url: new URL(req.url ?? '/', this.opts.baseUrl),
      headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    let response: ApiResponse;
    try {
      response = await this.dispatch(call, false);
    } catch (err) {
      response =
        err instanceof HttpError
          ? err.response
          : graphError(500, 2, `An unexpected error has occurred: ${(err as Error).message}`, { transient: true });
    }
    if (!res.headersSent) {
      res.writeHead(response.status, { ...response.headers, 'content-length': Buffer.byteLength(response.body) });
      res.end(response.body);
    }
  }

  private isApiPath(path: string): boolean {
    return !path.startsWith('/_demo') && !path.startsWith('/dialog/');
  }

  async dispatch(call: ApiCall, inBatch: boolean): Promise<ApiResponse> {
    let path = call.url.pathname.replace(/^\/v\d+\.\d+(?=\/)/, '');
    if (path.length > 1 && path.endsWith('/') && !path.startsWith('/dialog/')) path = path.slice(0, -1);
    if (path.startsWith('/_demo')) return this.inspection(call, path);
    if (path === '/dialog/work/app_install' || path === '/dialog/work/app_install/') return this.consent(call);
    if (!this.isApiPath(path)) return graphError(404, 803, 'Unknown path');

    if (!inBatch) {
      this.counters.apiCalls += 1;
      if (this.faults.slowMs > 0) await new Promise((r) => setTimeout(r, this.faults.slowMs));
      const f = this.faults;
      if (
        f.serverErrorAfter !== null &&
        this.counters.apiCalls > f.serverErrorAfter &&
        this.counters.serverErrorsServed < f.serverErrorCount
      ) {
        this.counters.serverErrorsServed += 1;
        return graphError(
          f.serverErrorStatus,
          2,
          'An unexpected error has occurred. Please retry your request later.',
          { transient: true },
        );
      }
    }

    if (path === '/oauth/access_token') return this.exchangeCode(call);
    if (path === '/work_get_token') return this.clientCredentials(call);

    // Everything else needs a token.
    const auth = this.authenticate(call, inBatch);
    if ('status' in auth) return auth;
    const token = auth.record;
    if (!inBatch) {
      const limited = this.rateLimit();
      if (limited) return limited;
    }
    const usage = this.usageHeaders(false);
    const res = await this.route(call, path, token);
    Object.assign(res.headers, usage);
    return res;
  }

  // ---------- auth ----------

  private bearer(call: ApiCall, form?: URLSearchParams): string | null {
    const h = call.headers.authorization;
    if (h) {
      const m = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(h.trim());
      if (m) return m[1].trim();
    }
    return call.url.searchParams.get('access_token') ?? form?.get('access_token') ?? null;
  }

  private authenticate(call: ApiCall, inBatch: boolean): { record: TokenRecord } | ApiResponse {
    const form =
      call.method !== 'GET' && /x-www-form-urlencoded/.test(call.headers['content-type'] ?? '')
        ? new URLSearchParams(call.body)
        : undefined;
    const token = this.bearer(call, form);
    const checked = this.tokens.check(token);
    if (!checked.ok) return graphError(401, 190, checked.message, { subcode: checked.subcode });
    const record = checked.record;
    if (record.kind === 'consent') {
      const q = call.url.searchParams;
      const problem = verifyProof(
        this.opts.appSecret,
        record.token,
        q.get('appsecret_proof') ?? form?.get('appsecret_proof') ?? null,
        q.get('appsecret_time') ?? form?.get('appsecret_time') ?? null,
      );
      if (problem) return graphError(400, 100, problem, { type: 'GraphMethodException' });
    }
    if (!inBatch) {
      this.counters.authCalls += 1;
      const f = this.faults;
      if (
        f.expireTokenAfter !== null &&
        this.counters.authCalls > f.expireTokenAfter &&
        !this.counters.tokenFaultServed
      ) {
        this.counters.tokenFaultServed = true;
        this.tokens.expire(record.token);
        const again = this.tokens.check(record.token);
        if (!again.ok) return graphError(401, 190, again.message, { subcode: again.subcode });
      }
      if (
        f.revokeTokenAfter !== null &&
        this.counters.authCalls > f.revokeTokenAfter &&
        !this.counters.tokenFaultServed
      ) {
        this.counters.tokenFaultServed = true;
        this.tokens.revoke(record.token);
        const again = this.tokens.check(record.token);
        if (!again.ok) return graphError(401, 190, again.message, { subcode: again.subcode });
      }
    }
    return { record };
  }

  private requirePermission(token: TokenRecord, p: Permission, code: number): void {
    if (!token.permissions.has(p)) {
      throw new HttpError(
        graphError(
          403,
          code,
          `(#${code}) This endpoint requires the '${p}' permission (${PERMISSIONS[p]}), which was not granted to this app.`,
          {
            extra: { missing_permission: p },
          },
        ),
      );
    }
  }

  // ---------- usage & rate limits ----------

  private callsLastHour(): number {
    const minute = Math.floor(Date.now() / 60000);
    let n = 0;
    for (const [m, c] of this.usageBuckets) {
      if (m <= minute - 60) this.usageBuckets.delete(m);
      else n += c;
    }
    return n;
  }

  private usagePercent(): number {
    let p = Math.round((this.callsLastHour() * 100) / Math.max(1, this.opts.callBudgetPerHour));
    const f = this.faults;
    if (f.rateLimitAfter !== null)
      p = Math.max(p, Math.round((this.counters.rateLimitWindowCalls * 100) / Math.max(1, f.rateLimitAfter)));
    return Math.min(100, p);
  }

  private usageHeaders(limited: boolean): Record<string, string> {
    const p = limited ? 100 : this.usagePercent();
    const regain = limited ? this.faults.rateLimitRegainMinutes : 0;
    return {
      'x-app-usage': JSON.stringify({
        call_count: p,
        total_cputime: Math.round(p * 0.6),
        total_time: Math.round(p * 0.8),
      }),
      'x-business-use-case-usage': JSON.stringify({
        [COMPANY.communityId]: [
          {
            type: 'pages',
            call_count: p,
            total_cputime: Math.round(p * 0.5),
            total_time: Math.round(p * 0.7),
            estimated_time_to_regain_access: regain,
          },
        ],
      }),
    };
  }

  private rateLimit(): ApiResponse | null {
    const minute = Math.floor(Date.now() / 60000);
    this.usageBuckets.set(minute, (this.usageBuckets.get(minute) ?? 0) + 1);
    const f = this.faults;
    let code: number | null = null;
    if (f.rateLimitAfter !== null) {
      this.counters.rateLimitWindowCalls += 1;
      if (this.counters.rateLimitWindowCalls > f.rateLimitAfter) {
        code = f.rateLimitCode;
        this.counters.rateLimitedServed += 1;
        if (this.counters.rateLimitedServed >= f.rateLimitCalls) {
          this.counters.rateLimitedServed = 0;
          this.counters.rateLimitWindowCalls = 0;
        }
      }
    }
    if (code === null && this.callsLastHour() > this.opts.callBudgetPerHour) code = 4;
    if (code === null) return null;
    const messages: Record<number, string> = {
      4: '(#4) Application request limit reached',
      17: '(#17) User request limit reached',
      32: '(#32) Page request limit reached',
    };
    const res = graphError(429, code, messages[code] ?? 'Rate limited', { transient: true });
    Object.assign(res.headers, this.usageHeaders(true), { 'retry-after': String(f.rateLimitRegainMinutes * 60) });
    return res;
  }

  // ---------- consent ----------

  private consent(call: ApiCall): ApiResponse {
    const html = (status: number, body: string, headers: Record<string, string> = {}): ApiResponse => ({
      status,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy':
          "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
        'cache-control': 'no-store',
        ...headers,
      },
      body,
    });
    if (call.method === 'GET') {
      const q = call.url.searchParams;
      const appId = q.get('app_id') ?? q.get('client_id');
      const redirectUri = q.get('redirect_uri');
      if (appId !== this.opts.appId)
        return html(
          400,
          renderErrorPage('App not found', `No app with id "${appId ?? ''}" is available to this organisation.`),
        );
      if (!redirectUri || !redirectAllowed(redirectUri, this.opts.redirectUris))
        return html(
          400,
          renderErrorPage('Invalid redirect URI', 'The redirect_uri is missing or is not registered for this app.'),
        );
      const requested = (q.get('permissions') ?? q.get('scope') ?? '').split(/[ ,]+/).filter(Boolean);
      const unknown = requested.filter((p) => !isPermission(p));
      if (unknown.length)
        return html(
          400,
          renderErrorPage('Unknown permission', `This app asked for unknown permissions: ${unknown.join(', ')}.`),
        );
      const permissions = (requested.length ? requested : ALL_PERMISSIONS) as Permission[];
      const id = randomBytes(12).toString('hex');
      this.consentRequests.set(id, { id, redirectUri, state: q.get('state'), permissions, createdAt: Date.now() });
      return html(
        200,
        renderConsentPage({
          requestId: id,
          appName: COMPANY.appName,
          community: { id: COMPANY.communityId, name: COMPANY.name },
          permissions,
        }),
      );
    }
    if (call.method !== 'POST') return html(405, renderErrorPage('Method not allowed', 'Use the consent form.'));
    const form = new URLSearchParams(call.body);
    const request = this.consentRequests.get(form.get('request_id') ?? '');
    if (!request || Date.now() - request.createdAt > 30 * 60_000)
      return html(
        400,
        renderErrorPage(
          'This request has expired',
          'Start again from the app: the consent request is unknown, already used, or older than 30 minutes.',
        ),
      );
    const target = new URL(request.redirectUri);
    if (form.get('action') === 'cancel') {
      this.consentRequests.delete(request.id);
      target.searchParams.set('error', 'access_denied');
      target.searchParams.set('error_code', '200');
      target.searchParams.set('error_description', 'Permissions error');
      target.searchParams.set('error_reason', 'user_denied');
      if (request.state !== null) target.searchParams.set('state', request.state);
      return html(302, '', { location: target.toString() });
    }
    if (form.get('community') && form.get('community') !== COMPANY.communityId)
      return html(400, renderErrorPage('Unknown organisation', 'Pick an organisation from the list.'));
    let groups: 'all' | string[] = 'all';
    if (form.get('groups') === 'selected') {
      const ids = form.getAll('group_ids').filter((g) => DEMO_GROUPS.some((d) => d.id === g));
      if (ids.length === 0)
        return html(
          400,
          renderConsentPage({
            requestId: request.id,
            appName: COMPANY.appName,
            community: { id: COMPANY.communityId, name: COMPANY.name },
            permissions: request.permissions,
            error: 'Select at least one group, or choose All groups.',
          }),
        );
      groups = ids;
    }
    this.consentRequests.delete(request.id);
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, {
      code,
      redirectUri: request.redirectUri,
      permissions: request.permissions,
      groups,
      createdAt: Date.now(),
      used: false,
    });
    target.searchParams.set('code', code);
    if (request.state !== null) target.searchParams.set('state', request.state);
    return html(302, '', { location: target.toString() });
  }

  private exchangeCode(call: ApiCall): ApiResponse {
    const p = new URLSearchParams(call.url.search);
    if (call.method === 'POST') for (const [k, v] of new URLSearchParams(call.body)) if (!p.has(k)) p.set(k, v);
    for (const k of ['client_id', 'client_secret', 'redirect_uri', 'code']) {
      if (!p.get(k)) return graphError(400, 100, `Missing ${k} parameter.`);
    }
    if (p.get('client_id') !== this.opts.appId)
      return graphError(400, 101, 'Error validating application. Invalid application ID.');
    if (p.get('client_secret') !== this.opts.appSecret) return graphError(400, 101, 'Error validating client secret.');
    const code = this.codes.get(p.get('code')!);
    if (!code) return graphError(400, 100, 'Invalid verification code format.', { subcode: 36007 });
    if (code.used) return graphError(400, 100, 'This authorization code has been used.', { subcode: 36009 });
    if (Date.now() - code.createdAt > 300_000)
      return graphError(400, 100, 'This authorization code has expired.', { subcode: 36007 });
    if (p.get('redirect_uri') !== code.redirectUri)
      return graphError(
        400,
        100,
        'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
        { subcode: 36008 },
      );
    code.used = true;
    const rec = this.tokens.issue('consent', {
      permissions: code.permissions,
      actor: this.org.connectedAdmin,
      groups: code.groups,
      ttlSec: null,
    });
    return json(200, { access_token: rec.token, token_type: 'bearer' });
  }

  private clientCredentials(call: ApiCall): ApiResponse {
    if (call.method !== 'POST')
      return graphError(
        400,
        100,
        'Use POST with form fields access_token=APP_ID|APP_SECRET and grant_type=client_credentials.',
      );
    const form = new URLSearchParams(call.body);
    if (/json/.test(call.headers['content-type'] ?? '')) {
      try {
        for (const [k, v] of Object.entries(JSON.parse(call.body) as Record<string, string>)) form.set(k, String(v));
      } catch {
        return graphError(400, 100, 'Malformed JSON body.');
      }
    }
    for (const [k, v] of call.url.searchParams) if (!form.has(k)) form.set(k, v);
    if (form.get('grant_type') !== 'client_credentials')
      return graphError(400, 100, 'grant_type must be client_credentials.');
    const [id, secret] = (form.get('access_token') ?? '').split('|');
    if (id !== this.opts.adminCenter.appId || secret !== this.opts.adminCenter.appSecret)
      return graphError(400, 101, 'Error validating application. Invalid application ID or secret.');
    const rec = this.tokens.issue('client_credentials', {
      permissions: ALL_PERMISSIONS,
      actor: this.org.integrationUser,
      ttlSec: this.opts.tokenTtlSec,
    });
    return json(200, { access_token: rec.token, token_type: 'bearer', expires_in: this.opts.tokenTtlSec });
  }

  // ---------- routing ----------

  private async route(call: ApiCall, path: string, token: TokenRecord): Promise<ApiResponse> {
    const m = call.method;
    if (path === '/' && m === 'POST') return this.batch(call);
    if (path === '/community' && m === 'GET') return this.community(call, token);
    const edge = /^\/community\/(members|organization_members|former_members|admins)$/.exec(path);
    if (edge && m === 'GET') {
      this.requirePermission(token, 'manage_work_profiles', 200);
      return this.members(call, edge[1]);
    }
    if (path === '/me' && m === 'GET') return this.me(call, token);
    if (path === '/me/messages' && m === 'POST') return this.sendMessage(call, token);
    if (path === '/security_audit_logs' && m === 'GET') {
      this.requirePermission(token, 'read_security_audit_logs', 10);
      return this.auditLogs(call);
    }
    if (path === '/Users' || path.startsWith('/Users/')) return this.scim(call, path, token);
    const logout = /^\/(\d+)\/logout$/.exec(path);
    if (logout && m === 'POST') {
      this.requirePermission(token, 'manage_accounts', 200);
      const u = this.userById(logout[1]);
      this.forceLogout(u.index, token.actor);
      return json(200, { success: true });
    }
    const node = /^\/(\d+)$/.exec(path);
    if (node) {
      const u = this.userById(node[1]);
      if (m === 'GET') {
        this.requirePermission(token, 'manage_work_profiles', 200);
        return json(200, this.memberJson(u, this.memberFields(call)));
      }
      if (m === 'POST') {
        this.requirePermission(token, 'manage_accounts', 200);
        const form = new URLSearchParams(call.body);
        const active = call.url.searchParams.get('active') ?? form.get('active');
        if (active !== 'true' && active !== 'false')
          return graphError(400, 100, '(#100) Param active must be true or false');
        this.setActive(u.index, active === 'true', token.actor);
        return json(200, { success: true });
      }
    }
    return graphError(
      400,
      100,
      `(#100) Unsupported ${m} request. Object with path '${path}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      { type: 'GraphMethodException', subcode: 33 },
    );
  }

  private userById(id: string): DemoUser {
    const i = this.org.usersById.get(id);
    if (i === undefined || this.state(i).deleted)
      throw new HttpError(
        graphError(
          400,
          100,
          `(#100) Unsupported request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
          { type: 'GraphMethodException', subcode: 33 },
        ),
      );
    return this.org.users[i];
  }

  private async batch(call: ApiCall): Promise<ApiResponse> {
    const form = new URLSearchParams(call.body);
    const raw = call.url.searchParams.get('batch') ?? form.get('batch');
    if (!raw) return graphError(400, 100, '(#100) The parameter batch is required');
    let items: Array<{ method?: string; relative_url?: string; body?: string }>;
    try {
      items = JSON.parse(raw);
    } catch {
      return graphError(400, 100, '(#100) batch must be a JSON array');
    }
    if (!Array.isArray(items)) return graphError(400, 100, '(#100) batch must be a JSON array');
    if (items.length > 50)
      return graphError(400, 100, '(#100) Too many requests in batch message. Maximum batch size is 50');
    const out = [];
    for (const item of items) {
      const rel = String(item.relative_url ?? '').replace(/^\/?/, '/');
      const url = new URL(rel, this.opts.baseUrl);
      for (const k of ['access_token', 'appsecret_proof', 'appsecret_time']) {
        const v = call.url.searchParams.get(k) ?? form.get(k);
        if (v && !url.searchParams.has(k)) url.searchParams.set(k, v);
      }
      const sub: ApiCall = {
        method: String(item.method ?? 'GET').toUpperCase(),
        url,
        headers: { ...call.headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: item.body ?? '',
      };
      let r: ApiResponse;
      try {
        r = await this.dispatch(sub, true);
      } catch (err) {
        r = err instanceof HttpError ? err.response : graphError(500, 2, (err as Error).message, { transient: true });
      }
      out.push({
        code: r.status,
        headers: Object.entries(r.headers).map(([name, value]) => ({ name, value })),
        body: r.body,
      });
    }
    return json(200, out);
  }

  private community(call: ApiCall, token: TokenRecord): ApiResponse {
    const fields = (call.url.searchParams.get('fields') ?? 'id,name')
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      if (f === 'id') out.id = COMPANY.communityId;
      else if (f === 'name') out.name = COMPANY.name;
      else if (f === 'privacy') out.privacy = 'CLOSED';
      else if (f === 'install') {
        out.install = {
          id:
            token.kind === 'consent'
              ? this.opts.appId
              : token.kind === 'client_credentials'
                ? this.opts.adminCenter.appId
                : `${this.opts.appId}1`,
          name:
            token.kind === 'consent'
              ? COMPANY.appName
              : token.kind === 'client_credentials'
                ? 'Workplace Guard (Admin Center)'
                : 'Security Scanner (custom integration)',
          install_type:
            token.kind === 'consent'
              ? 'THIRD_PARTY'
              : token.kind === 'client_credentials'
                ? 'ADMIN_CENTER'
                : 'CUSTOM_INTEGRATION',
          permissions: [...token.permissions],
          group_access: token.groups === 'all' ? 'ALL_GROUPS' : 'SELECTED_GROUPS',
          ...(token.groups === 'all' ? {} : { groups: token.groups }),
          installed_at: graphTime(Math.floor(token.issuedAt / 1000)),
        };
      } else return graphError(400, 100, `(#100) Tried accessing nonexisting field (${f}) on node type (Community)`);
    }
    out.id ??= COMPANY.communityId;
    return json(200, out);
  }

  private me(call: ApiCall, token: TokenRecord): ApiResponse {
    const u = this.org.users[token.actor];
    return json(200, { id: u.id, name: u.name });
  }

  private memberFields(call: ApiCall): string[] {
    const fields = (call.url.searchParams.get('fields') ?? 'id,name')
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    for (const f of fields)
      if (!(MEMBER_FIELDS as readonly string[]).includes(f))
        throw new HttpError(
          graphError(400, 100, `(#100) Tried accessing nonexisting field (${f}) on node type (User)`),
        );
    if (!fields.includes('id')) fields.unshift('id');
    return fields;
  }

  private memberJson(u: DemoUser, fields: string[]): Record<string, unknown> {
    const o: Record<string, unknown> = {};
    for (const f of fields) {
      switch (f) {
        case 'id':
          o.id = u.id;
          break;
        case 'name':
          o.name = u.name;
          break;
        case 'first_name':
          o.first_name = u.givenName;
          break;
        case 'last_name':
          o.last_name = u.familyName;
          break;
        case 'email':
          o.email = u.email;
          break;
        case 'title':
          if (u.title) o.title = u.title;
          break;
        case 'department':
          if (u.department) o.department = u.department;
          break;
        case 'division':
          if (u.division) o.division = u.division;
          break;
        case 'active':
          o.active = u.active;
          break;
        case 'administrator':
          o.administrator = u.administrator;
          break;
        case 'account_invite_time':
          o.account_invite_time = graphTime(u.inviteTime);
          break;
        case 'account_claim_time':
          if (u.claimTime !== null) o.account_claim_time = graphTime(u.claimTime);
          break;
        case 'account_deactivate_time':
          if (u.deactivateTime !== null && !u.active) o.account_deactivate_time = graphTime(u.deactivateTime);
          break;
        case 'external_id':
          o.external_id = u.externalId;
          break;
        case 'manager':
          if (u.managerIndex >= 0)
            o.manager = { id: this.org.users[u.managerIndex].id, name: this.org.users[u.managerIndex].name };
          break;
        case 'locale':
          o.locale = 'en_GB';
          break;
      }
    }
    return o;
  }

  private members(call: ApiCall, edge: string): ApiResponse {
    const q = call.url.searchParams;
    const fields = this.memberFields(call);
    const inactive = q.get('inactive') === '1' || q.get('inactive') === 'true';
    const list = this.org.users.filter((u) => {
      if (this.state(u.index).deleted) return false;
      if (edge === 'former_members') return u.former;
      if (u.former) return false;
      if (edge === 'admins') return u.administrator && u.active;
      if (edge === 'organization_members' && inactive) return true;
      return u.active;
    });
    const limit = this.parseLimit(q.get('limit'), 25);
    let start = 0;
    const after = q.get('after');
    const before = q.get('before');
    if (after && before) return graphError(400, 100, '(#100) Cannot specify both before and after cursors');
    if (after) {
      const n = decodeCursor('m', after);
      if (n === null) return graphError(400, 100, '(#100) Invalid cursor');
      start = n + 1;
    } else if (before) {
      const n = decodeCursor('m', before);
      if (n === null) return graphError(400, 100, '(#100) Invalid cursor');
      start = Math.max(0, n - limit);
    }
    const page = list.slice(start, start + limit);
    const body: Record<string, unknown> = { data: page.map((u) => this.memberJson(u, fields)) };
    if (page.length) {
      const paging: Record<string, unknown> = {
        cursors: { before: encodeCursor('m', start), after: encodeCursor('m', start + page.length - 1) },
      };
      if (start + page.length < list.length)
        paging.next = this.pageUrl(call, { after: encodeCursor('m', start + page.length - 1) });
      if (start > 0) paging.previous = this.pageUrl(call, { before: encodeCursor('m', start) });
      body.paging = paging;
    }
    return json(200, body);
  }

  private parseLimit(v: string | null, dflt: number): number {
    if (v === null || v === '') return dflt;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1)
      throw new HttpError(graphError(400, 100, '(#100) The parameter limit must be a positive integer'));
    if (n > 1000) throw new HttpError(graphError(400, 100, '(#100) The parameter limit must be at most 1000'));
    return n;
  }

  /** A paging URL: the same request with new cursors (auth parameters are left to the client). */
  private pageUrl(call: ApiCall, cursors: { after?: string; before?: string }): string {
    const u = new URL(call.url.pathname + call.url.search, this.opts.baseUrl);
    for (const k of ['after', 'before', 'access_token', 'appsecret_proof', 'appsecret_time']) u.searchParams.delete(k);
    if (cursors.after) u.searchParams.set('after', cursors.after);
    if (cursors.before) u.searchParams.set('before', cursors.before);
    return u.toString();
  }

  // ---------- messages ----------

  private sendMessage(call: ApiCall, token: TokenRecord): ApiResponse {
    this.requirePermission(token, 'message_any_member', 200);
    let recipient: unknown;
    let message: unknown;
    const ct = call.headers['content-type'] ?? '';
    try {
      if (/json/.test(ct)) {
        const b = JSON.parse(call.body || '{}') as Record<string, unknown>;
        recipient = b.recipient;
        message = b.message;
      } else {
        const f = new URLSearchParams(call.body);
        recipient = JSON.parse(f.get('recipient') ?? call.url.searchParams.get('recipient') ?? 'null');
        message = JSON.parse(f.get('message') ?? call.url.searchParams.get('message') ?? 'null');
      }
    } catch {
      return graphError(400, 100, '(#100) recipient and message must be JSON');
    }
    const r = recipient as { ids?: unknown; id?: unknown } | null;
    const ids = r && Array.isArray(r.ids) ? r.ids.map(String) : r && r.id !== undefined ? [String(r.id)] : [];
    const text = (message as { text?: unknown } | null)?.text;
    if (ids.length === 0) return graphError(400, 100, '(#100) param recipient must be non-empty.');
    if (typeof text !== 'string' || text.length === 0)
      return graphError(400, 100, '(#100) param message[text] must be a non-empty UTF-8 encoded string');
    if (text.length > 2000)
      return graphError(400, 100, '(#100) Length of param message[text] must be less than or equal to 2000');
    const users = ids.map((id) => {
      const i = this.org.usersById.get(id);
      if (i === undefined || this.state(i).deleted)
        throw new HttpError(
          graphError(400, 100, `(#100) No matching user found for recipient ${id}`, { subcode: 2018001 }),
        );
      return this.org.users[i];
    });
    const sender = this.org.users[token.actor];
    const ids2: string[] = [];
    for (const u of users) {
      const id = `m_${randomBytes(12).toString('base64url')}`;
      ids2.push(id);
      this.messages.push({
        id,
        recipientId: u.id,
        recipientEmail: u.email,
        text,
        sentAt: Date.now(),
        senderId: sender.id,
        tokenKind: token.kind,
      });
    }
    return json(
      200,
      users.length === 1
        ? { recipient_id: users[0].id, message_id: ids2[0] }
        : { recipient_ids: users.map((u) => u.id), message_ids: ids2 },
    );
  }

  // ---------- audit logs ----------

  private auditLogs(call: ApiCall): ApiResponse {
    const q = call.url.searchParams;
    const store = this.org.store;
    const limit = this.parseLimit(q.get('limit'), 100);
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
          return graphError(
            400,
            100,
            `(#100) Tried accessing nonexisting field (${f}) on node type (SecurityAuditLog)`,
          );
        fields.add(f as EventField);
      }
    }
    const lo = since !== undefined ? store.lowerBound(since) : 0;
    const hi = until !== undefined ? store.upperBound(until) : store.length; // exclusive, snapshot
    this.counters.auditPages += 1;
    const pageNo = this.counters.auditPages;
    const f = this.faults;
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
    if (f.outOfOrder && indexes.length > 1) new Rng(seedFrom(this.org.seed, 'shuffle', pageNo)).shuffle(indexes);
    const fmt = f.timestampFormat;
    const parts = new Array<string>(indexes.length);
    for (let k = 0; k < indexes.length; k++) parts[k] = this.formatter.eventJson(indexes[k], fields, fmt);
    let paging = '';
    if (indexes.length) {
      const first = top;
      const last = Math.max(lo, bottom);
      // duplicateAcrossPages: the next page starts again with this page's last event.
      const afterIdx = f.duplicateAcrossPages && last + 1 <= first ? last + 1 : last;
      const cursors = { before: encodeCursor('e', first), after: encodeCursor('e', afterIdx) };
      let next: string | null = last > lo ? this.pageUrl(call, { after: cursors.after }) : null;
      if (f.repeatNextOnPage === pageNo && !this.counters.repeatServed) {
        this.counters.repeatServed = true;
        next = new URL(call.url.pathname + call.url.search, this.opts.baseUrl).toString();
      }
      const newerExists = first < hi - 1 || (until === undefined && first < store.length - 1);
      const previous = newerExists ? this.pageUrl(call, { before: cursors.before }) : null;
      paging = `,"paging":{"cursors":${JSON.stringify(cursors)}${next ? `,"next":${JSON.stringify(next)}` : ''}${previous ? `,"previous":${JSON.stringify(previous)}` : ''}}`;
    }
    let body = `{"data":[${parts.join(',')}]${paging}}`;
    if (f.malformedPage === pageNo && !this.counters.malformedServed) {
      this.counters.malformedServed = true;
      body = body.slice(0, Math.max(10, Math.floor(body.length / 2)));
    }
    return { status: 200, headers: { 'content-type': 'application/json; charset=UTF-8' }, body };
  }

  // ---------- SCIM ----------

  private scimUser(u: DemoUser): Record<string, unknown> {
    const mgr = u.managerIndex >= 0 ? this.org.users[u.managerIndex] : null;
    const created = graphTime(u.inviteTime).replace('+0000', 'Z');
    const r: Record<string, unknown> = {
      schemas: [SCIM_USER, SCIM_ENTERPRISE, SCIM_STATUS, SCIM_TERM, SCIM_AUTH],
      id: u.id,
      userName: u.email,
      name: { formatted: u.name, givenName: u.givenName, familyName: u.familyName },
      displayName: u.name,
      title: u.title,
      active: u.active,
      emails: [{ value: u.email, type: 'work', primary: true }],
      externalId: u.externalId,
      [SCIM_ENTERPRISE]: {
        department: u.department,
        division: u.division,
        ...(mgr ? { manager: { managerId: mgr.id, displayName: mgr.name } } : {}),
      },
      [SCIM_STATUS]: {
        claimed: u.claimTime !== null,
        ...(u.claimTime !== null ? { claimDate: u.claimTime } : {}),
        invited: true,
        inviteDate: u.inviteTime,
      },
      [SCIM_TERM]: { startDate: u.startDate, ...(u.termDate !== null ? { termDate: u.termDate } : {}) },
      [SCIM_AUTH]: { authMethod: u.authMethod },
      meta: {
        resourceType: 'User',
        created,
        lastModified: graphTime(u.updated).replace('+0000', 'Z'),
        location: `${this.opts.baseUrl}/Users/${u.id}`,
      },
    };
    return r;
  }

  private scimJson(status: number, body: unknown): ApiResponse {
    return { status, headers: { 'content-type': 'application/scim+json; charset=UTF-8' }, body: JSON.stringify(body) };
  }

  private scim(call: ApiCall, path: string, token: TokenRecord): ApiResponse {
    if (!call.headers['user-agent'] || !call.headers['user-agent'].trim())
      return scimError(400, 'A descriptive User-Agent header is required for SCIM requests.', 'invalidValue', {
        code: 100,
      });
    if (!token.permissions.has('manage_accounts'))
      return scimError(
        403,
        "This endpoint requires the 'manage_accounts' permission (Manage accounts), which was not granted to this app.",
        undefined,
        { code: 200 },
      );
    const visible = (u: DemoUser) => !u.former && !this.state(u.index).deleted;
    if (path === '/Users') {
      if (call.method !== 'GET') return scimError(405, 'Only GET is supported on /Users in the demo community.');
      const q = call.url.searchParams;
      const startIndex = q.get('startIndex') === null ? 1 : Number(q.get('startIndex'));
      const count = q.get('count') === null ? 100 : Number(q.get('count'));
      if (!Number.isInteger(startIndex) || !Number.isInteger(count) || count < 0)
        return scimError(400, 'startIndex and count must be integers', 'invalidValue');
      let list = this.org.users.filter(visible);
      const filter = q.get('filter');
      if (filter) {
        const m = /^\s*([A-Za-z.]+)\s+(\w+)\s+"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
        if (!m) return scimError(400, `Unsupported filter: ${filter}`, 'invalidFilter');
        if (m[2].toLowerCase() !== 'eq')
          return scimError(400, `Only the eq operator is supported (got ${m[2]})`, 'invalidFilter');
        const attr = m[1].toLowerCase();
        const value = m[3].replace(/\\(.)/g, '$1');
        const get: Record<string, (u: DemoUser) => string> = {
          username: (u) => u.email.toLowerCase(),
          externalid: (u) => u.externalId,
          id: (u) => u.id,
          'emails.value': (u) => u.email.toLowerCase(),
          displayname: (u) => u.name,
        };
        const g = get[attr];
        if (!g) return scimError(400, `Filtering on ${m[1]} is not supported`, 'invalidFilter');
        const needle = attr === 'username' || attr === 'emails.value' ? value.toLowerCase() : value;
        list = list.filter((u) => g(u) === needle);
      }
      const start = Math.max(1, startIndex);
      const page = list.slice(start - 1, start - 1 + Math.min(count, 100));
      return this.scimJson(200, {
        schemas: [SCIM_LIST],
        totalResults: list.length,
        itemsPerPage: page.length,
        startIndex: start,
        Resources: page.map((u) => this.scimUser(u)),
      });
    }
    const id = path.slice('/Users/'.length);
    const i = this.org.usersById.get(id);
    if (i === undefined || !visible(this.org.users[i])) return scimError(404, `User ${id} not found`, undefined);
    const u = this.org.users[i];
    if (call.method === 'GET') return this.scimJson(200, this.scimUser(u));
    if (call.method === 'DELETE') {
      if (u.claimTime !== null)
        return scimError(412, 'Only accounts that were never claimed can be deleted; deactivate this user instead.');
      this.state(i).deleted = true;
      return { status: 204, headers: {}, body: '' };
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(call.body || '{}');
    } catch {
      return scimError(400, 'Malformed JSON body', 'invalidSyntax');
    }
    if (call.method === 'PUT') {
      if (typeof body.userName !== 'string' || !body.userName)
        return scimError(400, 'userName is required', 'invalidValue');
      return this.applyScimChanges(u, token, body, true);
    }
    if (call.method === 'PATCH') {
      const schemas = body.schemas as unknown;
      if (!Array.isArray(schemas) || !schemas.includes(SCIM_PATCH))
        return scimError(400, `PATCH requires schemas [${SCIM_PATCH}]`, 'invalidValue');
      const ops = body.Operations as unknown;
      if (!Array.isArray(ops) || ops.length === 0)
        return scimError(400, 'Operations must be a non-empty array', 'invalidValue');
      const changes: Record<string, unknown> = {};
      for (const op of ops as Array<{ op?: string; path?: string; value?: unknown }>) {
        const kind = String(op.op ?? '').toLowerCase();
        if (kind !== 'replace' && kind !== 'add')
          return scimError(400, `Unsupported PATCH op ${op.op}`, 'invalidValue');
        if (!op.path) {
          if (op.value && typeof op.value === 'object') Object.assign(changes, op.value);
          else return scimError(400, 'A PATCH op without path needs an object value', 'invalidValue');
        } else changes[op.path] = op.value;
      }
      return this.applyScimChanges(u, token, changes, false);
    }
    return scimError(405, `${call.method} is not supported on /Users/{id}`);
  }

  private applyScimChanges(u: DemoUser, token: TokenRecord, c: Record<string, unknown>, full: boolean): ApiResponse {
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    let active: boolean | undefined;
    if ('active' in c) {
      const v = c.active;
      if (typeof v === 'boolean') active = v;
      else if (v === 'true' || v === 'false' || v === 'True' || v === 'False')
        active = String(v).toLowerCase() === 'true';
      else return scimError(400, 'active must be a boolean', 'invalidValue');
    } else if (full) active = u.active;
    const userName = str(c.userName);
    if (userName && userName.toLowerCase() !== u.email.toLowerCase()) {
      if (this.org.users.some((o) => o !== u && o.email.toLowerCase() === userName.toLowerCase()))
        return scimError(409, 'userName is already taken', 'uniqueness');
    }
    const name = (c.name ?? {}) as Record<string, unknown>;
    const given = str(name.givenName) ?? str(c['name.givenName']);
    const family = str(name.familyName) ?? str(c['name.familyName']);
    if (given) u.givenName = given;
    if (family) u.familyName = family;
    if (given || family) u.name = `${u.givenName} ${u.familyName}`;
    const display = str(c.displayName);
    if (display) u.name = display;
    if (str(c.title) !== undefined) u.title = str(c.title)!;
    if (str(c.externalId)) u.externalId = str(c.externalId)!;
    const ent = (c[SCIM_ENTERPRISE] ?? {}) as Record<string, unknown>;
    const dept = str(ent.department) ?? str(c[`${SCIM_ENTERPRISE}:department`]);
    if (dept) u.department = dept;
    const term = (c[SCIM_TERM] ?? {}) as Record<string, unknown>;
    const termDate = term.termDate ?? c[`${SCIM_TERM}:termDate`];
    if (typeof termDate === 'number') u.termDate = termDate;
    const auth = (c[SCIM_AUTH] ?? {}) as Record<string, unknown>;
    const method = str(auth.authMethod) ?? str(c[`${SCIM_AUTH}:authMethod`]);
    if (method === 'sso' || method === 'password') u.authMethod = method;
    if (userName && userName !== u.email) {
      u.email = userName;
      this.org.principalNames[u.index] = u.name;
    }
    this.org.principalNames[u.index] = u.name;
    u.updated = Math.floor(this.opts.clock());
    if (active !== undefined && active !== u.active) this.setActive(u.index, active, token.actor);
    return this.scimJson(200, this.scimUser(u));
  }

  // ---------- /_demo inspection API (tests and the demo UI only) ----------

  inspectionHandlers?: {
    groundTruthIds(sinceMs?: number, untilMs?: number): string[];
    incidentsDoc(): unknown;
    stats(): unknown;
  };

  private inspection(call: ApiCall, path: string): ApiResponse {
    const q = call.url.searchParams;
    const body = (): Record<string, unknown> => {
      if (!call.body) return {};
      try {
        return JSON.parse(call.body);
      } catch {
        throw new HttpError(json(400, { error: 'body must be JSON' }));
      }
    };
    const m = call.method;
    if (path === '/_demo' || path === '/_demo/') {
      return json(200, {
        about: 'Demo community inspection API (tests and the demo UI only; not part of Workplace).',
        endpoints: [
          'GET /_demo/messages',
          'GET /_demo/users/{id}',
          'POST /_demo/users/{id}/login-attempt',
          'GET /_demo/incidents',
          'GET /_demo/ground-truth?since=ms&until=ms',
          'GET|POST|DELETE /_demo/faults',
          'POST /_demo/tokens',
          'POST /_demo/tokens/revoke',
          'POST /_demo/tokens/expire',
          'POST /_demo/live-tick',
          'GET /_demo/stats',
        ],
      });
    }
    if (path === '/_demo/messages' && m === 'GET') {
      const r = q.get('recipient');
      return json(200, { data: this.messages.filter((x) => !r || x.recipientId === r) });
    }
    const userPath = /^\/_demo\/users\/(\d+)(\/login-attempt)?$/.exec(path);
    if (userPath) {
      const i = this.org.usersById.get(userPath[1]);
      if (i === undefined) return json(404, { error: 'unknown user' });
      if (userPath[2] && m === 'POST') {
        const b = body();
        return json(
          200,
          this.simulateLogin(i, {
            ip: typeof b.ip === 'string' ? b.ip : undefined,
            success: b.success === false ? false : undefined,
          }),
        );
      }
      if (!userPath[2] && m === 'GET') return json(200, this.userState(i));
    }
    if (path === '/_demo/incidents' && m === 'GET') return json(200, this.inspectionHandlers?.incidentsDoc() ?? {});
    if (path === '/_demo/stats' && m === 'GET') return json(200, this.inspectionHandlers?.stats() ?? {});
    if (path === '/_demo/ground-truth' && m === 'GET') {
      const s = q.get('since');
      const u = q.get('until');
      const ids = this.inspectionHandlers?.groundTruthIds(s ? Number(s) : undefined, u ? Number(u) : undefined) ?? [];
      return json(200, { count: ids.length, ids });
    }
    if (path === '/_demo/faults') {
      if (m === 'GET') return json(200, { faults: this.faults, counters: this.counters });
      if (m === 'DELETE') {
        this.resetFaults();
        return json(200, { faults: this.faults });
      }
      if (m === 'POST' || m === 'PUT') {
        try {
          this.setFaults(body() as Partial<FaultConfig>);
        } catch (err) {
          if (err instanceof HttpError) throw err;
          return json(400, { error: (err as Error).message });
        }
        return json(200, { faults: this.faults });
      }
    }
    if (path === '/_demo/tokens' && m === 'POST') {
      const b = body();
      const kind = b.kind === 'client_credentials' || b.kind === 'consent' ? b.kind : 'integration';
      const perms = Array.isArray(b.permissions) ? b.permissions.map(String) : ALL_PERMISSIONS;
      const bad = perms.filter((p) => !isPermission(p));
      if (bad.length) return json(400, { error: `unknown permissions: ${bad.join(', ')}` });
      const rec = this.tokens.issue(kind, {
        permissions: perms as Permission[],
        ttlSec: typeof b.ttlSec === 'number' ? b.ttlSec : null,
        actor: kind === 'consent' ? this.org.connectedAdmin : this.org.integrationUser,
      });
      return json(200, {
        access_token: rec.token,
        kind: rec.kind,
        permissions: [...rec.permissions],
        expiresAt: rec.expiresAt,
      });
    }
    const tokenOp = /^\/_demo\/tokens\/(revoke|expire)$/.exec(path);
    if (tokenOp && m === 'POST') {
      const t = String(body().token ?? '');
      const ok = tokenOp[1] === 'revoke' ? this.tokens.revoke(t) : this.tokens.expire(t);
      return json(ok ? 200 : 404, { ok });
    }
    if (path === '/_demo/live-tick' && m === 'POST') return json(200, { eventId: this.liveTick() });
    return json(404, { error: `unknown inspection path ${m} ${path}` });
  }

  userState(i: number): Record<string, unknown> {
    const u = this.org.users[i];
    const st = this.state(i);
    return {
      id: u.id,
      email: u.email,
      name: u.name,
      active: u.active,
      suspended: !u.active,
      administrator: u.administrator,
      deactivateTime: u.deactivateTime,
      termDate: u.termDate,
      signedIn: st.signedIn,
      forcedLogouts: st.forcedLogouts,
      lastForcedLogoutAt: st.lastForcedLogoutAt,
      deleted: st.deleted,
      messages: this.messages.filter((m) => m.recipientId === u.id).length,
    };
  }

  eventIdsBetween(sinceSec?: number, untilSec?: number): string[] {
    const s = this.org.store;
    const lo = sinceSec !== undefined ? s.lowerBound(sinceSec) : 0;
    const hi = untilSec !== undefined ? s.upperBound(untilSec) : s.length;
    const out: string[] = new Array(Math.max(0, hi - lo));
    for (let i = lo; i < hi; i++) out[i - lo] = eventIdOf(this.org.idPrefix, i);
    return out;
  }

  eventById(id: string): Record<string, unknown> | null {
    const i = indexOfEventId(this.org.idPrefix, id);
    if (i === null || i >= this.org.store.length) return null;
    return JSON.parse(this.formatter.eventJson(i, null, 'unix')) as Record<string, unknown>;
  }
}
