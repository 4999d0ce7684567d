// React-query hooks over the typed messaging client.
import { keepPreviousData, QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { send } from '@/lib/messaging/client';
import { queryKeys } from './keys';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // The background is local and cheap to ask; errors are shown, not retried forever.
      queries: { retry: 1, staleTime: 5_000, refetchOnWindowFocus: true },
    },
  });
}

export function useContactLookup(emails: readonly string[]) {
  return useQuery({
    queryKey: queryKeys.lookup(emails),
    queryFn: () => send<'contacts.lookup'>({ type: 'contacts.lookup', emails: [...emails] }),
    enabled: emails.length > 0,
  });
}

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

export function useContactCount() {
  return useQuery({
    queryKey: queryKeys.count(),
    queryFn: () => send<'contacts.count'>({ type: 'contacts.count' }),
  });
}
