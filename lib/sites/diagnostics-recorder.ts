// Records the local diagnostics (see diagnostics.ts) from a content script, riding on the sidebar's page observer:
// each change it hears schedules one probe once the page has been quiet for SETTLE_MS, off the thread-switch path.
import { browser } from 'wxt/browser';
import { addDiagnostics, DIAGNOSTICS_KEY, diagnoseSelectors, parseDiagnostics } from './diagnostics';
import type { SiteAdapter, ThreadContext } from './types';

/** Probing waits for the page to settle, so it never competes with a thread switch. */
export const SETTLE_MS = 1500;
/** A page that never settles (live counters, chat) is still probed this long after its first unprobed change. */
export const MAX_WAIT_MS = 10_000;

/** Runs `fn` when the page is idle (or after a frame's worth of time where requestIdleCallback is missing). */
function whenIdle(win: Window | null, fn: () => void): () => void {
  if (win && typeof win.requestIdleCallback === 'function') {
    const id = win.requestIdleCallback(fn, { timeout: 1000 });
    return () => win.cancelIdleCallback(id);
  }
  const id = setTimeout(fn, 0);
  return () => clearTimeout(id);
}

/**
 * Starts recording for `adapter` (which needs `selectors`) on `doc` until `signal` aborts. `thread` returns the
 * current readThread result when the caller already has it. A storage write happens only when what matched changed.
 */
export function recordDiagnostics(adapter: SiteAdapter, doc: Document, signal: AbortSignal, thread?: () => ThreadContext | null): void {
  const selectors = adapter.selectors;
  if (!selectors || signal.aborted) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelIdle: (() => void) | undefined;
  let lastKey = '';
  let pendingSince = 0;

  const probe = async () => {
    // Not a mail page (the rep is on Outlook's calendar): its selectors' misses say nothing about the mail markup.
    if (adapter.readsPage?.(doc) === false) return;
    const entry = diagnoseSelectors(doc, adapter.site, selectors, adapter.health?.(doc, thread?.()) ?? 'unknown');
    const key = JSON.stringify([entry.host, entry.health, entry.selectors]);
    if (key === lastKey || signal.aborted) return;
    lastKey = key;
    const stored = parseDiagnostics((await browser.storage.local.get(DIAGNOSTICS_KEY))[DIAGNOSTICS_KEY]);
    if (signal.aborted) return;
    await browser.storage.local.set({ [DIAGNOSTICS_KEY]: addDiagnostics(stored, entry) });
  };
  const later = () => {
    // Debounced, but a probe already waiting for MAX_WAIT_MS is kept rather than pushed back again.
    if (timer !== undefined && Date.now() - pendingSince >= MAX_WAIT_MS) return;
    if (timer === undefined) pendingSince = Date.now();
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      // A probe already waiting for an idle moment is not cancelled by later changes (it would starve on a busy page).
      cancelIdle ??= whenIdle(doc.defaultView, () => {
        cancelIdle = undefined;
        // The extension may have been reloaded meanwhile (storage then throws): diagnostics are best effort.
        if (!signal.aborted) void probe().catch(() => undefined);
      });
    }, SETTLE_MS);
  };
  signal.addEventListener(
    'abort',
    () => {
      clearTimeout(timer);
      cancelIdle?.();
    },
    { once: true },
  );
  adapter.observe(doc, later, signal);
  later();
}
