// Local diagnostics (never sent anywhere): which selector of each fallback list matched on the last mail pages seen,
// and whether the adapter recognised the page. Written to browser.storage.local under DIAGNOSTICS_KEY for the
// options page to list, so a user can report "Outlook changed" with something concrete.
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { fallbacksUsed, probeSelectors } from '@/lib/sites/diagnostics';
import type { PageHealth, SiteAdapter } from '@/lib/sites/types';

export const DIAGNOSTICS_KEY = 'diagnostics.pages';
const KEEP = 10;
/** Probing runs well after the page settles, off the thread-switch path. */
const SETTLE_MS = 1500;

export interface PageDiagnostics {
  site: SiteAdapter['site'];
  host: string;
  at: number;
  health: PageHealth | 'unknown';
  /** Per selector key: index of the selector that matched (0 = primary), -1 = none. */
  selectors: Record<string, number>;
  fallbacks: string[];
}

/**
 * The adapter with diagnostics riding on its own observer (no second MutationObserver on the page): each change the
 * sidebar hears also schedules a probe once the page has been quiet for SETTLE_MS.
 */
export function withDiagnostics(
  ctx: ContentScriptContext,
  adapter: SiteAdapter,
  selectors: Readonly<Record<string, readonly string[]>>,
): SiteAdapter {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastKey = '';
  ctx.onInvalidated(() => clearTimeout(timer));

  const probe = async (doc: Document, signal: AbortSignal) => {
    const report = probeSelectors(doc, selectors);
    const entry: PageDiagnostics = {
      site: adapter.site,
      host: doc.location?.host ?? '',
      at: Date.now(),
      health: adapter.health?.(doc) ?? 'unknown',
      selectors: report,
      fallbacks: fallbacksUsed(report),
    };
    // Only a change of what matched is worth a storage write.
    const key = JSON.stringify([entry.health, report]);
    if (key === lastKey || signal.aborted) return;
    lastKey = key;
    const stored = (await browser.storage.local.get(DIAGNOSTICS_KEY))[DIAGNOSTICS_KEY];
    const previous = Array.isArray(stored) ? (stored as PageDiagnostics[]) : [];
    await browser.storage.local.set({ [DIAGNOSTICS_KEY]: [entry, ...previous].slice(0, KEEP) });
  };
  const later = (doc: Document, signal: AbortSignal) => {
    clearTimeout(timer);
    timer = setTimeout(() => void probe(doc, signal).catch(() => undefined), SETTLE_MS);
  };

  return {
    ...adapter,
    observe(doc, onChange, signal) {
      adapter.observe(
        doc,
        () => {
          onChange();
          later(doc, signal);
        },
        signal,
      );
      later(doc, signal);
    },
  };
}
