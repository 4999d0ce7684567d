// A store of the page's health for the sidebar: 'unrecognised' (offer a manual "Find a contact" search) is reported
// only once it has lasted `graceMs`, so a webmail that is still rendering after load never flashes the fallback.
import type { PageHealth, SiteAdapter, ThreadContext } from './types';

export interface HealthStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): PageHealth;
}

/** `thread`, when given, returns what readThread gives for the page right now (the thread store's snapshot), saving a parse. */
export function watchHealth(
  adapter: SiteAdapter,
  doc: Document,
  signal: AbortSignal,
  graceMs = 3000,
  thread?: () => ThreadContext | null,
): HealthStore {
  const listeners = new Set<() => void>();
  let current: PageHealth = 'idle';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const publish = (next: PageHealth) => {
    if (next === current) return;
    current = next;
    for (const listener of listeners) listener();
  };
  const check = () => {
    const now = adapter.health?.(doc, thread?.()) ?? 'idle';
    if (now !== 'unrecognised') {
      clearTimeout(timer);
      timer = undefined;
      publish(now);
    } else if (current !== 'unrecognised' && timer === undefined) {
      // Confirmed only if still unrecognised when the grace period ends.
      timer = setTimeout(() => {
        timer = undefined;
        if (!signal.aborted && adapter.health?.(doc) === 'unrecognised') publish('unrecognised');
      }, graceMs);
    }
  };
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  if (adapter.health) {
    adapter.observe(doc, check, signal);
    check();
  }
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => current,
  };
}
