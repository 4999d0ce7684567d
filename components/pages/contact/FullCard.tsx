import { i18n } from '#i18n';
import { PrivacyBlock } from '@/components/sidebar/PrivacyBlock';
import { PrivacyForm } from '@/components/sidebar/blocks/PrivacyForm';
import { ProfileBlocks } from '@/components/sidebar/blocks/ProfileBlocks';
import { ScoreExplanation } from '@/components/sidebar/blocks/ScoreExplanation';
import { ErrorNotice } from '@/components/sidebar/ErrorNotice';
import { Field } from '@/components/sidebar/Field';
import { LeadScore } from '@/components/sidebar/LeadScore';
import { StageControl, StageHistory } from '@/components/sidebar/StageControl';
import { Timeline } from '@/components/sidebar/Timeline';
import type { Contact } from '@/lib/domain/contact';
import { fullName, primaryEmail } from '@/lib/domain/person';
import { isNotFound, useContact } from '@/lib/query/hooks';

/** `contact.html?id=…`: the id of the contact to show, or null when the link carries none. */
export function contactIdFrom(search: string): string | null {
  const id = new URLSearchParams(search).get('id')?.trim() ?? '';
  return id && id.length <= 64 ? id : null;
}

export const gmailSearchUrl = (email: string) => `https://mail.google.com/mail/u/0/#search/${encodeURIComponent(email)}`;

/**
 * The whole record of one contact on an extension page, opened from the popup or the dashboard: the sidebar's own
 * blocks (score, stage, profile, privacy, timeline) without the parts that need an open email thread.
 */
// The sidebar follows the webmail's theme; this page follows the browser's.
const theme = () => (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');

export function FullCardPage({ id }: { id: string | null }) {
  const contact = useContact(id);
  if (id === null) return <Notice text={i18n.t('fullCard.missingId')} />;
  if (isNotFound(contact.error)) return <Notice text={i18n.t('fullCard.notFound')} />;
  return (
    <main className="ficha-sidebar ficha-full-page" data-theme={theme()}>
      {contact.isError && <ErrorNotice error={contact.error} onRetry={() => void contact.refetch()} />}
      {contact.isPending && <p className="ficha-muted" role="status">{i18n.t('sidebar.loading')}</p>}
      {contact.data && <FullCard contact={contact.data} />}
    </main>
  );
}

function Notice({ text }: { text: string }) {
  return (
    <main className="ficha-sidebar ficha-full-page" data-theme={theme()}>
      <h1 className="ficha-name">{i18n.t('fullCard.title')}</h1>
      <p role="alert" data-testid="full-card-missing">{text}</p>
    </main>
  );
}

function FullCard({ contact }: { contact: Contact }) {
  const name = fullName(contact) || primaryEmail(contact);
  const email = primaryEmail(contact);
  return (
    <article className="ficha-card" aria-label={name} data-testid="full-card">
      <h1 className="ficha-name" data-testid="contact-name">{name}</h1>
      {contact.title && <p className="ficha-subtitle" data-testid="contact-title">{contact.title}</p>}
      <div className="ficha-badges">
        <LeadScore contact={contact} Explanation={ScoreExplanation} />
        <StageControl contact={contact} />
      </div>
      <dl className="ficha-fields">
        <Field label={i18n.t('contact.email')} testId="contact-email" value={email} />
        <Field label={i18n.t('contact.company')} testId="contact-company" value={contact.company} />
        {contact.phones[0] && <Field label={i18n.t('contact.phone')} testId="contact-phone" value={contact.phones[0].number} />}
      </dl>
      {email && (
        <p>
          <a href={gmailSearchUrl(email)} target="_blank" rel="noreferrer noopener">{i18n.t('fullCard.searchInGmail')}</a>
        </p>
      )}
      <ProfileBlocks key={contact.id} contact={contact} />
      <StageHistory contactId={contact.id} />
      <PrivacyBlock contact={contact} source="contact page" Form={PrivacyForm} />
      <Timeline contactId={contact.id} />
    </article>
  );
}
