// The sidebar's query cache, without react-query's timers. React-query forgets an unused query through a timer per
// query (gcTime), and marks a shown answer stale through a timer per observer (staleTime): ~40 timer calls per thread
// switch, set as a card mounts and cleared as it goes. Here the cache is trimmed by size instead, when a new entry
// pushes it past the bound; and staleTime is a function of the answer's age, read whenever react-query asks (mount,
// focus, a key or `enabled` change, fetchQuery): stale past FRESH_MS, as a 5-second staleTime, else never — and an
// observer sets no timer for an answer whose staleTime is infinite or that is stale already.
import type { Query, QueryClient } from '@tanstack/react-query';
import { createQueryClient, FRESH_MS } from '@/lib/query/hooks';

/** About 40 cards' worth of answers (a card asks ~8 queries). */
export const MAX_CACHED_QUERIES = 320;

export function createSidebarQueryClient(maxQueries = MAX_CACHED_QUERIES): QueryClient {
  const staleTime = (query: Query) => (Date.now() - query.state.dataUpdatedAt > FRESH_MS ? 0 : Infinity);
  const client = createQueryClient({ gcTime: Infinity, staleTime });
  const cache = client.getQueryCache();
  let size = 0;
  cache.subscribe((event) => {
    if (event.type === 'removed') size--;
    if (event.type !== 'added' || ++size <= maxQueries) return;
    // Unused entries go, least recently answered first, down to half the bound: a trim now and then, not per entry.
    // Never the entry just added (about to be fetched or filled), nor one answered within FRESH_MS: a render still in
    // progress may have built it without observing it yet.
    const answeredAt = (query: Query) => Math.max(query.state.dataUpdatedAt, query.state.errorUpdatedAt);
    const recent = Date.now() - FRESH_MS;
    const unused = cache.getAll().filter((query) => query !== event.query && query.getObserversCount() === 0 && query.state.fetchStatus === 'idle' && answeredAt(query) < recent);
    unused.sort((a, b) => answeredAt(a) - answeredAt(b));
    for (const query of unused.slice(0, size - Math.floor(maxQueries / 2))) cache.remove(query);
  });
  return client;
}
