// Completes the demo community's consent dialog over plain HTTP — GET the page, choose
// "All groups", press "Add" — so the CLI, the browser host and tests can connect through the
// real consent + code exchange path without a window. Only for the demo: a real Workplace
// dialog needs a person.
import { GuardError } from '../runtime/errors';
import { readRedirect, type ConsentFlow } from './consent';

/** Default redirect: never listened on; the flow reads the Location header instead of following it. */
export const AUTO_CONSENT_REDIRECT = 'http://127.0.0.1/workplace-guard/consent-callback';

interface FormField {
  tag: 'input' | 'select' | 'button' | 'textarea';
  type: string;
  name: string | null;
  value: string;
  checked: boolean;
  label: string;
  options: { value: string; label: string; selected: boolean }[];
}

interface HtmlForm {
  method: string;
  action: string;
  fields: FormField[];
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  if (!m) return new RegExp(`\\s${name}(?=[\\s>/])`, 'i').test(tag) ? '' : null;
  return decode(m[1] ?? m[2] ?? m[3] ?? '');
}

function decode(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&');
}

const stripTags = (s: string) =>
  decode(s.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();

export function parseForms(html: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const fm of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const open = `<form${fm[1]}>`;
    const body = fm[2];
    const labels = new Map<string, string>();
    for (const lm of body.matchAll(/<label\b([^>]*)>([\s\S]*?)<\/label>/gi)) {
      const forId = attr(`<label${lm[1]}>`, 'for');
      if (forId) labels.set(forId, stripTags(lm[2]));
    }
    const fields: FormField[] = [];
    const re = /<(input|button|select|textarea)\b([^>]*)>(?:([\s\S]*?)<\/\1>)?/gi;
    for (const m of body.matchAll(re)) {
      const tag = m[1].toLowerCase() as FormField['tag'];
      const t = `<${tag}${m[2]}>`;
      const inner = tag === 'input' ? '' : (m[3] ?? '');
      const idAttr = attr(t, 'id');
      // A label wrapping the input: take the text right after it up to the next tag boundary.
      const after = body.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 200);
      const wrapped = stripTags(after.split(/<\/label>|<input|<br|<\/p>|<\/div>/i)[0] ?? '');
      const options =
        tag === 'select'
          ? [...inner.matchAll(/<option\b([^>]*)>([\s\S]*?)(?=<option\b|$)/gi)].map((o) => {
              const ot = `<option${o[1]}>`;
              const label = stripTags(o[2].replace(/<\/option>[\s\S]*/i, ''));
              return { value: attr(ot, 'value') ?? label, label, selected: attr(ot, 'selected') !== null };
            })
          : [];
      fields.push({
        tag,
        type: (attr(t, 'type') ?? (tag === 'button' ? 'submit' : 'text')).toLowerCase(),
        name: attr(t, 'name'),
        value: attr(t, 'value') ?? (tag === 'button' || tag === 'textarea' ? stripTags(inner) : ''),
        checked: attr(t, 'checked') !== null,
        label: (idAttr && labels.get(idAttr)) || (tag === 'button' ? stripTags(inner) : wrapped),
        options,
      });
    }
    forms.push({ method: (attr(open, 'method') ?? 'GET').toUpperCase(), action: attr(open, 'action') ?? '', fields });
  }
  return forms;
}

const ALL_GROUPS = /all\s*groups/i;
const ADD = /\badd\b|install|allow|continue|approve/i;

/** Fills a consent form the way an admin would: every hidden field, "All groups", then "Add". */
export function fillConsentForm(form: HtmlForm): URLSearchParams {
  const data = new URLSearchParams();
  const radiosByName = new Map<string, FormField[]>();
  for (const f of form.fields) {
    if (!f.name) continue;
    if (f.type === 'radio') radiosByName.set(f.name, [...(radiosByName.get(f.name) ?? []), f]);
    else if (f.tag === 'select') {
      const pick =
        f.options.find((o) => ALL_GROUPS.test(o.label) || ALL_GROUPS.test(o.value)) ??
        f.options.find((o) => o.selected) ??
        f.options[0];
      if (pick) data.append(f.name, pick.value);
    } else if (f.type === 'checkbox') {
      if (f.checked || ALL_GROUPS.test(f.label) || ALL_GROUPS.test(f.value)) data.append(f.name, f.value || 'on');
    } else if (f.type !== 'submit' && f.type !== 'button' && f.type !== 'reset' && f.type !== 'image') {
      data.append(f.name, f.value);
    }
  }
  for (const [name, radios] of radiosByName) {
    const pick =
      radios.find((r) => ALL_GROUPS.test(r.label) || ALL_GROUPS.test(r.value)) ??
      radios.find((r) => r.checked) ??
      radios[0];
    data.append(name, pick.value || 'on');
  }
  const submits = form.fields.filter((f) => f.type === 'submit' || f.type === 'image');
  const submit =
    submits.find((s) => ADD.test(s.label) || ADD.test(s.value)) ??
    submits.find((s) => !/cancel|deny/i.test(s.label + s.value));
  if (submit?.name) data.append(submit.name, submit.value);
  return data;
}

export function createDemoAutoConsentFlow(
  opts: { fetch?: typeof fetch; redirectUri?: string; userAgent?: string } = {},
): ConsentFlow {
  const doFetch = opts.fetch ?? fetch;
  const redirectUri = opts.redirectUri ?? AUTO_CONSENT_REDIRECT;
  return {
    async authorize({ buildUrl, timeoutMs, signal }) {
      const timeout = AbortSignal.timeout(timeoutMs);
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
      const redirect = new URL(redirectUri);
      const isRedirect = (u: URL) => u.origin === redirect.origin && u.pathname === redirect.pathname;
      let url = new URL(buildUrl(redirectUri));
      let init: RequestInit = { method: 'GET' };
      const cookies = new Map<string, string>();
      try {
        // A dialog may take a few steps (pick organisation, then groups); each is a form or a redirect.
        for (let step = 0; step < 8; step++) {
          const headers: Record<string, string> = {
            accept: 'text/html',
            'user-agent': opts.userAgent ?? 'WorkplaceGuard-demo-consent',
          };
          if (cookies.size) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
          const res = await doFetch(url, {
            ...init,
            headers: { ...headers, ...(init.headers as Record<string, string>) },
            redirect: 'manual',
            signal: combined,
          });
          for (const c of res.headers.getSetCookie?.() ?? []) {
            const [pair] = c.split(';');
            const eq = pair.indexOf('=');
            if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
          }
          const location = res.headers.get('location');
          if (res.status >= 300 && res.status < 400 && location) {
            await res.body?.cancel();
            const next = new URL(location, url);
            if (isRedirect(next)) return readRedirect(next, redirectUri);
            if (next.origin !== url.origin)
              throw new GuardError('refused', `The consent dialog redirected to an unexpected site (${next.origin}).`);
            url = next;
            init = { method: 'GET' };
            continue;
          }
          const html = await res.text();
          if (res.status >= 400)
            throw new GuardError(
              'refused',
              `The consent dialog failed (HTTP ${res.status}): ${stripTags(html).slice(0, 200)}`,
            );
          const form = parseForms(html).find((f) => f.fields.some((x) => x.type === 'submit' || x.type === 'image'));
          if (!form) throw new GuardError('refused', 'The consent dialog page has no form to complete.');
          const data = fillConsentForm(form);
          const action = new URL(form.action || url.toString(), url);
          if (action.origin !== url.origin)
            throw new GuardError('refused', `The consent form posts to an unexpected site (${action.origin}).`);
          if (form.method === 'POST') {
            url = action;
            init = {
              method: 'POST',
              body: data.toString(),
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
            };
          } else {
            for (const [k, v] of data) action.searchParams.append(k, v);
            url = action;
            init = { method: 'GET' };
          }
        }
        throw new GuardError('refused', 'The consent dialog did not finish after 8 steps.');
      } catch (err) {
        if (err instanceof GuardError) throw err;
        if (timeout.aborted) throw new GuardError('refused', 'Consent timed out; nothing was connected.');
        if (signal?.aborted) throw new GuardError('refused', 'Consent was cancelled.');
        throw new GuardError(
          'refused',
          `Could not complete the demo consent: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    },
  };
}
