// The thread as the sidebar shows it: a new thread reaches React once its card's data is cached, so a switch is one
// React pass that mounts the finished card, instead of a loading state first and the card in two more passes. When
// the answers take longer than a glance (a worker waking up), the thread is shown anyway and its card says "loading".
import type { ThreadContext } from '@/lib/sites/types';
import type { ThreadStore } from '@/lib/sites/watch';

/** Long enough for a warm worker's answers (10–30 ms), short enough that a slow one shows "loading" without a gap. */
export const WARM_PATIENCE_MS = 100;

/**
 * `store`, delayed by `warm(thread)` for each new thread with people in it. Leaving a thread (null) and a thread with
 * nobody to look up pass at once. A warm-up that fails still lets its thread through (the card shows the error); one
 * overtaken by a newer thread is dropped; after `patienceMs` the newest thread is shown whatever is still pending.
 */
export function warmedThread(
  store: ThreadStore,
  warm: (thread: ThreadContext) => Promise<unknown>,
  signal: AbortSignal,
  patienceMs = WARM_PATIENCE_MS,
): ThreadStore {
  const listeners = new Set<() => void>();
  let shown: ThreadContext | null = null;
  let generation = 0;
  let deadline: ReturnType<typeof setTimeout> | null = null;

  const stopWaiting = () => {
    if (deadline !== null) clearTimeout(deadline);
    deadline = null;
  };
  const show = (thread: ThreadContext | null) => {
    stopWaiting();
    if (thread === shown || signal.aborted) return;
    shown = thread;
    for (const listener of listeners) listener();
  };
  const onChange = () => {
    const next = store.getSnapshot();
    const mine = ++generation;
    if (!next || next.participants.length === 0) return show(next);
    // The clock starts at the first thread still waiting: a page that keeps changing cannot hold the sidebar back.
    deadline ??= setTimeout(() => show(store.getSnapshot()), patienceMs);
    void warm(next)
      .catch(() => undefined)
      .then(() => mine === generation && show(next));
  };

  const unsubscribe = store.subscribe(onChange);
  signal.addEventListener('abort', () => {
    unsubscribe();
    stopWaiting();
  });
  onChange();

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => shown,
  };
}
