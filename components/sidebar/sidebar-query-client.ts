// The sidebar's query cache. React-query forgets an unused query through a timer per query (gcTime), set again each
// time a card unmounts and cleared each time one mounts: ~20 timer calls per thread switch. Here entries have no
// timer; the cache is trimmed by size instead, when a new entry pushes it past the bound.
import type { Query, QueryClient } from '@tanstack/react-query';
import { createQueryClient } from '@/lib/query/hooks';

/** About 40 cards' worth of answers (a card asks ~8 queries). */
export const MAX_CACHED_QUERIES = 320;

export function createSidebarQueryClient(maxQueries = MAX_CACHED_QUERIES): QueryClient {
  const client = createQueryClient({ gcTime: Infinity });
  const cache = client.getQueryCache();
  let size = 0;
  cache.subscribe((event) => {
    if (event.type === 'removed') size--;
    if (event.type !== 'added' || ++size <= maxQueries) return;
    // Unused entries go, least recently answered first, down to half the bound: a trim now and then, not per entry.
    // The entry just added is about to be fetched or filled: never one of them.
    const answeredAt = (query: Query) => Math.max(query.state.dataUpdatedAt, query.state.errorUpdatedAt);
    const unused = cache.getAll().filter((query) => query !== event.query && query.getObserversCount() === 0 && query.state.fetchStatus === 'idle');
    unused.sort((a, b) => answeredAt(a) - answeredAt(b));
    for (const query of unused.slice(0, size - Math.floor(maxQueries / 2))) cache.remove(query);
  });
  return client;
}
