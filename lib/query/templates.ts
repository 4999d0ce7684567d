// React-query hooks for CTA templates: the sidebar's rendered suggestions and the insert record.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { send } from '@/lib/messaging/client';
import type { RequestInputOf } from '@/lib/messaging/protocol';
import { askQuery } from './ask';
import { queryKeys } from './keys';

/** How many templates the card lists until the rep asks for all or searches. */
export const SHOWN_TEMPLATES = 4;

/**
 * The templates rendered for the contact, best first: the first `limit` (the card's folded list, asked on every
 * thread switch: a fifth of the bytes of all of them) or, without one, all.
 */
export const templateSuggestionsQuery = (contactId: string, selfEmail: string | null, language: string, limit?: number) =>
  askQuery<'templates.forContact', readonly unknown[]>([...queryKeys.templatesFor(contactId), limit ?? 'all'], {
    type: 'templates.forContact',
    contactId,
    selfEmail,
    language,
    ...(limit ? { limit } : {}),
  });

/** Recorded after the text is in the editor: the rep never waits for the timeline write. */
export function useRecordInsert(contactId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { templateId: string; threadId: string | null }) => send<'templates.recordInsert'>({ type: 'templates.recordInsert', contactId, ...input }),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: queryKeys.activities(contactId) });
      void client.invalidateQueries({ queryKey: queryKeys.contacts });
    },
  });
}

// The manager (options page): the rep's list and its edits. Any change re-renders every sidebar's suggestions.
export function useTemplates() {
  return useQuery({ queryKey: queryKeys.templates, queryFn: () => send<'templates.list'>({ type: 'templates.list' }) });
}

type ManagerWrite = 'templates.save' | 'templates.duplicate' | 'templates.remove' | 'templates.reorder' | 'templates.import';

export function useTemplateWrite<T extends ManagerWrite>(type: T) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: Omit<RequestInputOf<T>, 'type'>) => send<T>({ type, ...request } as RequestInputOf<T>),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: queryKeys.templates });
      void client.invalidateQueries({ queryKey: queryKeys.contacts });
    },
  });
}
