import { i18n } from '@/lib/i18n/cached-messages';
import type { Contact } from '@/lib/domain/contact';
import { fullName, primaryEmail } from '@/lib/domain/person';
import { useRecordFigures } from '@/lib/query/profile';
import type { ThreadContext } from '@/lib/sites/types';
import { formatDate } from './blocks/format';
import { DeleteConfirm, PrivacyForm, ProfileBlocks, ScoreExplanation } from './lazy-blocks';
import { AutoLog } from './AutoLog';
import { CtaList } from './CtaList';
import { DeleteContact } from './DeleteContact';
import { EmailLogger } from './EmailLogger';
import { Field } from './Field';
import { LeadScore } from './LeadScore';
import { PrivacyBlock } from './PrivacyBlock';
import { StageControl, StageHistory } from './StageControl';
import { Timeline } from './Timeline';

/**
 * A known contact: first the summary a rep needs at a glance (who, where, how hot, which stage, when we last
 * talked), then the five record blocks to open and edit, then the timeline.
 */
export function ContactCard({ contact, thread }: { contact: Contact; thread: ThreadContext }) {
  const phone = contact.phones[0]?.number ?? '';
  return (
    <article className="ficha-card" aria-label={fullName(contact) || primaryEmail(contact)}>
      <h2 className="ficha-name" data-testid="contact-name">
        {fullName(contact) || primaryEmail(contact)}
      </h2>
      {contact.title && (
        <p className="ficha-subtitle" data-testid="contact-title">
          {contact.title}
        </p>
      )}
      <div className="ficha-badges">
        <LeadScore contact={contact} Explanation={ScoreExplanation} />
        <StageControl contact={contact} />
      </div>
      <dl className="ficha-fields">
        <Field label={i18n.t('contact.email')} testId="contact-email" value={primaryEmail(contact)} />
        <Field label={i18n.t('contact.company')} testId="contact-company" value={contact.company} />
        {phone && <Field label={i18n.t('contact.phone')} testId="contact-phone" value={phone} />}
        <LastContacted contactId={contact.id} />
      </dl>
      <EmailLogger contact={contact} thread={thread} />
      <AutoLog contact={contact} thread={thread} />
      <CtaList contact={contact} thread={thread} />
      {/* Keyed: a half-typed edit must never carry over to the next person picked in the thread. */}
      <ProfileBlocks key={contact.id} contact={contact} />
      <StageHistory contactId={contact.id} />
      {/* The consent log's "who": the rep's own address in this webmail. */}
      <PrivacyBlock contact={contact} by={thread.selfEmail} Form={PrivacyForm} />
      <Timeline contactId={contact.id} />
      <DeleteContact contact={contact} Confirm={DeleteConfirm} />
    </article>
  );
}

function LastContacted({ contactId }: { contactId: string }) {
  const figures = useRecordFigures(contactId).data;
  const at = figures?.relational.lastContactedAt;
  return <Field label={i18n.t('profile.lastContacted')} testId="last-contacted" value={figures ? (at === null ? i18n.t('profile.never') : formatDate(at)) : ''} />;
}
