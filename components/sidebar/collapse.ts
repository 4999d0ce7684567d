// Whether the sidebar is collapsed: remembered across threads, tabs and restarts (storage.local), and flipped by the
// keyboard command (Alt+Shift+F, see the manifest's `commands`) through the same key.
import { browser } from 'wxt/browser';

export const COLLAPSED_KEY = 'sidebarCollapsed';

let collapsed = false;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export const collapseStore = {
  get: () => collapsed,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  set(next: boolean) {
    collapsed = next;
    emit();
    void browser.storage.local.set({ [COLLAPSED_KEY]: next });
  },
};

/** Loads the remembered state and follows changes made elsewhere (another tab, the keyboard command). */
export function syncCollapsed(signal: AbortSignal): void {
  void browser.storage.local.get(COLLAPSED_KEY).then((stored) => {
    collapsed = stored[COLLAPSED_KEY] === true;
    emit();
  });
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const change = changes[COLLAPSED_KEY];
    if (area !== 'local' || !change) return;
    collapsed = change.newValue === true;
    emit();
  };
  browser.storage.onChanged.addListener(onChanged);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChanged), { once: true });
}
