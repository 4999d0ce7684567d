import { i18n } from '@/lib/i18n/cached-messages';
import type { Contact } from '@/lib/domain/contact';
import { useRecordFigures } from '@/lib/query/profile';
import { ErrorNotice } from '../ErrorNotice';
import { Block, Figure } from './Block';
import { dash, formatDate } from './format';

/** Relational data, read-only: everything here is derived from the timeline, so it is changed by logging, not typing. */
export function RelationalBlock({ contact }: { contact: Contact }) {
  return (
    <Block id="relational" title={i18n.t('profile.relational.title')}>
      <RelationalFigures contactId={contact.id} />
    </Block>
  );
}

function RelationalFigures({ contactId }: { contactId: string }) {
  const figures = useRecordFigures(contactId);
  if (figures.isError) return <ErrorNotice error={figures.error} onRetry={() => void figures.refetch()} />;
  if (!figures.data) return <p className="ficha-hint">{i18n.t('sidebar.loading')}</p>;
  const { relational: r, owner } = figures.data;
  const survey = (result: { score: number; at: number } | undefined) => (result ? `${result.score} · ${formatDate(result.at)}` : dash());
  return (
    <>
      <dl className="ficha-figures">
        <Figure label={i18n.t('profile.relational.firstContacted')} value={formatDate(r.firstContactedAt)} />
        <Figure label={i18n.t('profile.relational.lastContacted')} value={formatDate(r.lastContactedAt)} />
        <Figure label={i18n.t('profile.relational.emailsIn')} value={String(r.emailsIn)} testId="figure-emails-in" />
        <Figure label={i18n.t('profile.relational.emailsOut')} value={String(r.emailsOut)} />
        <Figure label={i18n.t('profile.relational.lastReply')} value={formatDate(r.lastReplyAt)} />
        <Figure label={i18n.t('profile.relational.ctaInserts')} value={String(r.ctaInserts)} />
        <Figure label={i18n.t('profile.relational.notes')} value={String(r.notes)} />
        <Figure label="NPS" value={survey(r.lastNps)} />
        <Figure label="CSAT" value={survey(r.lastCsat)} />
        <Figure label={i18n.t('profile.relational.owner')} value={owner || dash()} />
      </dl>
      <p className="ficha-hint ficha-small">{i18n.t('profile.relational.derived')}</p>
    </>
  );
}
