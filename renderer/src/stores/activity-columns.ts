// Which columns the Activity timeline shows and how wide, kept in this browser's storage so the
// admin's layout survives a restart. "What" always shows; it and "Who" share the room left.
import { create } from 'zustand';

export type TimelineColumnId = 'time' | 'what' | 'who' | 'where' | 'network' | 'device';

/** `grow`: the column takes this share of the room left over, `width` being its least. */
export type TimelineColumn = { id: TimelineColumnId; label: string; width: number; min: number; grow?: number };

export const TIMELINE_COLUMNS: readonly TimelineColumn[] = [
  { id: 'time', label: 'Time', width: 112, min: 90 },
  { id: 'what', label: 'What', width: 200, min: 160, grow: 1.3 },
  { id: 'who', label: 'Who → whom', width: 200, min: 130, grow: 1 },
  { id: 'where', label: 'IP · place', width: 160, min: 110 },
  { id: 'network', label: 'Network', width: 180, min: 110 },
  { id: 'device', label: 'Device', width: 170, min: 110 },
];

const DEFAULT_SHOWN: TimelineColumnId[] = ['time', 'what', 'who', 'where'];
const STORAGE_KEY = 'workplace-guard.activity-columns.v1';
const MAX_WIDTH = 800;

type Layout = { shown: TimelineColumnId[]; widths: Partial<Record<TimelineColumnId, number>> };

function load(): Layout {
  try {
    const raw = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? 'null') as Partial<Layout> | null;
    const ids = new Set(TIMELINE_COLUMNS.map((c) => c.id));
    const shown = Array.isArray(raw?.shown) ? raw.shown.filter((id) => ids.has(id)) : DEFAULT_SHOWN;
    const widths: Layout['widths'] = {};
    for (const c of TIMELINE_COLUMNS) {
      const w = raw?.widths?.[c.id];
      if (typeof w === 'number' && Number.isFinite(w)) widths[c.id] = Math.min(MAX_WIDTH, Math.max(c.min, w));
    }
    return { shown: shown.includes('what') ? shown : ['what', ...shown], widths };
  } catch {
    // Storage unreadable or damaged: the default layout.
    return { shown: DEFAULT_SHOWN, widths: {} };
  }
}

function save(layout: Layout): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(layout));
  } catch {
    // Storage full or denied: the layout lasts for this session only.
  }
}

type Store = Layout & {
  toggle(id: TimelineColumnId): void;
  resize(id: TimelineColumnId, width: number): void;
  resetLayout(): void;
};

export const useTimelineColumns = create<Store>((set, get) => ({
  ...load(),
  toggle(id) {
    if (id === 'what') return;
    const { shown, widths } = get();
    const next = shown.includes(id)
      ? shown.filter((c) => c !== id)
      : TIMELINE_COLUMNS.map((c) => c.id).filter((c) => c === id || shown.includes(c));
    save({ shown: next, widths });
    set({ shown: next });
  },
  resize(id, width) {
    const col = TIMELINE_COLUMNS.find((c) => c.id === id);
    if (!col) return;
    const widths = { ...get().widths, [id]: Math.round(Math.min(MAX_WIDTH, Math.max(col.min, width))) };
    save({ shown: get().shown, widths });
    set({ widths });
  },
  resetLayout() {
    save({ shown: DEFAULT_SHOWN, widths: {} });
    set({ shown: DEFAULT_SHOWN, widths: {} });
  },
}));

/** The CSS grid tracks for the shown columns: fixed widths, and growing ones sharing the rest. */
export function gridTemplate(shown: readonly TimelineColumnId[], widths: Layout['widths']): string {
  return TIMELINE_COLUMNS.filter((c) => shown.includes(c.id))
    .map((c) => {
      const w = widths[c.id] ?? c.width;
      return c.grow ? `minmax(${w}px, ${c.grow}fr)` : `${w}px`;
    })
    .join(' ');
}
