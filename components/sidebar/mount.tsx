// Mounts the sidebar for one site adapter in an open shadow root, for the lifetime of the content script.
// The entrypoint is named after the site (gmail.content → gmail.css, outlook.content → outlook.css).
import { QueryClientProvider } from '@tanstack/react-query';
import { startTransition } from 'react';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { recordDiagnostics } from '@/lib/sites/diagnostics-recorder';
import { trackCaret } from '@/lib/sites/editing';
import { watchHealth } from '@/lib/sites/health-watch';
import { shareObserver } from '@/lib/sites/shared-observer';
import type { SiteAdapter } from '@/lib/sites/types';
import { watchThread } from '@/lib/sites/watch';
import { warmFirstCard } from './card-queries';
import { syncCollapsed } from './collapse';
import { warmUpWhenIdle } from './idle-warm-up';
import { rehearseCard } from './card-rehearsal';
import { listenForPickerShortcut } from './picker-shortcut';
import { refreshOnSync } from './sync-refresh';
import { createShadowHost } from './shadow-host';
import { createSidebarQueryClient } from './sidebar-query-client';
import { Sidebar } from './Sidebar';
import { SiteContext } from './site';
import { warmedThread } from './warm-thread';
import { yieldToPage } from './yield-to-page';
import './sidebar.css';

export async function mountSidebar(ctx: ContentScriptContext, siteAdapter: SiteAdapter) {
  const controller = new AbortController();
  ctx.onInvalidated(() => controller.abort());
  // The bundle's evaluation is one task; reading the page starts in the next one (see yield-to-page.ts).
  await yieldToPage();
  if (controller.signal.aborted) return null;
  // One page observer for the thread, its health and the diagnostics; the thread store hears each change first,
  // so the others reuse its parse of the page.
  const adapter = shareObserver(siteAdapter, document, controller.signal);
  const store = watchThread(adapter, document, controller.signal);
  const health = watchHealth(adapter, document, controller.signal, 3000, store.getSnapshot);
  recordDiagnostics(adapter, document, controller.signal, store.getSnapshot);
  if (adapter.editorOf) trackCaret(document, adapter.editorOf, controller.signal);
  listenForPickerShortcut(document, controller.signal);
  syncCollapsed(controller.signal);
  const site = { adapter, doc: document };
  const queryClient = createSidebarQueryClient();
  refreshOnSync(queryClient, controller.signal);
  // The background is asked as soon as the thread is read; React sees the thread once the answers are cached.
  const shown = warmedThread(store, (thread) => warmFirstCard(queryClient, thread), controller.signal);

  // React DOM initialises here, in this later task, not in the script's evaluation: together they passed 50 ms on
  // a first load before the code cache exists.
  const [{ createRoot }, ui] = await Promise.all([import('react-dom/client'), createShadowHost(adapter.site, controller.signal)]);
  if (controller.signal.aborted) {
    ui.remove();
    return null;
  }
  const root = createRoot(ui.container);
  // The first render is a transition: React renders it in ~5 ms slices between the page's own tasks. Later updates
  // (thread switches) are synchronous as usual.
  startTransition(() =>
    root.render(
      <QueryClientProvider client={queryClient}>
        <SiteContext.Provider value={site}>
          <Sidebar store={shown} health={health} />
        </SiteContext.Provider>
      </QueryClientProvider>,
    ),
  );
  void warmUpWhenIdle(controller.signal).then(() =>
    rehearseCard({ client: createSidebarQueryClient(), site, createRoot, busy: () => shown.getSnapshot() !== null, signal: controller.signal }),
  );
  ctx.onInvalidated(() => {
    root.unmount();
    queryClient.clear();
    ui.remove();
  });
  return ui;
}
