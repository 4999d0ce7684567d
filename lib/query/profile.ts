// React-query hooks for the profile blocks: figures, company and deals, and every profile write.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { send } from '@/lib/messaging/client';
import type { RequestInputOf } from '@/lib/messaging/protocol';
import { askQuery } from './ask';
import { queryKeys } from './keys';

// Figures and deals sit under the contact's activity key: every record write (a logged email, a note) already
// invalidates it, and those change the relational figures.
const profileKeys = {
  figures: (contactId: string) => [...queryKeys.activities(contactId), 'figures'] as const,
  deals: (contactId: string) => [...queryKeys.activities(contactId), 'deals'] as const,
  // Under contacts: a company edit changes its contacts (name, score), so both refresh together.
  company: (domain: string) => [...queryKeys.contacts, 'company', domain] as const,
};

export const recordFiguresQuery = (contactId: string) =>
  askQuery<'contacts.recordFigures', ReturnType<typeof profileKeys.figures>>(profileKeys.figures(contactId), { type: 'contacts.recordFigures', contactId });

export const useRecordFigures = (contactId: string) => useQuery(recordFiguresQuery(contactId));

export function useDeals(contactId: string) {
  return useQuery({
    queryKey: profileKeys.deals(contactId),
    queryFn: () => send<'deals.list'>({ type: 'deals.list', contactId }),
  });
}

export function useCompany(domain: string) {
  return useQuery({
    queryKey: profileKeys.company(domain),
    queryFn: () => send<'companies.get'>({ type: 'companies.get', domain }),
    enabled: domain !== '',
  });
}

type ProfileWrite = 'contacts.updateFields' | 'contacts.setEmails' | 'contacts.setPhones' | 'companies.update' | 'deals.upsert' | 'deals.remove';

/**
 * A profile write refreshes the contact (the background rescored it and may have renamed its company) and the
 * contact's activity views (deal events join the timeline; figures change). Errors stay on the mutation: each
 * field reads its own `details` entry from it.
 */
function useProfileMutation<T extends ProfileWrite>(contactId: string, type: T) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: Omit<RequestInputOf<T>, 'type'>) => send<T>({ type, ...request } as RequestInputOf<T>),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.contacts }),
        client.invalidateQueries({ queryKey: queryKeys.activities(contactId) }),
      ]),
  });
}

export const useUpdateFields = (contactId: string) => useProfileMutation(contactId, 'contacts.updateFields');
export const useSetEmails = (contactId: string) => useProfileMutation(contactId, 'contacts.setEmails');
export const useSetPhones = (contactId: string) => useProfileMutation(contactId, 'contacts.setPhones');
export const useUpdateCompany = (contactId: string) => useProfileMutation(contactId, 'companies.update');
export const useUpsertDeal = (contactId: string) => useProfileMutation(contactId, 'deals.upsert');
export const useRemoveDeal = (contactId: string) => useProfileMutation(contactId, 'deals.remove');
