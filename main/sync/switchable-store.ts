// A store whose files can be set aside while the console keeps running: connecting another
// organisation archives or clears the data directory's store, then opens a fresh one in its
// place. Everything that holds this object (the facade, the connector, detection) follows the
// switch, because every access goes through the store open at that moment. A Proxy rather than
// a class listing the members, so a member the store gains later is forwarded too.
import type { Store } from '../store/types';

export interface SwitchableStore extends Store {
  /**
   * Closes the store, lets `setAside` move or delete its files, and opens a fresh one. If the
   * files could not be set aside, the old store is opened again, untouched.
   */
  replace(setAside: () => Promise<void>): Promise<void>;
  /**
   * Registers work that must be finished before the store's files move (detection evaluating
   * what it queued and saving its baselines): a write still running while the folder is renamed
   * fails (ENOENT on its temp file) or lands in the wrong place. Returns the unregister function.
   */
  beforeReplace(settle: () => Promise<void>): () => void;
}

const switchable = new WeakSet<object>();

export function isSwitchable(store: Store): store is SwitchableStore {
  return switchable.has(store);
}

export function switchableStore(first: Store, reopen: () => Promise<Store>): SwitchableStore {
  let inner = first;
  const settlers = new Set<() => Promise<void>>();
  const beforeReplace = (settle: () => Promise<void>) => {
    settlers.add(settle);
    return () => void settlers.delete(settle);
  };
  const replace = async (setAside: () => Promise<void>) => {
    // Every writer settles on the old files before they close and move; one that fails to settle
    // stops the switch (the store stays as it was), rather than moving files under a live write.
    await Promise.all([...settlers].map((settle) => settle()));
    await inner.close();
    try {
      await setAside();
    } finally {
      inner = await reopen();
    }
  };
  const proxy = new Proxy({} as SwitchableStore, {
    get(_target, key) {
      if (key === 'replace') return replace;
      if (key === 'beforeReplace') return beforeReplace;
      const value: unknown = Reflect.get(inner, key, inner);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(inner) : value;
    },
    has: (_target, key) => key === 'replace' || key === 'beforeReplace' || Reflect.has(inner, key),
  });
  switchable.add(proxy);
  return proxy;
}
