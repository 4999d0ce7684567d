// The server's SSE head events keep an open sidebar within seconds of another device's edit. The stream is read with
// fetch (no EventSource in a service worker) and reopened with capped exponential backoff; the 1-minute alarm
// polls meanwhile, so a dead stream only makes updates slower, never lost.
import type { SyncHttp } from '@/lib/sync/client-http';

export interface LiveEvents {
  start(h: SyncHttp): void;
  stop(): void;
}

export function liveEvents(onHead: (head: number) => void, random: () => number): LiveEvents {
  let events: AbortController | null = null;
  return {
    start(h) {
      if (events) return;
      const controller = new AbortController();
      events = controller;
      let attempt = 0;
      void (async () => {
        while (!controller.signal.aborted) {
          try {
            await h.events((head) => {
              attempt = 0;
              onHead(head);
            }, controller.signal);
          } catch {
            // the poll (alarm) covers us meanwhile
          }
          if (controller.signal.aborted) break;
          attempt++;
          const delay = Math.min(60_000, 1000 * 2 ** Math.min(attempt, 6)) * (0.5 + random() * 0.5);
          await new Promise((r) => setTimeout(r, delay));
        }
      })();
    },
    stop() {
      events?.abort();
      events = null;
    },
  };
}
