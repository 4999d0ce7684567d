// The handler map: each protocol message bound to the repository call that answers it.
import { type ActivityRepository, emailActivityKey } from '@/lib/storage/activities';
import type { ContactRepository } from '@/lib/storage/contacts';
import { FichaError } from './errors';
import type { Handlers } from './protocol';

export function createHandlers({ contacts, activities }: { contacts: ContactRepository; activities: ActivityRepository }): Handlers {
  const requireContact = async (id: string) => {
    const contact = await contacts.get(id);
    if (!contact) throw new FichaError('not_found', `No contact with id ${id}`);
    return contact;
  };
  return {
    'activities.logEmail': async ({ email }) => {
      await requireContact(email.contactId);
      return activities.logEmail(email);
    },
    'activities.findLogged': async ({ contactId, messageId }) => (await activities.findByKey(emailActivityKey(contactId, messageId))) ?? null,
    'activities.list': ({ contactId, limit }) => activities.listFor(contactId, limit),
    'activities.remove': async ({ id }) => ({ removed: await activities.remove(id) }),
    'activities.addNote': async ({ contactId, text }) => {
      await requireContact(contactId);
      return activities.addNote(contactId, text);
    },
    'contacts.lookup': ({ emails }) => contacts.lookup(emails),
    'contacts.create': ({ input }) => contacts.createFromHeader(input),
    'contacts.get': ({ id }) => requireContact(id),
    'contacts.search': ({ query, limit }) => contacts.search(query, limit),
    'contacts.count': () => contacts.count(),
    'contacts.putMany': async ({ contacts: batch }) => ({ written: await contacts.putMany(batch) }),
  };
}
