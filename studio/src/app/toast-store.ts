/** Short messages at the bottom of the screen (saved, refused link, errors). No React here. */
export interface Toast {
  id: number;
  kind: 'info' | 'success' | 'error';
  text: string;
}

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((listener) => listener());

export const toastStore = {
  get: () => toasts,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  show(text: string, kind: Toast['kind'] = 'info', ms = 3500) {
    const id = nextId++;
    toasts = [...toasts.slice(-3), { id, kind, text }];
    emit();
    setTimeout(() => toastStore.dismiss(id), ms);
  },
  dismiss(id: number) {
    toasts = toasts.filter((toast) => toast.id !== id);
    emit();
  },
};
