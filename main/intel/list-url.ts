// Where an IP list may be downloaded from: https anywhere, plain http only on this machine
// (a local mirror, the tests' server). A list decides which sign-ins look hostile, so one
// fetched in clear text over a network could be swapped by anyone on the path. Checked when the
// admin sets a URL and again before each fetch (the settings file can be edited by hand).
import { isIP } from 'node:net';

const MAX_URL_CHARS = 2048;

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1';
  return false;
}

/** Why `url` cannot be a list's download address, or null when it can. */
export function listUrlProblem(url: string): string | null {
  if (url.length > MAX_URL_CHARS) return `a list URL is at most ${MAX_URL_CHARS} characters`;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `"${url.slice(0, 80)}" is not a URL`;
  }
  if (u.username || u.password) return `${u.host}: a list URL must not carry a user name or password`;
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:') {
    return isLoopbackHost(u.hostname)
      ? null
      : `${u.host}: plain http is only allowed on this machine (localhost); use https`;
  }
  return `${u.protocol} URLs cannot be fetched; use https`;
}

/** The URL, or an Error saying what is wrong with it. */
export function checkListUrl(url: string): string {
  const problem = listUrlProblem(url);
  if (problem) throw new Error(problem);
  return url;
}
