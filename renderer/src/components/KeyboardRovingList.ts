// One Tab stop for a list, the arrow keys within it (the WAI-ARIA "roving tabindex"): Tab moves
// past a list of a thousand rows in one press, ↑/↓/Home/End move inside, Enter opens the row.
// Items are found in the DOM by attribute, so a virtualized list (rows come and go) works too,
// and the global j/k shortcuts (KeyboardShortcuts.tsx) move through the same rows.
import { useState, type KeyboardEvent } from 'react';

export const ROVING_LIST_ATTR = 'data-roving-list';
export const ROVING_ITEM_ATTR = 'data-roving-item';

const NATIVE_ACTIVATION = 'button, a[href], input, select, textarea, summary';

/**
 * Rows of a screen that has not adopted useRovingList yet but whose rows are focusable: j/k
 * still move through them (the timeline's row buttons, a table's focusable rows).
 */
export const FOCUSABLE_ROWS = 'button[role="row"], [role="row"][tabindex], tbody tr[tabindex]';

function itemsOf(list: HTMLElement, selector: string | null): HTMLElement[] {
  if (selector) return Array.from(list.querySelectorAll<HTMLElement>(selector));
  return Array.from(list.querySelectorAll<HTMLElement>(`[${ROVING_ITEM_ATTR}]`)).filter(
    (el) => el.closest(`[${ROVING_LIST_ATTR}]`) === list,
  );
}

/**
 * Focuses another item of `list`: `delta` rows from the focused one (or from the list's Tab
 * stop when focus is elsewhere), or the first/last. Returns the focused item, null for an empty list.
 */
export function moveInList(
  list: HTMLElement,
  to: number | 'first' | 'last',
  /** Items by this selector instead of the roving attribute (FOCUSABLE_ROWS). */
  selector: string | null = null,
): HTMLElement | null {
  const items = itemsOf(list, selector);
  if (items.length === 0) return null;
  const focused = items.findIndex((el) => el === document.activeElement || el.contains(document.activeElement));
  const stop = selector ? -1 : items.findIndex((el) => el.tabIndex === 0);
  let index: number;
  if (to === 'first') index = 0;
  else if (to === 'last') index = items.length - 1;
  else if (focused < 0) index = stop >= 0 ? stop : 0;
  else index = Math.max(0, Math.min(items.length - 1, focused + to));
  const target = items[index];
  target.focus();
  target.scrollIntoView?.({ block: 'nearest' });
  return target;
}

/**
 * For a list screen: spread `listProps` on the list and `itemProps(index)` on each row. The row
 * last focused keeps the one Tab stop; `count` keeps it on a row that exists when the list shrinks.
 */
export function useRovingList(count: number) {
  const [active, setActive] = useState(0);
  const stop = Math.max(0, Math.min(active, count - 1));
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const list = e.currentTarget;
    const moves: Record<string, number | 'first' | 'last'> = {
      ArrowDown: 1,
      ArrowUp: -1,
      Home: 'first',
      End: 'last',
    };
    const move = moves[e.key];
    if (move !== undefined) {
      e.preventDefault();
      moveInList(list, move);
      return;
    }
    const item = (e.target as HTMLElement).closest<HTMLElement>(`[${ROVING_ITEM_ATTR}]`);
    // Enter on a row that is not itself a button opens it; buttons and links activate natively.
    if (e.key === 'Enter' && item && e.target === item && !item.matches(NATIVE_ACTIVATION)) {
      e.preventDefault();
      item.click();
    }
  };
  return {
    listProps: { [ROVING_LIST_ATTR]: '', onKeyDown },
    itemProps: (index: number) => ({
      [ROVING_ITEM_ATTR]: '',
      tabIndex: index === stop ? 0 : -1,
      onFocus: () => setActive(index),
    }),
  };
}
