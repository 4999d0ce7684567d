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

export function recordDiagnostics(
  ctx: ContentScriptContext,
  adapter: SiteAdapter,
  selectors: Readonly<Record<string, readonly string[]>>,
): void {
  const controller = new AbortController();
  ctx.onInvalidated(() => controller.abort());
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastKey = '';

  const probe = async () => {
    const report = probeSelectors(document, selectors);
    const entry: PageDiagnostics = {
      site: adapter.site,
      host: location.host,
      at: Date.now(),
      health: adapter.health?.(document) ?? 'unknown',
      selectors: report,
      fallbacks: fallbacksUsed(report),
    };
    // Only a change of what matched is worth a storage write.
    const key = JSON.stringify([entry.health, report]);
    if (key === lastKey || controller.signal.aborted) return;
    lastKey = key;
    const stored = (await browser.storage.local.get(DIAGNOSTICS_KEY))[DIAGNOSTICS_KEY];
    const previous = Array.isArray(stored) ? (stored as PageDiagnostics[]) : [];
    await browser.storage.local.set({ [DIAGNOSTICS_KEY]: [entry, ...previous].slice(0, KEEP) });
  };

  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void probe().catch(() => undefined), SETTLE_MS);
  };
  controller.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  adapter.observe(document, later, controller.signal);
  later();
}
