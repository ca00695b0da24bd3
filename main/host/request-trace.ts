// What the host writes about a request it refused or failed: method, path, Origin and Host —
// enough to tell a stray <img> from a rebinding attempt. Never a header that carries the
// secret, never the query or fragment (a launch URL carries its token there), and every
// field bounded and escaped, because all of it comes from whoever sent the request.
import type { IncomingMessage } from 'node:http';

const MAX_FIELD_CHARS = 120;

/** Printable ASCII only, bounded: a hostile target cannot forge log lines or flood them. */
export function printable(value: string, max = MAX_FIELD_CHARS): string {
  const clean = value.replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0').slice(-2)}`);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** The path part of a raw request target, without query or fragment. */
export function pathOnly(target: string | undefined): string {
  if (!target) return '(none)';
  const cut = target.search(/[?#]/);
  return cut === -1 ? target : target.slice(0, cut);
}

export function describeRequest(req: IncomingMessage): string {
  const shown = (value: string | undefined) => (value === undefined ? 'none' : printable(value));
  const request = `${printable(req.method ?? '?', 16)} ${printable(pathOnly(req.url))}`;
  return `${request} (Origin: ${shown(req.headers.origin)}, Host: ${shown(req.headers.host)})`;
}
