// The handler map: each protocol message bound to the repository call that answers it.
import type { ContactRepository } from '@/lib/storage/contacts';
import { FichaError } from './errors';
import type { Handlers } from './protocol';

export function contactHandlers(contacts: ContactRepository): Handlers {
  return {
    'contacts.lookup': ({ emails }) => contacts.lookup(emails),
    'contacts.create': ({ input }) => contacts.createFromHeader(input),
    'contacts.get': async ({ id }) => {
      const contact = await contacts.get(id);
      if (!contact) throw new FichaError('not_found', `No contact with id ${id}`);
      return contact;
    },
    'contacts.search': ({ query, limit }) => contacts.search(query, limit),
    'contacts.count': () => contacts.count(),
    'contacts.putMany': async ({ contacts: batch }) => ({ written: await contacts.putMany(batch) }),
  };
}
