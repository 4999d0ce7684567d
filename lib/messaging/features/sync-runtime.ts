// Drives the background's sync loop: a 1-minute alarm (polling fallback, survives worker restarts), online/offline
// events, resume on start, and a nudge to open webmail tabs when a pull changed rows so their sidebar refetches.
import { browser } from 'wxt/browser';
import type { SyncEngine } from '@/lib/storage/sync-engine';

export const SYNC_ALARM = 'ficha-sync';
/** Sent to content scripts when what their sidebar shows changed elsewhere: a pull changed local rows, or settings were saved. */
export const SYNC_CHANGED_MESSAGE = 'ficha.sync.changed';

export async function notifyTabsToRefresh(): Promise<void> {
  // Without the `tabs` permission tabs come without URLs; a tab without our content script just refuses.
  const tabs = await browser.tabs.query({}).catch(() => []);
  await Promise.all(tabs.map((t) => (t.id === undefined ? null : browser.tabs.sendMessage(t.id, { type: SYNC_CHANGED_MESSAGE }).catch(() => null))));
}

export function startSyncRuntime(sync: SyncEngine): void {
  void browser.alarms?.create(SYNC_ALARM, { periodInMinutes: 1 });
  browser.alarms?.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void sync.onAlarm();
  });
  globalThis.addEventListener?.('online', () => sync.onOnline());
  globalThis.addEventListener?.('offline', () => sync.onOffline());
  // Chrome stops an idle worker after 30 s, which would close the server's event stream; an extension API call
  // every 20 s keeps it running while a sync server is connected, so another device's edit shows within seconds.
  setInterval(() => {
    void sync.isConnected().then((on) => (on ? browser.runtime.getPlatformInfo() : null)).catch(() => null);
  }, 20_000);
  void sync.start().catch((error: unknown) => console.error('[ficha] sync start failed', error));
}
