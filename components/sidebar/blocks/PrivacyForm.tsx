// The privacy form of a card: legal basis, consent and do-not-contact. In the webmail it comes with the lazily
// injected block script (see PrivacyBlock.tsx: it is built only when the rep unfolds it).
import { i18n } from '@/lib/i18n/cached-messages';
import type { Contact } from '@/lib/domain/contact';
import { useUpdatePrivacy } from '@/lib/query/record';
import { ErrorNotice } from '../ErrorNotice';

// Mirrors LEGAL_BASES / CONSENT_STATUSES in lib/domain/consent.ts (which pulls zod, so it stays out of this bundle);
// the background validates every value against the real lists.
const BASES = ['consent', 'contract', 'legitimate_interest', 'other', 'none'] as const;
const STATUSES = ['granted', 'denied', 'withdrawn', 'unknown'] as const;

export interface PrivacyProps {
  contact: Contact;
  /** The rep's own address, the consent log's "who". */
  by?: string | null;
  /** Where the change is made, the consent log's "source" (the message's default: the sidebar). */
  source?: string;
}

/** Each change saves at once and is audited in the background. */
export function PrivacyForm({ contact, by, source }: PrivacyProps) {
  const update = useUpdatePrivacy(contact.id);
  const saved = { legalBasis: contact.privacy.legalBasis, consentStatus: contact.privacy.consent.status, doNotContact: contact.privacy.doNotContact };
  // While saving, show what is being saved, so controls do not flick back (react-query's "optimistic via variables").
  const { legalBasis, consentStatus, doNotContact } = update.isPending && update.variables ? { ...saved, ...update.variables } : saved;
  const save = (change: Partial<{ legalBasis: string; consentStatus: string; doNotContact: boolean }>) =>
    update.mutate({ contactId: contact.id, ...saved, ...change, ...(by ? { by } : {}), ...(source ? { source } : {}) } as Parameters<typeof update.mutate>[0]);

  return (
    <>
      <div className="ficha-form">
        <label htmlFor="ficha-basis">{i18n.t('privacy.legalBasis')}</label>
        <select id="ficha-basis" data-testid="legal-basis" value={legalBasis} disabled={update.isPending} onChange={(e) => save({ legalBasis: e.target.value })}>
          {BASES.map((b) => (
            <option key={b} value={b}>
              {i18n.t(`privacy.basis.${b}`)}
            </option>
          ))}
        </select>
        <label htmlFor="ficha-consent">{i18n.t('privacy.consent')}</label>
        <select id="ficha-consent" data-testid="consent-status" value={consentStatus} disabled={update.isPending} onChange={(e) => save({ consentStatus: e.target.value })}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {i18n.t(`privacy.status.${s}`)}
            </option>
          ))}
        </select>
        <label className="ficha-check">
          <input type="checkbox" data-testid="do-not-contact" checked={doNotContact} disabled={update.isPending} onChange={(e) => save({ doNotContact: e.target.checked })} />
          {i18n.t('privacy.doNotContact')}
        </label>
      </div>
      {update.error && <ErrorNotice error={update.error} />}
    </>
  );
}
