// React-query hooks for the record's writes (logging, notes, stage moves) and what they feed (timeline, history, score).
import { uiLanguage } from '@/lib/i18n/ui-language';
import { useCallback, useRef } from 'react';
import { type MutateOptions, type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { send, sendNow } from '@/lib/messaging/client';
import type { RequestInputOf, Responses } from '@/lib/messaging/protocol';
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
    queryFn: () => send<'activities.list'>({ type: 'activities.list', contactId, limit: 500 }),
  });
}

type RecordWrite = 'activities.logEmail' | 'activities.remove' | 'activities.addNote' | 'contacts.changeStage' | 'contacts.updatePrivacy';

type Request<T extends RecordWrite> = Omit<RequestInputOf<T>, 'type'>;

/**
 * Every record write refreshes that contact's activity views (logged state, timeline, history, explanation) and the
 * contact itself: the background rescored it in the same transaction. `answered` puts what the answer itself says
 * into the cache first, before those refetches are even sent.
 */
function useRecordMutation<T extends RecordWrite>(contactId: string, type: T, answered?: (client: QueryClient, data: Responses[T], request: Request<T>) => void) {
  const client = useQueryClient();
  // The message leaves in the click's own task (sendNow): react-query calls mutationFn only after a few microtasks,
  // behind the render of the pending state. The mutation then waits for that same message.
  const sent = useRef(new WeakMap<Request<T>, Promise<Responses[T]>>());
  const mutation = useMutation<Responses[T], Error, Request<T>>({
    mutationFn: (request) => sent.current.get(request) ?? sendNow<T>({ type, ...request } as RequestInputOf<T>),
    // The background is local: a write never waits for the network to come back.
    networkMode: 'always',
    onSuccess: answered && ((data, request) => answered(client, data, request)),
    // Not awaited: the caller's own onSuccess must not wait for every refetch.
    onSettled: () => {
      void client.invalidateQueries({ queryKey: queryKeys.activities(contactId) });
      void client.invalidateQueries({ queryKey: queryKeys.contacts });
    },
  });
  const { mutate } = mutation;
  const mutateNow = useCallback(
    (request: Request<T>, options?: MutateOptions<Responses[T], Error, Request<T>>) => {
      const reply = sendNow<T>({ type, ...request } as RequestInputOf<T>);
      reply.catch(() => undefined); // handled by the mutation, which awaits this promise a few microtasks later
      sent.current.set(request, reply);
      mutate(request, options);
    },
    [mutate, type],
  );
  return { ...mutation, mutate: mutateNow };
}

/**
 * The logged state comes from the write's answer (the activity, committed): the button turns in the same task the
 * answer arrives, not after a refetch, and before the invalidation's refetches are sent.
 */
export const useLogEmail = (contactId: string) =>
  useRecordMutation(contactId, 'activities.logEmail', (client, { activity }, { email }) => client.setQueryData(queryKeys.logged(contactId, email.messageId), activity));
export const useRemoveActivity = (contactId: string) => useRecordMutation(contactId, 'activities.remove');
export const useAddNote = (contactId: string) => useRecordMutation(contactId, 'activities.addNote');
export const useChangeStage = (contactId: string) => useRecordMutation(contactId, 'contacts.changeStage');

export function useStageHistory(contactId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.stageHistory(contactId),
    queryFn: () => send<'contacts.stageHistory'>({ type: 'contacts.stageHistory', contactId }),
    enabled,
  });
}

export function useScoreExplanation(contactId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.scoreExplanation(contactId),
    queryFn: () => send<'contacts.explainScore'>({ type: 'contacts.explainScore', contactId, language: uiLanguage() }),
    enabled,
  });
}
export const useUpdatePrivacy = (contactId: string) => useRecordMutation(contactId, 'contacts.updatePrivacy');

export function useLogPolicy(contactId: string) {
  return useQuery({
    queryKey: queryKeys.logPolicy(contactId),
    queryFn: () => send<'activities.logPolicy'>({ type: 'activities.logPolicy', contactId }),
  });
}

export function useStageSuggestions(contactId: string) {
  return useQuery({
    queryKey: queryKeys.stageSuggestions(contactId),
    queryFn: () => send<'contacts.stageSuggestions'>({ type: 'contacts.stageSuggestions', contactId }),
  });
}
