import { i18n } from '@/lib/i18n/cached-messages';
import type { Contact } from '@/lib/domain/contact';
import { useUpdateFields } from '@/lib/query/profile';
import { Block } from './Block';
import { CompanyFields } from './CompanyFields';
import { InlineField } from './InlineField';

type PatchField = 'firstName' | 'lastName' | 'title' | 'language' | 'location';

/** General data: names, job title, company (shared by its domain), language, location. */
export function GeneralBlock({ contact }: { contact: Contact }) {
  return (
    <Block id="general" title={i18n.t('profile.general.title')}>
      <GeneralFields contact={contact} />
    </Block>
  );
}

/** The block's fields and their queries, mounted only while the block is open. */
function GeneralFields({ contact }: { contact: Contact }) {
  const update = useUpdateFields(contact.id);
  const field = (name: PatchField, label: string, value: string | undefined, placeholder?: string) => (
    <InlineField
      name={name}
      label={label}
      value={value ?? ''}
      placeholder={placeholder}
      errorPath={`patch.${name}`}
      onSave={(draft) => update.mutateAsync({ contactId: contact.id, patch: { [name]: draft } })}
    />
  );
  const { language, location } = contact.profile.general;
  return (
    <>
      {field('firstName', i18n.t('profile.general.firstName'), contact.firstName)}
      {field('lastName', i18n.t('profile.general.lastName'), contact.lastName)}
      {field('title', i18n.t('contact.title'), contact.title)}
      <CompanyFields contact={contact} />
      {field('language', i18n.t('profile.general.language'), language, 'es, en-GB')}
      {field('location', i18n.t('profile.general.location'), location)}
    </>
  );
}
