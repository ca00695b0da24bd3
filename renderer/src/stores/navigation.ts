// Which screen is showing. Kept in memory only: the URL fragment belongs to the browser host
// (it carries the per-launch secret), so navigation never touches location.
import { create } from 'zustand';

export const screenIds = [
  'dashboard',
  'activity',
  'alerts',
  'users',
  'governance',
  'policies',
  'posture',
  'connector',
  'settings',
  'about',
] as const;
export type ScreenId = (typeof screenIds)[number];

type NavigationStore = {
  screen: ScreenId;
  go(screen: ScreenId): void;
};

export const useNavigation = create<NavigationStore>((set) => ({
  screen: 'dashboard',
  go: (screen) => set({ screen }),
}));
