// The demo community's state and behaviour: the organisation, tokens, consent requests and
// codes, faults, messages and each member's run-time state, plus the events that simulation and
// governance append. Its HTTP surface is router.ts and the route families under routes/.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ALL_PERMISSIONS, TokenRegistry, type AuthCode, type ConsentRequest } from './auth';
import { FILE_NAMES, REASON, T } from './catalog';
import { EventFormatter, type TimestampFormat } from './event-format';
import { DEFAULT_FAULTS, freshCounters, parseFaults, type FaultConfig, type FaultCounters } from './faults';
import type { ApiCall, ApiResponse } from './http-kit';
import { eventIdOf, indexOfEventId } from './ids';
import { Rng, seedFrom } from './prng';
import { dispatch, errorResponse } from './router';
import type { Organisation } from './types';
import { UsageMeter } from './usage-meter';

export type { ApiCall, ApiResponse } from './http-kit';

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
  /** The organisation this server is: its community id and name (Graph `/community`, consent). */
  community: DemoCommunityIdentity;
}

export interface DemoCommunityIdentity {
  id: string;
  name: string;
}

export class DemoCommunity {
  readonly tokens = new TokenRegistry();
  readonly messages: DemoMessage[] = [];
  readonly runtime = new Map<number, UserRuntimeState>();
  faults: FaultConfig = { ...DEFAULT_FAULTS };
  counters: FaultCounters = freshCounters();
  /** Consent dialogs shown and not yet answered, by request id (routes/consent.ts). */
  readonly consentRequests = new Map<string, ConsentRequest>();
  /** One-time consent codes, by code (routes/tokens.ts). */
  readonly codes = new Map<string, AuthCode>();
  readonly formatter: EventFormatter;
  readonly usage: UsageMeter;
  private readonly liveRng: Rng;
  private defaultTimestampFormat: TimestampFormat = 'unix';

  constructor(
    readonly org: Organisation,
    readonly opts: CommunityOptions,
  ) {
    this.formatter = new EventFormatter(org);
    this.usage = new UsageMeter(opts.callBudgetPerHour, opts.community.id);
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
      response = await dispatch(this, call, false);
    } catch (err) {
      response = errorResponse(err);
    }
    if (!res.headersSent) {
      res.writeHead(response.status, { ...response.headers, 'content-length': Buffer.byteLength(response.body) });
      res.end(response.body);
    }
  }

  dispatch(call: ApiCall, inBatch: boolean): Promise<ApiResponse> {
    return dispatch(this, call, inBatch);
  }

  // ---------- /_demo inspection (tests and the demo UI only) ----------

  inspectionHandlers?: {
    groundTruthIds(sinceMs?: number, untilMs?: number): string[];
    incidentsDoc(): unknown;
    stats(): unknown;
  };

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
