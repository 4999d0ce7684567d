// A query that is one request to the background. The request also travels in the query's meta, so the card's
// warm-up can send the same requests in one message of its own (lookupThen) and fill the very same keys.
import { type QueryKey, queryOptions } from '@tanstack/react-query';
import { send } from '@/lib/messaging/client';
import type { RequestInputOf, RequestType } from '@/lib/messaging/protocol';

export function askQuery<T extends RequestType, K extends QueryKey>(queryKey: K, request: RequestInputOf<T>, options: { enabled?: boolean } = {}) {
  return queryOptions({ queryKey, queryFn: () => send<T>(request), meta: { request }, ...options });
}

/** The request a query built by askQuery sends. */
export const requestOf = (query: { meta?: Record<string, unknown> }): unknown => query.meta?.request;
