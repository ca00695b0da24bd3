// Redirects are decided here, never followed blindly: a redirect to another origin would carry
// our query (and a proxy's idea of the API) somewhere we did not ask for — and an empty page
// from there was once trusted as the end of the audit log. Only the origin we called may move
// us, and only a few hops.
import { SECRET_PARAMS } from './secret-params';

export const MAX_REDIRECTS = 3;

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT';

export type RedirectDecision = { ok: true; url: URL; method: HttpMethod } | { ok: false; reason: string };

export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** Where a 3xx may take a request to `from`, or why it may not. */
export function decideRedirect(
  from: URL,
  method: HttpMethod,
  status: number,
  location: string | null,
  hopsSoFar: number,
  maxHops = MAX_REDIRECTS,
): RedirectDecision {
  const here = `${from.origin}${from.pathname}`;
  if (!location) return { ok: false, reason: `HTTP ${status} from ${here} without a Location` };
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    return { ok: false, reason: `HTTP ${status} from ${here} to an unreadable location "${location.slice(0, 120)}"` };
  }
  const target = `${to.origin}${to.pathname}`;
  if (to.origin !== from.origin) {
    return { ok: false, reason: `${here} redirected to another origin (${target}); only the API host is trusted` };
  }
  if (to.username || to.password) {
    return { ok: false, reason: `${here} redirected to a URL carrying credentials (${target})` };
  }
  if (hopsSoFar >= maxHops) {
    return { ok: false, reason: `${here} redirected more than ${maxHops} times (last to ${target})` };
  }
  for (const p of SECRET_PARAMS) to.searchParams.delete(p); // re-signed for the new URL by the caller
  // As fetch does: 303 (and historically 301/302 after a POST) turns the request into a GET.
  const next = status === 307 || status === 308 ? method : 'GET';
  return { ok: true, url: to, method: next };
}
