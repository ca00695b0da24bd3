// The Activity screen's filter form ↔ the contract's ActivityFilter, saved queries and chips.
import { ACTIVITY_IP_CATEGORIES, type ActivityFilter, type SavedActivityQuery } from '../../../preload/contract';
import { parseLocalDateTime } from '../format';
import { emptyActivityFilter, type ActivityFilterForm, type TimePreset } from '../stores/activity-filter';

export type FilterProblems = { asn?: string; range?: string; ipCategory?: string };

/** Whether any field keeps the form from being a filter: then nothing is asked for. */
export function hasFilterProblems(problems: FilterProblems): boolean {
  return Object.values(problems).some(Boolean);
}

const HOUR = 3_600_000;
export const PRESET_MS: Record<Exclude<TimePreset, 'all' | 'custom'>, number> = {
  '1h': HOUR,
  '24h': 24 * HOUR,
  '7d': 7 * 24 * HOUR,
  '30d': 30 * 24 * HOUR,
  '90d': 90 * 24 * HOUR,
};
export const PRESET_LABELS: Record<TimePreset, string> = {
  all: 'All time',
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  custom: 'Custom range',
};

/** "AS1136", "as 1136" or "1136" → 1136; null when it is not a number. */
export function parseAsn(s: string): number | null {
  const m = /^\s*(?:as\s*)?(\d{1,10})\s*$/i.exec(s);
  if (!m) return null;
  const n = Number(m[1]);
  return n <= 4_294_967_295 ? n : null;
}

/**
 * The form as the contract's ActivityFilter, or the problems that keep it from being one.
 * `now` anchors the relative presets (the screen passes the time the filter was applied).
 */
export function toActivityFilter(
  form: ActivityFilterForm,
  now = Date.now(),
): { filter: ActivityFilter; problems: FilterProblems } {
  const filter: ActivityFilter = {};
  const problems: FilterProblems = {};
  const t = (s: string) => s.trim();
  if (t(form.text)) filter.text = t(form.text).slice(0, 200);
  if (t(form.user)) filter.user = t(form.user).slice(0, 320);
  if (form.types.length > 0) filter.types = form.types.slice(0, 32);
  if (t(form.ip)) filter.ip = t(form.ip).slice(0, 64);
  if (t(form.country)) filter.country = t(form.country).slice(0, 64);
  if (t(form.asn)) {
    const asn = parseAsn(form.asn);
    if (asn === null) problems.asn = 'An AS number, e.g. AS1136 or 1136';
    else filter.asn = asn;
  }
  if (form.ipCategory) {
    // A pasted link may carry anything: only a category the engine knows is sent.
    if ((ACTIVITY_IP_CATEGORIES as readonly string[]).includes(form.ipCategory)) filter.ipCategory = form.ipCategory;
    else problems.ipCategory = `No IP category “${String(form.ipCategory).slice(0, 40)}”`;
  }
  if (t(form.device)) filter.device = t(form.device).slice(0, 64);
  if (form.admin === 'yes' || form.admin === 'no') filter.admin = form.admin === 'yes';
  if (form.impersonated === 'yes' || form.impersonated === 'no') filter.impersonated = form.impersonated === 'yes';
  if (form.newCountry) filter.newCountry = true;
  if (form.preset === 'custom') {
    const since = parseLocalDateTime(form.since);
    const until = parseLocalDateTime(form.until);
    if (since !== undefined) filter.since = since;
    if (until !== undefined) filter.until = until;
    if (since !== undefined && until !== undefined && since > until) problems.range = '“From” is after “To”';
  } else if (Object.hasOwn(PRESET_MS, form.preset)) {
    filter.since = Math.max(0, now - PRESET_MS[form.preset as keyof typeof PRESET_MS]);
  }
  return { filter, problems };
}

/** The form as a saved query: the filter without absolute times, the window as a preset. */
export function toSavedQuery(name: string, form: ActivityFilterForm): SavedActivityQuery {
  const { filter } = toActivityFilter({ ...form, preset: 'all' });
  const preset = form.preset === 'all' || form.preset === 'custom' ? null : form.preset;
  return { name: name.trim().slice(0, 80), filter, preset };
}

/** A saved (or suggested) query back as the form. */
export function fromSavedQuery(q: Pick<SavedActivityQuery, 'filter' | 'preset'>): ActivityFilterForm {
  const f = q.filter;
  return {
    ...emptyActivityFilter,
    text: f.text ?? '',
    user: f.user ?? '',
    types: [...(f.types ?? []), ...(f.type ? [f.type] : [])],
    country: f.country ?? '',
    ip: f.ip ?? '',
    asn: f.asn !== undefined ? `AS${f.asn}` : '',
    ipCategory: f.ipCategory ?? null,
    device: f.device ?? '',
    admin: f.admin === undefined ? 'any' : f.admin ? 'yes' : 'no',
    impersonated: f.impersonated === undefined ? 'any' : f.impersonated ? 'yes' : 'no',
    newCountry: f.newCountry === true,
    preset: q.preset ?? 'all',
  };
}

/** Queries an investigation usually starts with. */
export const SUGGESTED_QUERIES: Pick<SavedActivityQuery, 'name' | 'filter' | 'preset'>[] = [
  { name: 'Failed sign-ins', filter: { types: ['login.failure', 'mfa.failure'] }, preset: '7d' },
  { name: 'Admin activity', filter: { admin: true }, preset: '7d' },
  { name: 'Impersonation', filter: { impersonated: true }, preset: '30d' },
  {
    name: 'Password and 2FA changes',
    filter: { types: ['password', 'mfa.enable', 'mfa.disable'] },
    preset: '30d',
  },
  { name: 'Sign-ins from new countries', filter: { newCountry: true }, preset: '30d' },
  { name: 'Sign-ins from networks you tagged Risky', filter: { types: ['login'], ipCategory: 'risky' }, preset: '30d' },
];

export type FilterChip = { key: keyof ActivityFilterForm | 'range'; label: string; value: string; index?: number };

/** One chip per constraint of the form (one per type), in a stable order. */
export function filterChips(form: ActivityFilterForm, typeLabel: (t: string) => string = (t) => t): FilterChip[] {
  const chips: FilterChip[] = [];
  const t = (s: string) => s.trim();
  if (t(form.text)) chips.push({ key: 'text', label: 'Text', value: t(form.text) });
  if (t(form.user)) chips.push({ key: 'user', label: 'User', value: t(form.user) });
  form.types.forEach((type, index) => chips.push({ key: 'types', label: 'Type', value: typeLabel(type), index }));
  if (t(form.country)) chips.push({ key: 'country', label: 'Country', value: t(form.country) });
  if (t(form.ip)) chips.push({ key: 'ip', label: 'IP', value: t(form.ip) });
  if (t(form.asn)) chips.push({ key: 'asn', label: 'ASN', value: t(form.asn) });
  if (form.ipCategory) chips.push({ key: 'ipCategory', label: 'IP category', value: form.ipCategory });
  if (t(form.device)) chips.push({ key: 'device', label: 'Device', value: t(form.device) });
  if (form.admin !== 'any') chips.push({ key: 'admin', label: 'By an admin', value: form.admin });
  if (form.impersonated !== 'any') chips.push({ key: 'impersonated', label: 'Impersonated', value: form.impersonated });
  if (form.newCountry) chips.push({ key: 'newCountry', label: 'Sign-in', value: 'from a new country' });
  if (form.preset !== 'all') {
    const value =
      form.preset === 'custom'
        ? `${form.since.replace('T', ' ') || '…'} → ${form.until.replace('T', ' ') || 'now'}`
        : (PRESET_LABELS[form.preset] ?? form.preset);
    chips.push({ key: 'range', label: 'Time', value });
  }
  return chips;
}

/** The form without the chip's constraint. */
export function withoutChip(form: ActivityFilterForm, chip: FilterChip): ActivityFilterForm {
  switch (chip.key) {
    case 'types':
      return { ...form, types: form.types.filter((_, i) => i !== chip.index) };
    case 'range':
      return { ...form, preset: 'all', since: '', until: '' };
    default:
      return { ...form, [chip.key]: emptyActivityFilter[chip.key] };
  }
}
