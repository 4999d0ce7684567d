import { i18n } from '#i18n';
import type { Contact } from '@/lib/domain/contact';
import { fullName, primaryEmail } from '@/lib/domain/person';
import type { ThreadContext } from '@/lib/sites/types';
import { EmailLogger } from './EmailLogger';
import { LeadScore } from './LeadScore';
import { PrivacyBlock } from './PrivacyBlock';
import { StageControl, StageHistory } from './StageControl';
import { Timeline } from './Timeline';

/** The profile of a known contact: the summary a rep needs at a glance. */
export function ContactCard({ contact, thread }: { contact: Contact; thread: ThreadContext }) {
  const phone = contact.phones[0]?.number ?? '';
  return (
    <article className="ficha-card" aria-label={fullName(contact) || primaryEmail(contact)}>
      <h2 className="ficha-name" data-testid="contact-name">
        {fullName(contact) || primaryEmail(contact)}
      </h2>
      {contact.title && <p className="ficha-subtitle">{contact.title}</p>}
      <div className="ficha-badges">
        <LeadScore contact={contact} />
        <StageControl contact={contact} />
      </div>
      <dl className="ficha-fields">
        <Field label={i18n.t('contact.email')} testId="contact-email" value={primaryEmail(contact)} />
        <Field label={i18n.t('contact.company')} testId="contact-company" value={contact.company} />
        <Field label={i18n.t('contact.title')} value={contact.title} />
        <Field label={i18n.t('contact.phone')} value={phone} />
      </dl>
      <EmailLogger contact={contact} thread={thread} />
      <StageHistory contactId={contact.id} />
      <PrivacyBlock contact={contact} />
      <Timeline contactId={contact.id} />
    </article>
  );
}

export function Field({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="ficha-field">
      <dt>{label}</dt>
      <dd data-testid={testId} className={value ? undefined : 'ficha-empty'}>
        {value || i18n.t('contact.noValue')}
      </dd>
    </div>
  );
}
