// After a team sync pull changed rows, or settings were saved (options page), the background nudges open webmail
// tabs: refetch what the sidebar shows.
import type { QueryClient } from '@tanstack/react-query';
import { browser } from 'wxt/browser';
import { LIVE_PING, LIVE_PONG } from '@/lib/messaging/inject-request';

export function refreshOnSync(queryClient: QueryClient, signal: AbortSignal): void {
  const listener = (message: unknown) => {
    const type = (message as { type?: unknown } | null)?.type;
    if (type === 'ficha.sync.changed') void queryClient.invalidateQueries();
    // After an install or update the background asks whether this tab already runs this version's sidebar.
    if (type === LIVE_PING) return Promise.resolve(LIVE_PONG);
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener));
}
