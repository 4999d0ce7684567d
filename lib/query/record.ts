// React-query hooks for the record's writes (logging, notes, stage moves) and what they feed (timeline, history, score).
import { uiLanguage } from '@/lib/i18n/ui-language';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { send } from '@/lib/messaging/client';
import type { RequestInputOf } from '@/lib/messaging/protocol';
import { askQuery } from './ask';
import { queryKeys } from './keys';

// Each query a contact card asks on mount is built by one of these, shared by its hook and by the card's warm-up
// (components/sidebar/card-queries.ts), so both ask the same key.
export const loggedActivityQuery = (contactId: string, messageId: string | null) =>
  askQuery<'activities.findLogged', ReturnType<typeof queryKeys.logged>>(
    queryKeys.logged(contactId, messageId ?? ''),
    { type: 'activities.findLogged', contactId, messageId: messageId ?? '' },
    { enabled: messageId !== null },
  );

export const useLoggedActivity = (contactId: string, messageId: string | null) => useQuery(loggedActivityQuery(contactId, messageId));

export const timelineQuery = (contactId: string) =>
  askQuery<'activities.list', ReturnType<typeof queryKeys.timeline>>(queryKeys.timeline(contactId), { type: 'activities.list', contactId, limit: 500 });

export const useTimeline = (contactId: string) => useQuery(timelineQuery(contactId));

type RecordWrite = 'activities.logEmail' | 'activities.remove' | 'activities.addNote' | 'contacts.changeStage' | 'contacts.updatePrivacy';

/**
 * Every record write refreshes that contact's activity views (logged state, timeline, history, explanation) and the
 * contact itself: the background rescored it in the same transaction.
 */
function useRecordMutation<T extends RecordWrite>(contactId: string, type: T) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: Omit<RequestInputOf<T>, 'type'>) => send<T>({ type, ...request } as RequestInputOf<T>, { now: true }),
    // In a later task: the mutation's own callbacks run before the caller's, so refetching here would send the
    // refetch batch (and make the worker answer it) before the caller's onSuccess shows the result (e.g. "logged").
    // That result reaches React in a microtask (notifyManager's scheduler, hooks.ts), so before this timer fires.
    onSettled: () =>
      void setTimeout(() => {
        void client.invalidateQueries({ queryKey: queryKeys.activities(contactId) });
        void client.invalidateQueries({ queryKey: queryKeys.contacts });
      }),
  });
}

export const useLogEmail = (contactId: string) => useRecordMutation(contactId, 'activities.logEmail');
export const useRemoveActivity = (contactId: string) => useRecordMutation(contactId, 'activities.remove');
export const useAddNote = (contactId: string) => useRecordMutation(contactId, 'activities.addNote');
export const useChangeStage = (contactId: string) => useRecordMutation(contactId, 'contacts.changeStage');

export const stageHistoryQuery = (contactId: string) =>
  askQuery<'contacts.stageHistory', ReturnType<typeof queryKeys.stageHistory>>(queryKeys.stageHistory(contactId), { type: 'contacts.stageHistory', contactId });

export const useStageHistory = (contactId: string) => useQuery(stageHistoryQuery(contactId));

export function useScoreExplanation(contactId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.scoreExplanation(contactId),
    queryFn: () => send<'contacts.explainScore'>({ type: 'contacts.explainScore', contactId, language: uiLanguage() }),
    enabled,
  });
}
export const useUpdatePrivacy = (contactId: string) => useRecordMutation(contactId, 'contacts.updatePrivacy');

export const logPolicyQuery = (contactId: string) =>
  askQuery<'activities.logPolicy', ReturnType<typeof queryKeys.logPolicy>>(queryKeys.logPolicy(contactId), { type: 'activities.logPolicy', contactId });

export const useLogPolicy = (contactId: string) => useQuery(logPolicyQuery(contactId));

export const stageSuggestionsQuery = (contactId: string) =>
  askQuery<'contacts.stageSuggestions', ReturnType<typeof queryKeys.stageSuggestions>>(queryKeys.stageSuggestions(contactId), { type: 'contacts.stageSuggestions', contactId });

export const useStageSuggestions = (contactId: string) => useQuery(stageSuggestionsQuery(contactId));
