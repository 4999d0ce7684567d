// Handlers for the profile messages declared in ./profile.ts.
import { ZodError } from 'zod';
import type { ProfileService } from '@/lib/storage/profile';
import { Refusal } from '@/lib/storage/refusal';
import { FichaError } from '../errors';
import type { HandlersFor } from '../protocol';
import type { ProfileResponses } from './profile';

/** Storage refusals become typed wire errors; field details travel as they are. */
async function answer<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof Refusal) {
      throw new FichaError(error.reason === 'not_found' ? 'not_found' : 'invalid_message', error.message, error.reason === 'invalid' ? error.details : undefined);
    }
    if (error instanceof ZodError) throw new FichaError('invalid_message', 'Some fields are not valid', Refusal.fromZod(error, '').details);
    throw error;
  }
}

export function profileHandlers(profile: ProfileService): HandlersFor<keyof ProfileResponses> {
  return {
    'contacts.updateFields': ({ contactId, patch }) => answer(profile.updateFields(contactId, patch)),
    'contacts.setEmails': ({ contactId, emails }) => answer(profile.setEmails(contactId, emails)),
    'contacts.setPhones': ({ contactId, phones }) => answer(profile.setPhones(contactId, phones)),
    'contacts.recordFigures': ({ contactId }) => answer(profile.figures(contactId)),
    'companies.get': ({ domain }) => profile.getCompany(domain),
    'companies.update': ({ domain, patch }) => answer(profile.updateCompany(domain, patch)),
    'deals.list': ({ contactId }) => profile.listDeals(contactId),
    'deals.upsert': ({ deal }) => answer(profile.upsertDeal(deal)),
    'deals.remove': ({ id }) => answer(profile.removeDeal(id)),
  };
}
