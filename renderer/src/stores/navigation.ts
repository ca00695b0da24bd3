// Which screen is showing and its state (a filter), mirrored in the URL fragment so a reload keeps
// them, Back and Forward work and a link can be pasted (components/RouteUrl.ts). The browser
// host's per-launch secret also arrives in the fragment; its bridge script erases it before this
// code runs, so the fragment is ours by then.
import { create } from 'zustand';
import { ScreenIdSchema, type ScreenId } from '../../../preload/contract';
import { formatRoute, parseRoute, sameParams, type Route, type RouteParams } from '../components/RouteUrl';
import { onEvent } from '../guard';

export type { ScreenId };
/** The screens in the order the contract lists them (main names them in 'app.navigate'). */
export const screenIds = ScreenIdSchema.options;

type NavigationStore = {
  screen: ScreenId;
  /** The screen's own state in the URL (the Activity filter…); empty for most screens. */
  params: RouteParams;
  /** Why the current screen must not be left silently (unsaved changes), or null. */
  leaveBlock: string | null;
  /** Where the admin asked to go while `leaveBlock` was set: shown as a question, not followed. */
  pendingLeave: Route | null;
  go(screen: ScreenId, params?: RouteParams): void;
  /** Replaces the current screen's params (a filter changed): no new history entry. */
  setParams(params: RouteParams): void;
  blockLeave(reason: string | null): void;
  /** The admin chose to leave anyway: unsaved changes are dropped, the pending route followed. */
  confirmLeave(): void;
  cancelLeave(): void;
};

/** Told of a move to another screen before the store changes, so before any screen renders. */
type OpeningListener = (screen: ScreenId, params: RouteParams) => void;
const openingListeners = new Set<OpeningListener>();

/**
 * Calls `listener` as a move to another screen starts (go), before the new screen renders: the
 * screen's first data can be asked for while React renders it. Returns the function that stops.
 */
export function onScreenOpening(listener: OpeningListener): () => void {
  openingListeners.add(listener);
  return () => openingListeners.delete(listener);
}

const hasWindow = () => typeof window !== 'undefined' && typeof history !== 'undefined';

function writeUrl(route: Route, mode: 'push' | 'replace'): void {
  if (!hasWindow()) return;
  const url = formatRoute(route);
  if (location.hash === url) return;
  if (mode === 'push') history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

/** The route a reload or a pasted link opens on, read before the first render (no flash of the Dashboard). */
const startRoute = hasWindow() ? parseRoute(location.hash) : null;

export const useNavigation = create<NavigationStore>((set, get) => ({
  screen: startRoute?.screen ?? 'dashboard',
  params: startRoute?.params ?? {},
  leaveBlock: null,
  pendingLeave: null,
  go(screen, params = {}) {
    const s = get();
    if (s.screen === screen && sameParams(s.params, params)) return;
    if (s.leaveBlock && s.screen !== screen) {
      set({ pendingLeave: { screen, params } });
      return;
    }
    // The new history entry first: a screen that completes its params as it opens (the Activity
    // filter kept across screens) replaces this entry, not the one Back returns to.
    writeUrl({ screen, params }, 'push');
    if (s.screen !== screen) for (const listener of openingListeners) listener(screen, params);
    set({ screen, params, pendingLeave: null });
  },
  setParams(params) {
    const s = get();
    if (sameParams(s.params, params)) return;
    set({ params });
    writeUrl({ screen: s.screen, params }, 'replace');
  },
  blockLeave: (reason) => set({ leaveBlock: reason }),
  confirmLeave() {
    const target = get().pendingLeave;
    set({ leaveBlock: null, pendingLeave: null });
    if (target) get().go(target.screen, target.params);
  },
  cancelLeave: () => set({ pendingLeave: null }),
}));

/**
 * Follows the URL: shows the route it names at start, and on Back, Forward or a pasted link.
 * A move away from a screen with unsaved changes is turned back and asked about first.
 * Returns the function that stops following.
 */
export function startRouting(): () => void {
  if (!hasWindow()) return () => {};
  const store = useNavigation;
  const follow = () => {
    const route = parseRoute(location.hash);
    const s = store.getState();
    if (!route) {
      // An empty or foreign fragment: name the screen that is showing, so reload keeps it.
      writeUrl({ screen: s.screen, params: s.params }, 'replace');
      return;
    }
    if (route.screen === s.screen && sameParams(route.params, s.params)) return;
    if (s.leaveBlock && route.screen !== s.screen) {
      // The browser already moved the URL: put the current screen back until the admin answers.
      writeUrl({ screen: s.screen, params: s.params }, 'push');
      store.setState({ pendingLeave: route });
      return;
    }
    store.setState({ screen: route.screen, params: route.params, pendingLeave: null });
  };
  follow();
  const beforeUnload = (e: BeforeUnloadEvent) => {
    if (store.getState().leaveBlock) e.preventDefault();
  };
  window.addEventListener('popstate', follow);
  window.addEventListener('hashchange', follow);
  window.addEventListener('beforeunload', beforeUnload);
  return () => {
    window.removeEventListener('popstate', follow);
    window.removeEventListener('hashchange', follow);
    window.removeEventListener('beforeunload', beforeUnload);
  };
}

/**
 * Shows the screen main asks for (the app menu, a notification's click) with its params
 * (`{ alert: id }`); returns the unsubscribe function.
 */
export function followNavigationEvents(): () => void {
  return onEvent('app.navigate', ({ screen, params }) => useNavigation.getState().go(screen, params ?? {}));
}
