// React-query hooks for CTA templates: the sidebar's rendered suggestions and the insert record.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { send } from '@/lib/messaging/client';
import { queryKeys } from './keys';

export function useTemplateSuggestions(contactId: string, selfEmail: string | null, language: string) {
  return useQuery({
    queryKey: queryKeys.templatesFor(contactId),
    queryFn: () => send<'templates.forContact'>({ type: 'templates.forContact', contactId, selfEmail, language }),
  });
}

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
