import { i18n } from '@/lib/i18n/cached-messages';
import type { Contact } from '@/lib/domain/contact';
import { CONTACT_SOURCES, PERSONA_ROLES } from '@/lib/domain/profile-values';
import { useCompany, useRecordFigures, useUpdateFields } from '@/lib/query/profile';
import { Block, Figure, ReadOnlyField } from './Block';
import { sizeOptions } from './CompanyFields';
import { InlineField } from './InlineField';
import { SelectField } from './SelectField';

/** "a, b,, A" → ["a", "b"]: tags are typed as one comma-separated line; repeats (any case) collapse. */
function parseTags(line: string): string[] {
  const seen = new Set<string>();
  return line
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
}

/** Segmentation: buying role, industry, size, tags, source, and the RFM segment computed from the deals. */
export function SegmentationBlock({ contact }: { contact: Contact }) {
  return (
    <Block id="segmentation" title={i18n.t('profile.segmentation.title')}>
      <SegmentationFields contact={contact} />
    </Block>
  );
}

/** The block's fields and their queries, mounted only while the block is open. */
function SegmentationFields({ contact }: { contact: Contact }) {
  const update = useUpdateFields(contact.id);
  const company = useCompany(contact.companyDomain).data;
  const rfm = useRecordFigures(contact.id).data?.rfm;
  const save = (patch: Record<string, unknown>) => update.mutateAsync({ contactId: contact.id, patch });
  const own = contact.profile.segmentation;
  const language = i18n.t('profile.labelLanguage') === 'es' ? 'es' : 'en';

  return (
    <>
      <SelectField
        name="personaRole"
        label={i18n.t('profile.segmentation.persona')}
        value={own.personaRole ?? ''}
        options={PERSONA_ROLES.map((r) => ({ value: r, label: i18n.t(`profile.persona.${r}`) }))}
        errorPath="patch.personaRole"
        onSave={(v) => save({ personaRole: v })}
      />
      {company ? (
        // Company facts are edited once on the company (General block) and shown here for every colleague.
        <>
          <ReadOnlyField label={i18n.t('profile.general.industry')} value={company.industry} />
          <ReadOnlyField label={i18n.t('profile.general.size')} value={company.sizeBand ? i18n.t('profile.sizeBand', [company.sizeBand]) : ''} />
          <p className="ficha-hint ficha-small">{i18n.t('profile.segmentation.fromCompany', [company.name])}</p>
        </>
      ) : (
        <>
          <InlineField name="segmentIndustry" label={i18n.t('profile.general.industry')} value={own.industry ?? ''} errorPath="patch.industry" onSave={(v) => save({ industry: v })} />
          <SelectField name="companySize" label={i18n.t('profile.general.size')} value={own.companySize ?? ''} options={sizeOptions()} errorPath="patch.companySize" onSave={(v) => save({ companySize: v })} />
        </>
      )}
      <InlineField name="tags" label={i18n.t('profile.segmentation.tags')} value={contact.tags.join(', ')} placeholder="vip, madrid" errorPath="patch.tags" onSave={(v) => save({ tags: parseTags(v) })} />
      <SelectField
        name="source"
        label={i18n.t('profile.segmentation.source')}
        value={own.source ?? ''}
        options={CONTACT_SOURCES.map((s) => ({ value: s, label: i18n.t(`profile.source.${s}`) }))}
        errorPath="patch.source"
        onSave={(v) => save({ source: v })}
      />
      <dl className="ficha-figures">
        <Figure
          testId="rfm-segment"
          label={i18n.t('profile.segmentation.rfm')}
          value={rfm ? `${rfm.label[language]} (R${rfm.recency} F${rfm.frequency} M${rfm.monetary})` : i18n.t('profile.segmentation.noPurchases')}
        />
      </dl>
    </>
  );
}
