// One page observer for everything the sidebar watches (thread, health, diagnostics): each `adapter.observe` call
// would otherwise add its own MutationObserver, focus and navigation listeners, multiplying the work per DOM change.
import type { SiteAdapter } from './types';

/**
 * The adapter whose `observe` shares one underlying observation of `doc`, started now and stopped when `signal`
 * aborts. Listeners run in the order they subscribed (the thread store first, so later ones see its fresh snapshot);
 * each leaves when its own signal aborts.
 */
export function shareObserver(adapter: SiteAdapter, doc: Document, signal: AbortSignal): SiteAdapter {
  const listeners = new Set<() => void>();
  adapter.observe(
    doc,
    () => {
      for (const listener of [...listeners]) listener();
    },
    signal,
  );
  return {
    ...adapter,
    observe(observed, onChange, listenerSignal) {
      if (observed !== doc) throw new Error('shareObserver: one document only');
      if (listenerSignal.aborted || signal.aborted) return;
      const listener = () => onChange();
      listeners.add(listener);
      listenerSignal.addEventListener('abort', () => listeners.delete(listener), { once: true });
    },
  };
}
