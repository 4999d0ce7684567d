// The sidebar's width: the rep drags its left edge (or uses the arrow keys on it) and the width is remembered
// across threads, tabs and restarts in storage.local, like the collapsed state (./collapse.ts).
import { browser } from 'wxt/browser';

export const WIDTH_KEY = 'sidebarWidth';
export const MIN_WIDTH = 280;
export const MAX_WIDTH = 560;
export const DEFAULT_WIDTH = 320;
/** One arrow key press; Shift moves faster. */
export const KEY_STEP = 16;

/** A stored or dragged width made safe: a number within [MIN, MAX], else the default. */
export function clampWidth(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_WIDTH;
  return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, value)));
}

/** The width for a key on the handle (the sidebar hangs from the right edge: left arrow widens it), or null. */
export function widthForKey(current: number, key: string, shift = false): number | null {
  const step = shift ? KEY_STEP * 4 : KEY_STEP;
  if (key === 'ArrowLeft') return clampWidth(current + step);
  if (key === 'ArrowRight') return clampWidth(current - step);
  if (key === 'Home') return MIN_WIDTH;
  if (key === 'End') return MAX_WIDTH;
  return null;
}

let width = DEFAULT_WIDTH;
let loaded = false;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
  const change = changes[WIDTH_KEY];
  if (area !== 'local' || !change) return;
  width = clampWidth(change.newValue);
  emit();
};

export const widthStore = {
  get: () => width,
  /** Subscribing loads the remembered width and follows other tabs' changes while anyone listens. */
  subscribe(listener: () => void) {
    if (listeners.size === 0) {
      browser.storage.onChanged.addListener(onChanged);
      if (!loaded) {
        loaded = true;
        void browser.storage.local.get(WIDTH_KEY).then((stored) => {
          width = clampWidth(stored[WIDTH_KEY]);
          emit();
        });
      }
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) browser.storage.onChanged.removeListener(onChanged);
    };
  },
  /** Shows `next` now; `persist` (end of a drag, a key press) also remembers it. */
  set(next: number, persist = true) {
    width = clampWidth(next);
    emit();
    if (persist) void browser.storage.local.set({ [WIDTH_KEY]: width });
  },
};
