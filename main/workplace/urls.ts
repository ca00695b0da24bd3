// The four Workplace / Meta Admin Center hosts. Every one is overridable (a proxy, a successor
// host, or the bundled demo community), and one `apiBase` sets all four because their paths
// never collide.
import { GuardError } from '../runtime/errors';

export interface WorkplaceUrls {
  /** Graph: members, logout, messages, token exchange. */
  graph: string;
  /** SCIM 2.0. */
  scim: string;
  /** Admin Center Graph: security audit logs, client-credentials token. */
  audit: string;
  /** Consent dialog host. */
  dialog: string;
}

export const DEFAULT_URLS: Readonly<WorkplaceUrls> = Object.freeze({
  graph: 'https://graph.workplace.com',
  scim: 'https://scim.workplace.com',
  audit: 'https://graph.work.meta.com',
  dialog: 'https://work.workplace.com',
});

function cleanBase(name: string, value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new GuardError('invalid_input', `The ${name} URL "${value.slice(0, 200)}" is not a valid URL.`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new GuardError('invalid_input', `The ${name} URL must start with https:// (or http:// for a local server).`);
  }
  // Plain HTTP would send the admin's token readable to anyone on the path; only this machine's
  // loopback (the demo community, a local proxy) is exempt.
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
    throw new GuardError(
      'invalid_input',
      `The ${name} URL uses plain http:// for ${parsed.hostname}: use https:// (http:// is allowed only for ` +
        'localhost / 127.0.0.1 / [::1]).',
    );
  }
  if (parsed.username || parsed.password) {
    throw new GuardError('invalid_input', `The ${name} URL must not contain a user name or password.`);
  }
  parsed.search = '';
  parsed.hash = '';
  return parsed.toString().replace(/\/+$/, '');
}

/** localhost, 127.0.0.0/8 or ::1 — addresses that never leave this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export function resolveUrls(
  opts: { apiBase?: string | null; urls?: Partial<WorkplaceUrls> | null } = {},
): WorkplaceUrls {
  const base = opts.apiBase ? cleanBase('API base', opts.apiBase) : null;
  const pick = (key: keyof WorkplaceUrls) => {
    const explicit = opts.urls?.[key];
    if (explicit) return cleanBase(key, explicit);
    return base ?? DEFAULT_URLS[key];
  };
  return { graph: pick('graph'), scim: pick('scim'), audit: pick('audit'), dialog: pick('dialog') };
}

/** `base` + `path` + query, skipping undefined/null values. */
export function apiUrl(
  base: string,
  path: string,
  query: Record<string, string | number | null | undefined> = {},
): URL {
  const url = new URL(base.replace(/\/+$/, '') + path);
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
  return url;
}
