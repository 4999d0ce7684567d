// After a team sync pull changed rows, or settings were saved (options page), the background nudges open webmail
// tabs: refetch what the sidebar shows.
import type { QueryClient } from '@tanstack/react-query';
import { browser } from 'wxt/browser';

export function refreshOnSync(queryClient: QueryClient, signal: AbortSignal): void {
  const listener = (message: unknown) => {
    if ((message as { type?: unknown } | null)?.type === 'ficha.sync.changed') void queryClient.invalidateQueries();
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener));
}
