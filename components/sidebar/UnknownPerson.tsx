import { i18n } from '@/lib/i18n/cached-messages';
import { useCreateContact } from '@/lib/query/hooks';
import type { Participant } from '@/lib/sites/types';
import { Field } from './Field';
import { ErrorNotice } from './ErrorNotice';

/** Someone on the thread who is not a contact yet: what the header says, and one click to save them. */
export function UnknownPerson({ participant }: { participant: Participant }) {
  const create = useCreateContact();
  return (
    <article className="ficha-card">
      <h2 className="ficha-name" data-testid="contact-name">
        {participant.name || participant.email}
      </h2>
      <p className="ficha-hint">{i18n.t('sidebar.unknownHint')}</p>
      <dl className="ficha-fields">
        <Field label={i18n.t('contact.email')} testId="contact-email" value={participant.email} />
      </dl>
      <button
        type="button"
        className="ficha-primary"
        data-testid="create-contact"
        disabled={create.isPending}
        onClick={() => create.mutate({ email: participant.email, displayName: participant.name })}
      >
        {create.isPending ? i18n.t('sidebar.creating') : i18n.t('sidebar.createContact')}
      </button>
      {create.error && <ErrorNotice error={create.error} />}
    </article>
  );
}
