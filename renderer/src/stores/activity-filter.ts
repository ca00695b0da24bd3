// The Activity screen's filters, kept across navigation so an investigation is not lost.
import { create } from 'zustand';

export type ActivityFilterForm = {
  user: string;
  type: string | null;
  ip: string;
  country: string;
  admin: 'any' | 'yes' | 'no';
  impersonated: 'any' | 'yes' | 'no';
  text: string;
  since: string;
  until: string;
};

export const emptyActivityFilter: ActivityFilterForm = {
  user: '',
  type: null,
  ip: '',
  country: '',
  admin: 'any',
  impersonated: 'any',
  text: '',
  since: '',
  until: '',
};

type Store = {
  form: ActivityFilterForm;
  set(patch: Partial<ActivityFilterForm>): void;
  reset(): void;
};

export const useActivityFilter = create<Store>((set, get) => ({
  form: emptyActivityFilter,
  set: (patch) => set({ form: { ...get().form, ...patch } }),
  reset: () => set({ form: emptyActivityFilter }),
}));

/** Opens the Activity screen filtered on one user (from the Users drawer, say). */
export function showActivityOf(user: string, go: (s: 'activity') => void) {
  useActivityFilter.setState({ form: { ...emptyActivityFilter, user } });
  go('activity');
}
