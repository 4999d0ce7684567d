// The webmail's theme for the sidebar. Reading it needs computed styles, which right after a thread switch force
// the page's pending style recalculation inside our task (~10 ms on a 10,000-node Gmail page): so it is read once
// at mount and then re-read when the page is idle after a thread is shown, never on the switch itself. A rep
// flicking through threads does not pay a recalculation for each: the read is skipped while the page's theme hooks
// (root classes and styles, the system's dark preference, style sheets) are as they were at the last read, less than
// REREAD_MS ago.
import { pageIsDark } from '@/lib/sites/theme';

export type Theme = 'dark' | 'light';

const listeners = new Set<() => void>();
let current: Theme | null = null;
let pending = false;
let lastRead = { at: -Infinity, hooks: '' };
const REREAD_MS = 10_000;

// One media query list for the page's life: matchMedia parses and registers a new one on every call.
let systemDarkQuery: MediaQueryList | null | undefined;
const systemIsDark = () => (systemDarkQuery ??= typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null)?.matches ?? false;

/** What a webmail changes when it switches theme; reading it forces no style work. */
const themeHooks = () => {
  const root = document.documentElement;
  const systemDark = systemIsDark();
  return [root.className, root.getAttribute('style'), document.body?.className, document.body?.getAttribute('style'), systemDark, document.styleSheets.length].join('|');
};

const read = (): Theme => {
  lastRead = { at: performance.now(), hooks: themeHooks() };
  return pageIsDark(document) ? 'dark' : 'light';
};
const unchanged = () => performance.now() - lastRead.at < REREAD_MS && themeHooks() === lastRead.hooks;
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
    if (pending || unchanged()) return;
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
