import { i18n } from '@/lib/i18n/cached-messages';
import type { Contact } from '@/lib/domain/contact';
import { COMPANY_SIZE_BANDS } from '@/lib/domain/profile-values';
import { useCompany, useUpdateCompany, useUpdateFields } from '@/lib/query/profile';
import { InlineField } from './InlineField';
import { SelectField } from './SelectField';

export const sizeOptions = () => COMPANY_SIZE_BANDS.map((b) => ({ value: b, label: i18n.t('profile.sizeBand', [b]) }));

/**
 * The contact's company. With a domain it is the shared Company row: its name, industry, size and country are
 * edited once and shown on every contact of that domain. Without one (free-mail), the name is the contact's own.
 */
export function CompanyFields({ contact }: { contact: Contact }) {
  const domain = contact.companyDomain;
  const company = useCompany(domain);
  const updateCompany = useUpdateCompany(contact.id);
  const update = useUpdateFields(contact.id);
  const saveCompany = (patch: Record<string, string>) => updateCompany.mutateAsync({ domain, patch });
  const row = company.data;

  return (
    <>
      <InlineField
        name="company"
        label={i18n.t('contact.company')}
        value={row?.name ?? contact.company}
        errorPath="patch.company"
        onSave={(name) => update.mutateAsync({ contactId: contact.id, patch: { company: name } })}
      />
      <InlineField
        name="companyDomain"
        label={i18n.t('profile.general.companyDomain')}
        value={domain}
        placeholder="acme.com"
        errorPath="patch.companyDomain"
        onSave={(v) => update.mutateAsync({ contactId: contact.id, patch: { companyDomain: v } })}
      />
      {domain && (
        <div className="ficha-company" data-testid="company-shared">
          <p className="ficha-hint ficha-small">{i18n.t('profile.general.shared', [domain])}</p>
          <InlineField name="industry" label={i18n.t('profile.general.industry')} value={row?.industry ?? ''} errorPath="patch.industry" onSave={(v) => saveCompany({ industry: v })} />
          <SelectField name="sizeBand" label={i18n.t('profile.general.size')} value={row?.sizeBand ?? ''} options={sizeOptions()} errorPath="patch.sizeBand" onSave={(v) => saveCompany({ sizeBand: v })} />
          <InlineField name="country" label={i18n.t('profile.general.country')} value={row?.country ?? ''} placeholder="ES, MX, US" errorPath="patch.country" onSave={(v) => saveCompany({ country: v })} />
        </div>
      )}
    </>
  );
}
