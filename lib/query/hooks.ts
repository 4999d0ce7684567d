// React-query hooks over the typed messaging client.
import { keepPreviousData, notifyManager, QueryClient, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { send } from '@/lib/messaging/client';
import { FichaError } from '@/lib/messaging/errors';
import { queryKeys } from './keys';

/** How long an answer is fresh: a view mounted again within it is not asked again. */
export const FRESH_MS = 5_000;

/** Query defaults a client can change (the sidebar's: sidebar-query-client.ts). */
export type QueryDefaults = NonNullable<NonNullable<ConstructorParameters<typeof QueryClient>[0]>['defaultOptions']>['queries'];

export function createQueryClient(defaults: QueryDefaults = {}): QueryClient {
  // Results reach React in the same task instead of a later setTimeout: the card shows a frame sooner.
  notifyManager.setScheduler(queueMicrotask);
  return new QueryClient({
    defaultOptions: {
      // The background is local and cheap to ask; errors are shown, not retried forever.
      queries: { retry: 1, staleTime: FRESH_MS, refetchOnWindowFocus: true, ...defaults },
    },
  });
}

/** Every participant of a thread looked up in one message; shared by the prefetch and the card. */
export const lookupQuery = (emails: readonly string[]) =>
  queryOptions({
    queryKey: queryKeys.lookup(emails),
    queryFn: () => send<'contacts.lookup'>({ type: 'contacts.lookup', emails: [...emails] }),
    enabled: emails.length > 0,
  });

export function useContactLookup(emails: readonly string[]) {
  return useQuery(lookupQuery(emails));
}

/** One contact by id (a card opened from a list). Not retried when the contact is gone: the caller says so. */
export function useContact(id: string | null) {
  return useQuery({
    // Under 'contacts': every record write the card's blocks make refreshes it too.
    queryKey: [...queryKeys.contacts, 'get', id],
    queryFn: () => send<'contacts.get'>({ type: 'contacts.get', id: id! }),
    enabled: id !== null,
    retry: (count, error) => !isNotFound(error) && count < 1,
  });
}

export const isNotFound = (error: unknown) => error instanceof FichaError && error.code === 'not_found';

export function useCreateContact() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; displayName: string }) =>
      send<'contacts.create'>({ type: 'contacts.create', input }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.contacts }),
  });
}

export function useContactSearch(query: string, limit = 20) {
  return useQuery({
    queryKey: queryKeys.search(query),
    queryFn: () => send<'contacts.search'>({ type: 'contacts.search', query, limit }),
    placeholderData: keepPreviousData,
  });
}

/** Search results as list lines (ContactSummary), answered from the background's memory. */
export function useContactFind(query: string, limit = 20) {
  return useQuery({
    queryKey: queryKeys.find(query, limit),
    queryFn: () => send<'contacts.find'>({ type: 'contacts.find', query, limit }),
    placeholderData: keepPreviousData,
  });
}

export function useContactCount() {
  return useQuery({
    queryKey: queryKeys.count(),
    queryFn: () => send<'contacts.count'>({ type: 'contacts.count' }),
  });
}
