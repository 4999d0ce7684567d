// The thread view the sidebar shows. The panel and the card are updated in place from one thread to the next (a
// remount of the card cost the webmail page most of the scripting a thread switch added); what belongs to one view
// only (open menus, half-typed text, "inserted" or "logged, undo" statuses, a mutation's pending or error state)
// goes back to its start whenever another thread is shown, or the same one again after the inbox.
import { createContext, type Dispatch, type SetStateAction, useCallback, useContext, useLayoutEffect, useRef, useState } from 'react';

export const ViewContext = createContext(0);

export const useView = (): number => useContext(ViewContext);

/** Which view a thread makes: a new one for each thread shown, counting a return from the inbox (null) as new. */
export function useViewOf(threadKey: string | null): number {
  const [seen, setSeen] = useState({ key: threadKey, view: 0 });
  if (seen.key === threadKey) return seen.view;
  // Hidden (null) keeps the view: nothing is shown, and the next thread starts a new one.
  const next = { key: threadKey, view: threadKey === null ? seen.view : seen.view + 1 };
  setSeen(next);
  return next.view;
}

/**
 * useState that starts again from `initial` in each view. A setter kept from an earlier view (an answer that arrives
 * after the switch) changes nothing, as a call on an unmounted component did.
 */
export function useViewState<T>(initial: T): [T, Dispatch<SetStateAction<T>>] {
  const view = useView();
  const [slot, setSlot] = useState({ view, value: initial });
  let current = slot;
  if (slot.view !== view) {
    current = { view, value: initial };
    setSlot(current);
  }
  const set = useCallback<Dispatch<SetStateAction<T>>>(
    (next) =>
      setSlot((prev) => (prev.view !== view ? prev : { view, value: typeof next === 'function' ? (next as (v: T) => T)(prev.value) : next })),
    [view],
  );
  return [current.value, set];
}

interface Resettable {
  isIdle: boolean;
  reset(): void;
}

/**
 * Mutations (react-query) forget the previous view's run: its pending or error state, and the callbacks given to
 * `mutate` (e.g. "show logged", "offer undo"), which react-query drops once the mutation is reset. The write itself
 * still completes and refreshes its own contact's data.
 */
export function useResetOnView(...mutations: Resettable[]): void {
  const view = useView();
  const last = useRef(view);
  useLayoutEffect(() => {
    if (last.current === view) return;
    last.current = view;
    for (const m of mutations) if (!m.isIdle) m.reset();
    // Only a view change resets; the mutation objects change identity on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view]);
}
