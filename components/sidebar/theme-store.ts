// The webmail's theme for the sidebar. Reading it needs computed styles, which right after a thread switch force
// the page's pending style recalculation inside our task (~10 ms on a 10,000-node Gmail page): so it is read once
// at mount and then re-read when the page is idle after each thread shown, never on the switch itself.
import { pageIsDark } from '@/lib/sites/theme';

export type Theme = 'dark' | 'light';

const listeners = new Set<() => void>();
let current: Theme | null = null;
let pending = false;

const read = (): Theme => (pageIsDark(document) ? 'dark' : 'light');
const whenIdle = (fn: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 500 }) : setTimeout(fn, 50));

export const themeStore = {
  get(): Theme {
    return (current ??= read());
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Re-reads the theme once the page is idle; listeners hear of it only if it changed. */
  refreshWhenIdle(): void {
    if (pending) return;
    pending = true;
    whenIdle(() => {
      pending = false;
      const next = read();
      if (next === current) return;
      current = next;
      listeners.forEach((l) => l());
    });
  },
};
