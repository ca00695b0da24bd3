// The screen and its state as a URL fragment: `#/activity?user=alice&type=LOGIN`. A fragment
// works the same under file://, the app:// protocol and the browser host, survives a reload,
// and can be pasted. The fragment is typed by anyone (a pasted link), so it is bounded and
// validated here, where it enters: an unknown screen or a malformed part is ignored, never thrown.
import { ScreenIdSchema, type ScreenId } from '../../../preload/contract';

export type RouteParams = Record<string, string>;
export type Route = { screen: ScreenId; params: RouteParams };

/** Longer fragments are not ours (or are hostile): they are ignored as a whole. */
export const MAX_FRAGMENT_CHARS = 8192;
const MAX_PARAMS = 32;
const MAX_KEY_CHARS = 64;
/** A filter value longer than this is no filter an admin typed; it is cut, not trusted. */
export const MAX_PARAM_CHARS = 1000;

/** Reads `#/screen?key=value…`; null when the fragment names no screen this console has. */
export function parseRoute(fragment: string): Route | null {
  if (fragment.length > MAX_FRAGMENT_CHARS) return null;
  const m = /^#?\/([a-z-]+)(?:\?(.*))?$/s.exec(fragment);
  if (!m) return null;
  const screen = ScreenIdSchema.safeParse(m[1]);
  if (!screen.success) return null;
  const params: RouteParams = {};
  let count = 0;
  for (const [key, value] of new URLSearchParams(m[2] ?? '')) {
    if (count >= MAX_PARAMS) break;
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(key) || key.length > MAX_KEY_CHARS || key in params) continue;
    params[key] = value.slice(0, MAX_PARAM_CHARS);
    count++;
  }
  return { screen: screen.data, params };
}

/** `#/screen` plus the non-empty params in key order, so one state has one URL. */
export function formatRoute(route: Route): string {
  const query = new URLSearchParams();
  for (const key of Object.keys(route.params).sort()) {
    const value = route.params[key];
    if (value !== '') query.set(key, value);
  }
  const q = query.toString();
  return `#/${route.screen}${q ? `?${q}` : ''}`;
}

export function sameParams(a: RouteParams, b: RouteParams): boolean {
  const ka = Object.keys(a).filter((k) => a[k] !== '');
  const kb = Object.keys(b).filter((k) => b[k] !== '');
  return ka.length === kb.length && ka.every((k) => a[k] === b[k]);
}

/**
 * A flat form (the Activity filter, say) as params: strings as typed, anything else as JSON;
 * fields equal to their empty value are left out. `empty` is the form's shape, so a form that
 * gains a field needs no change here.
 */
export function formToParams<T extends object>(form: T, empty: T): RouteParams {
  const out: RouteParams = {};
  for (const key of Object.keys(empty) as (keyof T & string)[]) {
    const value = form[key];
    if (JSON.stringify(value) === JSON.stringify(empty[key]) || value === undefined) continue;
    out[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return out;
}

/**
 * The form a pasted link describes: `empty` with each known field the params carry, when its
 * value has the field's type (a string where the empty value is a string or null, an array
 * where it is an array…). A value of the wrong type is dropped, so the form keeps its shape.
 */
export function paramsToForm<T extends object>(params: RouteParams, empty: T): T {
  const out = { ...empty } as Record<string, unknown>;
  for (const key of Object.keys(empty)) {
    const raw = params[key];
    if (raw === undefined) continue;
    const blank = (empty as Record<string, unknown>)[key];
    // A text field holds what was typed, quotes and all; other fields were written as JSON.
    const value = blank === null || typeof blank === 'string' ? raw : readJson(raw);
    if (value !== undefined && sameKind(value, blank)) out[key] = value;
  }
  return out as T;
}

function readJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function sameKind(value: unknown, blank: unknown): boolean {
  if (blank === null) return typeof value === 'string';
  if (Array.isArray(blank)) {
    return Array.isArray(value) && value.length <= MAX_PARAMS && value.every((v) => typeof v === 'string');
  }
  return typeof value === typeof blank && (typeof value !== 'object' || value === null);
}
