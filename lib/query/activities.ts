// React-query hooks for logging and the timeline.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { send } from '@/lib/messaging/client';
import type { RequestInputOf } from '@/lib/messaging/protocol';
import { queryKeys } from './keys';

export function useLoggedActivity(contactId: string, messageId: string | null) {
  return useQuery({
    queryKey: queryKeys.logged(contactId, messageId ?? ''),
    queryFn: () => send<'activities.findLogged'>({ type: 'activities.findLogged', contactId, messageId: messageId ?? '' }),
    enabled: messageId !== null,
  });
}

export function useTimeline(contactId: string) {
  return useQuery({
    queryKey: queryKeys.timeline(contactId),
    queryFn: () => send<'activities.list'>({ type: 'activities.list', contactId, limit: 200 }),
  });
}

/** Every activity write refreshes that contact's logged state and timeline. */
function useActivityMutation<T extends 'activities.logEmail' | 'activities.remove' | 'activities.addNote'>(contactId: string, type: T) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: Omit<RequestInputOf<T>, 'type'>) => send<T>({ type, ...request } as RequestInputOf<T>),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.activities(contactId) }),
  });
}

export const useLogEmail = (contactId: string) => useActivityMutation(contactId, 'activities.logEmail');
export const useRemoveActivity = (contactId: string) => useActivityMutation(contactId, 'activities.remove');
export const useAddNote = (contactId: string) => useActivityMutation(contactId, 'activities.addNote');
