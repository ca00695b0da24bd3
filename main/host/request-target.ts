// The request target as the host may use it. Anyone on this machine, and any web page (an
// <img> is enough), can send a target the URL parser or decodeURIComponent throws on; here
// every such target becomes a refusal with a reason instead of an exception.
export const MAX_TARGET_CHARS = 2048;

export type RequestTarget =
  | {
      ok: true;
      /** The pathname as sent (still percent-encoded): API routes match on this. */
      pathname: string;
      /** The pathname decoded: static files are looked up with this. */
      decodedPath: string;
    }
  | { ok: false; reason: string };

const ABSOLUTE_FORM = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

export function parseRequestTarget(raw: string | undefined, origin: string): RequestTarget {
  if (!raw) return { ok: false, reason: 'empty target' };
  if (raw.length > MAX_TARGET_CHARS) return { ok: false, reason: `target over ${MAX_TARGET_CHARS} characters` };
  const absolute = ABSOLUTE_FORM.test(raw);
  // Origin-form ('/path') is what browsers send; absolute-form is legal HTTP but only for us.
  if (!absolute && !raw.startsWith('/')) return { ok: false, reason: 'target is neither a path nor a URL' };
  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return { ok: false, reason: 'malformed URL' };
  }
  if (absolute && url.origin !== origin) return { ok: false, reason: 'absolute-form target for another origin' };
  let decodedPath: string;
  try {
    decodedPath = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, reason: 'malformed percent-escape' };
  }
  if (decodedPath.includes('\0')) return { ok: false, reason: 'NUL byte in the path' };
  return { ok: true, pathname: url.pathname, decodedPath };
}
