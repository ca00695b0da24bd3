// Short-lived messages for actions started from anywhere (Sync now, Save…).
import { create } from 'zustand';

export type Toast = { id: number; tone: 'success' | 'error' | 'info'; title: string; message?: string };

type ToastStore = {
  toasts: Toast[];
  push(t: Omit<Toast, 'id'>): void;
  dismiss(id: number): void;
};

let nextId = 1;

export const useToasts = create<ToastStore>((set, get) => ({
  toasts: [],
  push(t) {
    const id = nextId++;
    set({ toasts: [...get().toasts.slice(-3), { ...t, id }] });
    setTimeout(() => get().dismiss(id), t.tone === 'error' ? 9000 : 4500);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));

export const toast = (t: Omit<Toast, 'id'>) => useToasts.getState().push(t);
