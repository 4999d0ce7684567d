import { i18n } from '@/lib/i18n/cached-messages';
import type { Contact } from '@/lib/domain/contact';
import { PHONE_LABELS, PREFERRED_CHANNELS } from '@/lib/domain/profile-values';
import { useSetEmails, useSetPhones, useUpdateFields } from '@/lib/query/profile';
import { Block } from './Block';
import { InlineField } from './InlineField';
import { ListEditor } from './ListEditor';
import { SelectField } from './SelectField';

type Email = Contact['emails'][number];
type Phone = Contact['phones'][number];

const phoneLabel = (label: string) => ((PHONE_LABELS as readonly string[]).includes(label) ? i18n.t(`profile.phoneLabel.${label as (typeof PHONE_LABELS)[number]}`) : label);

/** Contact data: addresses (one primary), phones, website, social profiles, preferred channel. */
export function ContactDataBlock({ contact }: { contact: Contact }) {
  return (
    <Block id="contact" title={i18n.t('profile.contactData.title')}>
      <ContactDataFields contact={contact} />
    </Block>
  );
}

/** The block's fields and their queries, mounted only while the block is open. */
function ContactDataFields({ contact }: { contact: Contact }) {
  const setEmails = useSetEmails(contact.id);
  const setPhones = useSetPhones(contact.id);
  const update = useUpdateFields(contact.id);
  const contactId = contact.id;
  const { website, socialProfiles, preferredChannel } = contact.profile.contactData;

  return (
    <>
      <ListEditor<Email>
        name="email"
        label={i18n.t('profile.contactData.emails')}
        addLabel={i18n.t('profile.contactData.newEmail')}
        type="email"
        items={contact.emails}
        text={(e) => e.address}
        make={(address, previous) => ({ address, primary: previous?.primary ?? false })}
        errorPath="emails"
        onSave={(emails) => setEmails.mutateAsync({ contactId, emails: withPrimary(emails) })}
        extra={(email, index, save) =>
          email.primary ? (
            <span className="ficha-tag ficha-tag-ok">{i18n.t('profile.contactData.primary')}</span>
          ) : (
            <button type="button" className="ficha-link ficha-small" data-testid="make-primary" onClick={() => save(contact.emails.map((e, i) => ({ ...e, primary: i === index })))}>
              {i18n.t('profile.contactData.makePrimary')}
            </button>
          )
        }
      />
      <ListEditor<Phone>
        name="phone"
        label={i18n.t('profile.contactData.phones')}
        addLabel={i18n.t('profile.contactData.newPhone')}
        type="tel"
        items={contact.phones}
        text={(p) => p.number}
        make={(number, previous) => ({ number, label: previous?.label ?? 'work' })}
        errorPath="phones"
        onSave={(phones) => setPhones.mutateAsync({ contactId, phones })}
        extra={(phone, index, save) => (
          <select className="ficha-small" aria-label={i18n.t('profile.contactData.phoneLabel', [phone.number])} value={phone.label} onChange={(e) => save(contact.phones.map((p, i) => (i === index ? { ...p, label: e.target.value } : p)))}>
            {[...new Set([...PHONE_LABELS, phone.label])].map((l) => (
              <option key={l} value={l}>
                {phoneLabel(l)}
              </option>
            ))}
          </select>
        )}
      />
      <InlineField name="website" label={i18n.t('profile.contactData.website')} type="url" placeholder="https://" value={website ?? ''} errorPath="patch.website" onSave={(v) => update.mutateAsync({ contactId, patch: { website: v } })} />
      <ListEditor<string>
        name="social"
        label={i18n.t('profile.contactData.social')}
        addLabel={i18n.t('profile.contactData.newSocial')}
        type="url"
        items={socialProfiles}
        text={(url) => url}
        make={(url) => url.trim()}
        errorPath="patch.socialProfiles"
        onSave={(urls) => update.mutateAsync({ contactId, patch: { socialProfiles: urls } })}
      />
      <SelectField
        name="preferredChannel"
        label={i18n.t('profile.contactData.channel')}
        value={preferredChannel ?? ''}
        options={PREFERRED_CHANNELS.map((c) => ({ value: c, label: i18n.t(`profile.channel.${c}`) }))}
        errorPath="patch.preferredChannel"
        onSave={(v) => update.mutateAsync({ contactId, patch: { preferredChannel: v } })}
      />
    </>
  );
}

/** Removing the primary address promotes the first one left, so the list stays valid. */
function withPrimary(emails: Email[]): Email[] {
  return emails.some((e) => e.primary) ? emails : emails.map((e, i) => ({ ...e, primary: i === 0 }));
}
