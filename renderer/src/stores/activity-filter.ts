// The Activity screen's filters, kept across navigation so an investigation is not lost.
import { create } from 'zustand';
import type { ActivityIpCategory } from '../../../preload/contract';

export type TriState = 'any' | 'yes' | 'no';
/** Relative windows end now; `custom` uses since/until (local date-time inputs). */
export type TimePreset = 'all' | '1h' | '24h' | '7d' | '30d' | '90d' | 'custom';

export type ActivityFilterForm = {
  /** Free text, also searched in the details (file name, failure reason). */
  text: string;
  user: string;
  types: string[];
  /** A country's name or two-letter code. */
  country: string;
  /** One address, a prefix or a CIDR range. */
  ip: string;
  /** Digits, with or without the AS prefix. */
  asn: string;
  ipCategory: ActivityIpCategory | null;
  device: string;
  admin: TriState;
  impersonated: TriState;
  /** Only sign-ins from a country new to their user. */
  newCountry: boolean;
  preset: TimePreset;
  since: string;
  until: string;
};

export const emptyActivityFilter: ActivityFilterForm = {
  text: '',
  user: '',
  types: [],
  country: '',
  ip: '',
  asn: '',
  ipCategory: null,
  device: '',
  admin: 'any',
  impersonated: 'any',
  newCountry: false,
  preset: 'all',
  since: '',
  until: '',
};

/** A patch; `type` (one type, as other screens link) is taken as `types: [type]`. */
export type ActivityFilterPatch = Partial<ActivityFilterForm> & { type?: string | null };

type Store = {
  form: ActivityFilterForm;
  set(patch: ActivityFilterPatch): void;
  /** Replaces the whole filter (a pivot, a saved or suggested query). */
  replace(form: ActivityFilterForm): void;
  reset(): void;
};

function applyPatch(form: ActivityFilterForm, patch: ActivityFilterPatch): ActivityFilterForm {
  const { type, ...rest } = patch;
  const next = { ...form, ...rest };
  if (type !== undefined) next.types = type ? [type] : [];
  // A from/to given without a window (a day picked on the Dashboard) is a custom range.
  if ((rest.since || rest.until) && rest.preset === undefined) next.preset = 'custom';
  return next;
}

/** The whole filter a link from another screen describes: the patch over the empty filter. */
export function activityFilterFrom(patch: ActivityFilterPatch): ActivityFilterForm {
  return applyPatch(emptyActivityFilter, patch);
}

export const useActivityFilter = create<Store>((set, get) => ({
  form: emptyActivityFilter,
  set: (patch) => set({ form: applyPatch(get().form, patch) }),
  replace: (form) => set({ form }),
  reset: () => set({ form: emptyActivityFilter }),
}));

/** Opens the Activity screen filtered on one user (from the Users drawer, say). */
export function showActivityOf(user: string, go: (s: 'activity') => void) {
  useActivityFilter.setState({ form: { ...emptyActivityFilter, user } });
  go('activity');
}
