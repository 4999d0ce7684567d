// Which compose window the rep is in: the focused one, or the last one focused before the rep clicked the sidebar.
import { isShown } from './dom';

/** The sidebar's shadow host: focus moving there must not count as leaving the compose window. */
const SIDEBAR_HOST = 'FICHA-SIDEBAR';
const lastFocus = new WeakMap<Document, Element>();

/** Remembers where focus went (called from the adapter's focusin listener). */
export function noteFocus(doc: Document, target: EventTarget | null): void {
  const el = target as Element | null;
  if (!el || typeof el.tagName !== 'string' || el.tagName === SIDEBAR_HOST) return;
  lastFocus.set(doc, el);
}

/** The element that counts as focused: the active element unless it is the page body or the sidebar. */
function focusProbe(doc: Document): Element | null {
  const active = doc.activeElement;
  if (active && active !== doc.body && active !== doc.documentElement && active.tagName !== SIDEBAR_HOST) return active;
  const last = lastFocus.get(doc);
  return last?.isConnected ? last : null;
}

/** The candidate holding the focus, if any. */
export function focusedOf(doc: Document, candidates: readonly Element[]): Element | null {
  const probe = focusProbe(doc);
  return probe ? (candidates.find((c) => c.contains(probe)) ?? null) : null;
}

/** Listens for focus moves (a compose switch is a focus move, not a DOM mutation) until `signal` aborts. */
export function watchFocus(doc: Document, onMove: () => void, signal: AbortSignal): void {
  const listener = (event: Event) => {
    noteFocus(doc, event.target);
    onMove();
  };
  doc.addEventListener('focusin', listener, { capture: true, signal });
}

/** Compose windows that are shown, de-duplicated (nested matches count once, the outermost kept). */
export function outermostShown(els: readonly Element[]): Element[] {
  const shown = [...new Set(els)].filter(isShown);
  return shown.filter((el) => !shown.some((other) => other !== el && other.contains(el)));
}
