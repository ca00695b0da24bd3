// Which screen is showing. Kept in memory only: the URL fragment belongs to the browser host
// (it carries the per-launch secret), so navigation never touches location.
import { create } from 'zustand';
import { ScreenIdSchema, type ScreenId } from '../../../preload/contract';
import { onEvent } from '../guard';

export type { ScreenId };
/** The screens in the order the contract lists them (main names them in 'app.navigate'). */
export const screenIds = ScreenIdSchema.options;

type NavigationStore = {
  screen: ScreenId;
  go(screen: ScreenId): void;
};

export const useNavigation = create<NavigationStore>((set) => ({
  screen: 'dashboard',
  go: (screen) => set({ screen }),
}));

/** Shows the screen main asks for (the app menu's items); returns the unsubscribe function. */
export function followNavigationEvents(): () => void {
  return onEvent('app.navigate', ({ screen }) => useNavigation.getState().go(screen));
}
