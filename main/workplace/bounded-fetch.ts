// One HTTP exchange with limits the server cannot talk its way past: a deadline for the
// connection and the response headers, an idle deadline between body chunks (a server that
// stalls mid-body), a cap on the body size, and redirects never followed by fetch itself (the
// caller decides, see redirects.ts). Without these a silent server hangs a sync, and every
// scheduled sync queued behind it, for as long as the socket stays open.

export interface ExchangeLimits {
  /** Longest wait for the connection and headers, and longest silence between body chunks. */
  timeoutMs: number;
  /** Larger bodies are cut off: a page of audit events is a few MB, never hundreds. */
  maxBodyBytes: number;
}

export interface Exchange {
  status: number;
  headers: Headers;
  /** The body as received (undecoded: the caller knows whether it is JSON, see json-text.ts). */
  bytes: Buffer;
}

/** The server went quiet for longer than the limit (a retryable, transient failure). */
export class StalledError extends Error {
  constructor(
    readonly phase: 'headers' | 'body',
    readonly afterMs: number,
  ) {
    super(
      phase === 'headers'
        ? `no answer within ${Math.round(afterMs / 100) / 10} s`
        : `the response stalled mid-body for ${Math.round(afterMs / 100) / 10} s`,
    );
    this.name = 'StalledError';
  }
}

/** The body exceeded `maxBodyBytes`. */
export class OversizeError extends Error {
  constructor(readonly limit: number) {
    super(`the response is larger than ${Math.round(limit / 1048576)} MB`);
    this.name = 'OversizeError';
  }
}

export async function boundedExchange(
  fetchFn: typeof fetch,
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: string },
  limits: ExchangeLimits,
  signal?: AbortSignal,
): Promise<Exchange> {
  signal?.throwIfAborted();
  const attempt = new AbortController();
  const onOuterAbort = () => attempt.abort(signal?.reason);
  signal?.addEventListener('abort', onOuterAbort, { once: true });
  let stalled: StalledError | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (phase: 'headers' | 'body') => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = new StalledError(phase, limits.timeoutMs);
      attempt.abort(stalled);
    }, limits.timeoutMs);
  };
  try {
    arm('headers');
    const res = await fetchFn(url, { ...init, redirect: 'manual', signal: attempt.signal });
    arm('body');
    const bytes = await readBody(res, limits.maxBodyBytes, () => arm('body'));
    return { status: res.status, headers: res.headers, bytes };
  } catch (err) {
    // Our own deadline, not the caller's cancellation: report it as a stall (retryable).
    if (stalled && !signal?.aborted) throw stalled;
    throw err;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onOuterAbort);
    if (!attempt.signal.aborted) attempt.abort(); // releases the socket if the body was left unread
  }
}

async function readBody(res: Response, maxBytes: number, onChunk: () => void): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new OversizeError(maxBytes);
    }
    chunks.push(value);
    onChunk();
  }
  return Buffer.concat(chunks, size);
}
