// Downloading one list body: bounded in time and size, text only, from https (or loopback
// http) — also after redirects. Anything else is an error with a message a person can act on;
// the caller keeps the previous copy.
import { checkListUrl, listUrlProblem } from './list-url';

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = { timeoutMs: 30_000, maxBytes: 8 * 1024 * 1024 };

export async function fetchListBody(url: string, limits: FetchLimits = DEFAULT_FETCH_LIMITS): Promise<string> {
  const u = new URL(checkListUrl(url));
  let res: Response;
  try {
    res = await fetch(u, {
      signal: AbortSignal.timeout(limits.timeoutMs),
      headers: { 'user-agent': 'WorkplaceGuard/1 (IP list refresh)', accept: 'text/plain, application/json, */*' },
      redirect: 'follow',
    });
  } catch (err) {
    const e = err as Error;
    const why = e.name === 'TimeoutError' ? `no answer within ${limits.timeoutMs / 1000} s` : e.message;
    throw new Error(`${u.host}: ${why}`, { cause: err });
  }
  // A redirect may not leave https for clear text on the network.
  const landed = res.url ? listUrlProblem(res.url) : null;
  if (landed) {
    await res.body?.cancel().catch(() => undefined);
    throw new Error(`${u.host} redirected to a URL that is not allowed (${landed})`);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new Error(`${u.host} answered HTTP ${res.status}`);
  }
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > limits.maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new Error(`${u.host}: the list is ${declared} bytes, more than the ${limits.maxBytes} allowed`);
  }
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limits.maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new Error(`${u.host}: the list is larger than the ${limits.maxBytes} bytes allowed`);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}
