// Every Workplace call goes through here: auth headers, appsecret_proof, usage-based
// slow-down, retries with jittered exponential backoff, deadlines (see bounded-fetch.ts),
// redirects decided rather than followed (redirects.ts), and error classification. Delays go
// through an injectable `sleep` so tests exercise the waits without waiting.
import { appsecretProof } from './appsecret-proof';
import { WorkplaceApiError, classifyGraphError, readErrorBody } from './api-error';
import { jsonText } from './json-text';
import { boundedExchange, OversizeError, StalledError, type Exchange } from './bounded-fetch';
import type { Credentials } from './credentials';
import { decideRedirect, isRedirect, MAX_REDIRECTS } from './redirects';
import { readUsage, throttleDelayMs, type Usage } from './usage';

export { SECRET_PARAMS, redactUrl } from './secret-params';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface RetryPolicy {
  /** Attempts for transient failures (1/2/5xx/network/malformed JSON), including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Rate-limit waits before giving up. */
  maxRateLimitWaits: number;
  /** Longest single rate-limit wait; longer estimates are capped (then retried). */
  maxRateLimitWaitMs: number;
  /** Pause at 100 % usage; scales down linearly to 80 %. */
  maxThrottleMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRateLimitWaits: 6,
  maxRateLimitWaitMs: 15 * 60_000,
  maxThrottleMs: 5_000,
};

export interface HttpOptions {
  credentials: Credentials;
  userAgent: string;
  fetch?: typeof fetch;
  retry?: Partial<RetryPolicy>;
  sleep?: Sleep;
  random?: () => number;
  now?: () => number;
  /** Connect + headers deadline, and the longest silence mid-body (default 30 s). */
  timeoutMs?: number;
  /** Largest response body accepted (default 64 MB). */
  maxBodyBytes?: number;
  /** Same-origin redirect hops followed before giving up (default 3). */
  maxRedirects?: number;
  /** Told about every wait — what for and until when (for the sync progress, logs and tests). */
  onWait?: (info: WaitInfo) => void;
}

export type WaitReason = 'retry' | 'rate_limited' | 'throttle';

export interface WaitInfo {
  reason: WaitReason;
  ms: number;
  /** Epoch ms when the wait ends (by the client's clock). */
  until: number;
  /** The call waiting, without its query (no secrets): `GET https://host/path`. */
  url: string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface JsonResponse {
  body: unknown;
  status: number;
  usage: Usage;
}

export const abortableSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? abortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export function abortError(): Error {
  const err = new Error('The operation was cancelled.');
  err.name = 'AbortError';
  return err;
}

export function isAbort(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError');
}

export class WorkplaceHttp {
  private readonly retry: RetryPolicy;
  private readonly sleep: Sleep;
  private readonly random: () => number;
  private readonly now: () => number;
  /** Earliest time the next call may go out (usage-based slow-down / rate-limit block). */
  private notBefore = 0;
  lastUsage: Usage = { maxPercent: 0, regainAfterMs: 0 };
  /** The wait in progress, if any (what the client is waiting for and until when). */
  waiting: WaitInfo | null = null;

  constructor(private readonly opts: HttpOptions) {
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.sleep = opts.sleep ?? abortableSleep;
    this.random = opts.random ?? Math.random;
    this.now = opts.now ?? Date.now;
  }

  get credentials(): Credentials {
    return this.opts.credentials;
  }

  getJson(url: URL, signal?: AbortSignal): Promise<JsonResponse> {
    return this.request('GET', url, undefined, signal);
  }

  postJson(url: URL, body: unknown, signal?: AbortSignal): Promise<JsonResponse> {
    return this.request('POST', url, body, signal);
  }

  /** SCIM writes (governance): PATCH and PUT with a JSON body, through the same retries and limits. */
  sendJson(method: 'PATCH' | 'PUT', url: URL, body: unknown, signal?: AbortSignal): Promise<JsonResponse> {
    return this.request(method, url, body, signal);
  }

  private backoff(attempt: number): number {
    const exp = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** attempt);
    return Math.round(exp / 2 + this.random() * (exp / 2)); // "equal jitter": never zero, never synchronised
  }

  private async wait(reason: WaitReason, ms: number, where: string, signal?: AbortSignal) {
    if (ms <= 0) return;
    const info: WaitInfo = { reason, ms, until: this.now() + ms, url: where };
    this.waiting = info;
    this.opts.onWait?.(info);
    try {
      await this.sleep(ms, signal);
    } finally {
      if (this.waiting === info) this.waiting = null;
    }
  }

  private async request(
    firstMethod: 'GET' | 'POST' | 'PATCH' | 'PUT',
    firstUrl: URL,
    body: unknown,
    signal?: AbortSignal,
  ): Promise<JsonResponse> {
    let transientFailures = 0;
    let rateLimitWaits = 0;
    let renewed = false;
    let hops = 0;
    let method = firstMethod;
    let url = firstUrl;
    const limits = {
      timeoutMs: this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBodyBytes: this.opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    };
    for (;;) {
      const where = `${method} ${url.origin}${url.pathname}`;
      signal?.throwIfAborted();
      const pause = this.notBefore - this.now();
      if (pause > 0) await this.wait('throttle', pause, where, signal);

      const token = await this.opts.credentials.token(signal);
      const target = new URL(url);
      if (this.opts.credentials.proofSecret) {
        const time = Math.floor(this.now() / 1000);
        target.searchParams.set('appsecret_proof', appsecretProof(token, this.opts.credentials.proofSecret, time));
        target.searchParams.set('appsecret_time', String(time));
      }
      const headers: Record<string, string> = {
        authorization: `Bearer ${token}`,
        'user-agent': this.opts.userAgent,
        accept: 'application/json',
      };
      const sendBody = method !== 'GET' && body !== undefined;
      if (sendBody) headers['content-type'] = 'application/json';

      let res: Exchange;
      try {
        res = await boundedExchange(
          this.opts.fetch ?? fetch,
          target,
          { method, headers, body: sendBody ? JSON.stringify(body) : undefined },
          limits,
          signal,
        );
      } catch (err) {
        if (signal?.aborted) throw signal.reason ?? err;
        if (isAbort(err) && !(err instanceof StalledError)) throw err;
        if (refusedLocally(err)) {
          // fetch itself would not send it (a URL with credentials, a bad header): no retry helps.
          throw new WorkplaceApiError('client', `Could not send ${where}: ${(err as Error).message.slice(0, 200)}`, {
            httpStatus: null,
            code: null,
            subcode: null,
            url: where,
          });
        }
        if (err instanceof OversizeError) {
          // Fetching it again would only fetch it again: not retried.
          throw new WorkplaceApiError(
            'malformed',
            `Workplace sent an oversized response for ${where}: ${err.message}`,
            {
              httpStatus: null,
              code: null,
              subcode: null,
              url: where,
            },
          );
        }
        transientFailures++;
        if (transientFailures >= this.retry.maxAttempts) {
          throw new WorkplaceApiError(
            'transient',
            `Could not reach Workplace (${where}) after ${transientFailures} attempts: ${describeNetworkError(err)}`,
            { httpStatus: null, code: null, subcode: null, url: where },
          );
        }
        await this.wait('retry', this.backoff(transientFailures - 1), where, signal);
        continue;
      }

      if (isRedirect(res.status)) {
        const d = decideRedirect(
          url,
          method,
          res.status,
          res.headers.get('location'),
          hops,
          this.opts.maxRedirects ?? MAX_REDIRECTS,
        );
        if (!d.ok) {
          throw new WorkplaceApiError('redirect', `Refused a redirect: ${d.reason}.`, {
            httpStatus: res.status,
            code: null,
            subcode: null,
            url: where,
          });
        }
        hops++;
        url = d.url;
        method = d.method;
        continue;
      }

      const usage = readUsage(res.headers);
      this.lastUsage = usage;
      const slow = throttleDelayMs(usage, this.retry.maxThrottleMs);
      if (slow > 0)
        this.notBefore = Math.max(this.notBefore, this.now() + Math.min(slow, this.retry.maxRateLimitWaitMs));

      let json: unknown;
      let parsed = true;
      try {
        json = res.bytes.length === 0 ? null : JSON.parse(jsonText(res.bytes));
      } catch {
        parsed = false;
      }

      const errBody = parsed ? readErrorBody(json) : null;
      // Redirects were handled above; any other 3xx is as much a failure as a 4xx.
      const failed = res.status >= 300;
      if (!failed && parsed) return { body: json, status: res.status, usage };

      const kind = failed ? classifyGraphError(res.status, errBody) : 'malformed';
      const detail = {
        httpStatus: res.status,
        code: typeof errBody?.code === 'number' ? errBody.code : null,
        subcode: typeof errBody?.error_subcode === 'number' ? errBody.error_subcode : null,
        url: where,
        fbtraceId: errBody?.fbtrace_id ?? null,
      };
      const message = errBody?.message
        ? `${String(errBody.message).slice(0, 300)}${detail.code !== null ? ` (code ${detail.code})` : ''}`
        : `HTTP ${res.status}`;

      if (kind === 'token') {
        // One renewal (app credentials), never a retry storm against a dead token.
        if (!renewed && (await this.opts.credentials.renew(signal))) {
          renewed = true;
          continue;
        }
        throw new WorkplaceApiError('token', message, detail);
      }
      if (kind === 'rate_limited') {
        rateLimitWaits++;
        if (rateLimitWaits > this.retry.maxRateLimitWaits) {
          throw new WorkplaceApiError(
            'rate_limited',
            `still rate-limited after ${rateLimitWaits - 1} waits: ${message}`,
            detail,
          );
        }
        const retryAfter = Number(res.headers.get('retry-after')) * 1000;
        const estimate = Math.max(usage.regainAfterMs, Number.isFinite(retryAfter) ? retryAfter : 0);
        const ms = Math.min(estimate > 0 ? estimate : this.backoff(rateLimitWaits + 2), this.retry.maxRateLimitWaitMs);
        this.notBefore = Math.max(this.notBefore, this.now() + ms);
        await this.wait('rate_limited', ms, where, signal);
        continue;
      }
      if (kind === 'transient' || kind === 'malformed') {
        transientFailures++;
        if (transientFailures >= this.retry.maxAttempts) {
          const why =
            kind === 'malformed'
              ? `Workplace returned a malformed response (not JSON) for ${where} ${transientFailures} times in a row`
              : `Workplace kept failing (${message}) for ${where} after ${transientFailures} attempts`;
          throw new WorkplaceApiError(kind, why, detail);
        }
        await this.wait('retry', this.backoff(transientFailures - 1), where, signal);
        continue;
      }
      throw new WorkplaceApiError(kind, message, detail);
    }
  }
}

/** fetch's own refusal to build the request, as opposed to a network failure ("fetch failed", with a cause). */
function refusedLocally(err: unknown): boolean {
  return err instanceof TypeError && (err as { cause?: unknown }).cause === undefined;
}

function describeNetworkError(err: unknown): string {
  if (err instanceof StalledError || err instanceof OversizeError) return err.message;
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return cause.code;
  return err instanceof Error ? err.message : String(err);
}
