import { useEffect, useRef, useState } from 'react';
import { useConnector } from '../stores/connector';

/**
 * Changes when new activities were committed, at most once per `everyMs`: screens reload on
 * it without hammering the store during a first sync that commits page after page.
 */
export function useDataVersion(everyMs = 5000): number {
  const version = useConnector((s) => s.activitiesVersion);
  const [seen, setSeen] = useState(version);
  const last = useRef(0);
  useEffect(() => {
    if (version === seen) return;
    const wait = Math.max(0, last.current + everyMs - Date.now());
    const t = setTimeout(() => {
      last.current = Date.now();
      setSeen(version);
    }, wait);
    return () => clearTimeout(t);
  }, [version, seen, everyMs]);
  return seen;
}
