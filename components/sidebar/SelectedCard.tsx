import { i18n } from '@/lib/i18n/cached-messages';
import { useContactLookup } from '@/lib/query/hooks';
import type { ThreadContext } from '@/lib/sites/types';
import { useCardWarmUp } from './card-queries';
import { ContactCard } from './ContactCard';
import { ErrorNotice } from './ErrorNotice';
import { UnknownPerson } from './UnknownPerson';

/** The card of one participant of the thread (or of a contact found by hand): loading, error, known or unknown. */
export function SelectedCard({ thread, email }: { thread: ThreadContext; email: string }) {
  const lookup = useContactLookup(thread.participants.map((p) => p.email));
  const participant = thread.participants.find((p) => p.email === email);
  const contact = lookup.data?.[email];
  const warm = useCardWarmUp(contact, thread);
  if (!participant) return null;
  if (lookup.isPending || !warm) {
    return (
      <p className="ficha-hint" role="status" data-testid="contact-loading">
        {i18n.t('sidebar.loading')}
      </p>
    );
  }
  if (lookup.isError) return <ErrorNotice error={lookup.error} onRetry={() => void lookup.refetch()} />;
  // Keyed: a draft stage, a pending confirmation or an Undo never carries over to the next person.
  return contact ? <ContactCard key={contact.id} contact={contact} thread={thread} /> : <UnknownPerson participant={participant} />;
}
