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
}

const switchable = new WeakSet<object>();

export function isSwitchable(store: Store): store is SwitchableStore {
  return switchable.has(store);
}

export function switchableStore(first: Store, reopen: () => Promise<Store>): SwitchableStore {
  let inner = first;
  const replace = async (setAside: () => Promise<void>) => {
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
      const value: unknown = Reflect.get(inner, key, inner);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(inner) : value;
    },
    has: (_target, key) => key === 'replace' || Reflect.has(inner, key),
  });
  switchable.add(proxy);
  return proxy;
}
