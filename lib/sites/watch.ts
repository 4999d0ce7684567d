// Turns an adapter's change notifications into a stream of distinct ThreadContexts.
import type { SiteAdapter, ThreadContext } from './types';

/** Two contexts are the same view when what the sidebar shows from them is the same. */
export function threadKey(thread: ThreadContext | null): string {
  if (!thread) return '';
  const people = thread.participants.map((p) => `${p.email}|${p.name}|${p.roles.join(',')}`);
  return [thread.threadId, thread.subject, thread.selfEmail, thread.messageIds.join(','), people.join(';')].join('\n');
}

export interface ThreadStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): ThreadContext | null;
}

/** A store for React's useSyncExternalStore, fed by the adapter's observer until `signal` aborts. */
export function watchThread(adapter: SiteAdapter, doc: Document, signal: AbortSignal): ThreadStore {
  const listeners = new Set<() => void>();
  let current = adapter.readThread(doc);
  let currentKey = threadKey(current);

  adapter.observe(
    doc,
    () => {
      const next = adapter.readThread(doc);
      const nextKey = threadKey(next);
      if (nextKey === currentKey) return;
      current = next;
      currentKey = nextKey;
      for (const listener of listeners) listener();
    },
    signal,
  );

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => current,
  };
}
