import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { i18n } from '#i18n';
import { send } from '@/lib/messaging/client';
import { ACTIVITY_TYPES } from '@/lib/domain/activity';
import { COMPANY_SIZE_BANDS, PERSONA_ROLES } from '@/lib/domain/profile-values';
import { browser } from 'wxt/browser';
import { SCORABLE_FIELDS, type EngagementConditionInput, type FitCondition, type ScorableField } from '@/lib/domain/scoring-model';
import { countryNames } from './country-names';
import { splitList } from './model-edits';

type Condition = FitCondition | EngagementConditionInput;

// Which free-text list field each fit condition carries (the others have none, a number, or a choice list below).
const LIST_FIELD: Record<string, string | undefined> = {
  titleMatches: 'keywords',
  industryIs: 'values',
  countryIn: 'codes',
  hasTag: 'tags',
};
const FIT_TYPES = ['titleMatches', 'personaRoleIs', 'industryIs', 'companySizeIn', 'freeMail', 'countryIn', 'hasTag', 'daysInDatabaseAtLeast', 'fieldPresent'];
const FIT_DEFAULTS: Record<string, object> = {
  titleMatches: { keywords: ['director'] },
  personaRoleIs: { roles: ['economic_evaluator'] },
  industryIs: { values: ['software'] },
  companySizeIn: { bands: ['51-200'] },
  freeMail: {},
  countryIn: { codes: ['ES'] },
  hasTag: { tags: ['vip'] },
  daysInDatabaseAtLeast: { days: 30 },
  fieldPresent: { field: 'phones' },
};

// Admins read words, the model keeps ids: each condition type and list field said in the UI language.
const typeName = (type: string) => i18n.t(`scoringEditor.type.${type as 'freeMail'}`);
const listName = (field: string) => i18n.t(`scoringEditor.list.${field as 'tags'}`);
const activityName = (type: string) => i18n.t(`timeline.type.${type.replace('.', '_') as 'email_received'}`);
const roleName = (role: string) => i18n.t(`profile.persona.${role as 'champion'}`);

/** The profile fields `fieldPresent` can test, by the names the card gives them. */
const FIELD_NAMES: Record<ScorableField, () => string> = {
  firstName: () => i18n.t('profile.general.firstName'),
  lastName: () => i18n.t('profile.general.lastName'),
  company: () => i18n.t('contact.company'),
  companyDomain: () => i18n.t('profile.general.companyDomain'),
  title: () => i18n.t('contact.title'),
  phones: () => i18n.t('profile.contactData.phones'),
  owner: () => i18n.t('profile.relational.owner'),
  tags: () => i18n.t('profile.segmentation.tags'),
  personaRole: () => i18n.t('profile.segmentation.persona'),
  industry: () => i18n.t('profile.general.industry'),
  companySize: () => i18n.t('profile.general.size'),
  country: () => i18n.t('profile.general.country'),
};
const fieldName = (field: ScorableField) => FIELD_NAMES[field]();

/** The countries typed as codes, named in the UI language, so "ES, MX" is seen to mean Spain and Mexico. */
function CountryNames({ id, codes }: { id: string; codes: readonly string[] }) {
  const names = countryNames(codes, browser.i18n.getUILanguage());
  return names ? (
    <span id={id} className="muted cond-names" data-testid="scoring-country-names">
      {names}
    </span>
  ) : null;
}

const KNOWN_SHOWN = 12;

const KNOWN_WORDS = {
  tags: { title: () => i18n.t('scoringEditor.knownTags'), add: (value: string) => i18n.t('scoringEditor.addTag', [value]) },
  industries: { title: () => i18n.t('scoringEditor.knownIndustries'), add: (value: string) => i18n.t('scoringEditor.addIndustry', [value]) },
};

/** The tags or industries the records use (most used first), one click to add, so a rule names one that exists. */
function KnownValues({ kind, chosen, onAdd }: { kind: keyof typeof KNOWN_WORDS; chosen: readonly string[]; onAdd: (value: string) => void }) {
  const known = useQuery({ queryKey: ['scoring-known-values'], queryFn: () => send<'scoring.knownValues'>({ type: 'scoring.knownValues' }), staleTime: 60_000 });
  const taken = new Set(chosen.map((t) => t.toLocaleLowerCase()));
  const offered = (known.data?.[kind] ?? []).filter((t) => !taken.has(t.toLocaleLowerCase())).slice(0, KNOWN_SHOWN);
  if (offered.length === 0) return null;
  const words = KNOWN_WORDS[kind];
  return (
    <span role="group" aria-label={words.title()} className="cond-names known-values" data-testid={`scoring-known-${kind}`}>
      <span className="muted" aria-hidden="true">
        {words.title()}
      </span>
      {offered.map((value) => (
        <button key={value} type="button" className="chip" aria-label={words.add(value)} onClick={() => onAdd(value)}>
          + {value}
        </button>
      ))}
    </span>
  );
}

/** Conditions whose list holds values from a fixed set: ticked by name instead of typed as ids. */
const CHOICES: Record<string, { field: string; choices: readonly string[]; name: (choice: string) => string } | undefined> = {
  personaRoleIs: { field: 'roles', choices: PERSONA_ROLES, name: roleName },
  companySizeIn: { field: 'bands', choices: COMPANY_SIZE_BANDS, name: (band) => band },
  activityCount: { field: 'types', choices: ACTIVITY_TYPES, name: activityName },
};

/** The parameters of one rule's condition; values are checked by the model schema, errors shown by the editor. */
export function ConditionFields({ condition, label, onChange }: { condition: Condition; label: string; onChange: (next: Condition) => void }) {
  const set = (patch: object) => onChange({ ...condition, ...patch } as Condition);
  const listField = LIST_FIELD[condition.type];
  const choice = CHOICES[condition.type];
  const record = condition as unknown as Record<string, unknown>;
  // Ids for aria-describedby: one per rule on the page.
  const describedBy = `cond-${useId().replaceAll(':', '')}`;
  const numberInput = (field: string, text: string) => (
    <label className="cond-field">
      {text}
      <input
        type="number"
        value={typeof record[field] === 'number' ? (record[field] as number) : ''}
        onChange={(e) => set({ [field]: e.target.value === '' ? undefined : Number(e.target.value) })}
        aria-label={`${label}: ${text}`}
      />
    </label>
  );
  return (
    <div className="cond">
      {condition.type !== 'activityCount' && (
        <select aria-label={`${label}: ${i18n.t('scoringEditor.condition')}`} value={condition.type} onChange={(e) => onChange({ type: e.target.value, ...FIT_DEFAULTS[e.target.value] } as Condition)}>
          {FIT_TYPES.map((t) => (
            <option key={t} value={t}>
              {typeName(t)}
            </option>
          ))}
        </select>
      )}
      {listField && (
        <input
          // Re-read when the list changes from outside the box (a known tag added, a reset).
          key={((record[listField] as string[] | undefined) ?? []).join('\u0000')}
          className="cond-list"
          aria-describedby={condition.type === 'countryIn' ? `${describedBy}-countries` : undefined}
          aria-label={`${label}: ${listName(listField)} (${i18n.t('scoringEditor.listHint')})`}
          title={`${listName(listField)} (${i18n.t('scoringEditor.listHint')})`}
          defaultValue={((record[listField] as string[] | undefined) ?? []).join(', ')}
          onBlur={(e) => set({ [listField]: splitList(e.target.value) })}
        />
      )}
      {choice && (
        <ChoiceList
          label={`${label}: ${listName(choice.field)}`}
          choices={choice.choices}
          chosen={(record[choice.field] as string[] | undefined) ?? []}
          name={choice.name}
          onChange={(next) => set({ [choice.field]: next })}
        />
      )}
      {condition.type === 'daysInDatabaseAtLeast' && numberInput('days', i18n.t('scoringEditor.days'))}
      {condition.type === 'fieldPresent' && (
        <select aria-label={`${label}: ${i18n.t('scoringEditor.field')}`} value={condition.field} onChange={(e) => set({ field: e.target.value })}>
          {SCORABLE_FIELDS.map((f) => (
            <option key={f} value={f}>
              {fieldName(f)}
            </option>
          ))}
        </select>
      )}
      {condition.type === 'countryIn' && <CountryNames id={`${describedBy}-countries`} codes={condition.codes} />}
      {condition.type === 'hasTag' && <KnownValues kind="tags" chosen={condition.tags} onAdd={(tag) => set({ tags: [...condition.tags, tag] })} />}
      {condition.type === 'industryIs' && <KnownValues kind="industries" chosen={condition.values} onAdd={(industry) => set({ values: [...condition.values, industry] })} />}
      {condition.type === 'activityCount' && (
        <>
          {numberInput('withinDays', i18n.t('scoringEditor.withinDays'))}
          {numberInput('halfLifeDays', i18n.t('scoringEditor.halfLife'))}
          {numberInput('min', i18n.t('scoringEditor.min'))}
          <label className="cond-field">
            <input type="checkbox" checked={condition.perEvent ?? false} onChange={(e) => set({ perEvent: e.target.checked })} />
            {i18n.t('scoringEditor.perEvent')}
          </label>
        </>
      )}
    </div>
  );
}

/**
 * A list of values from a fixed set (activities counted, buying roles, size bands): their names at a glance, ticked
 * in a list that opens. A value this version does not know (a newer teammate's model) is kept and shown as it is.
 */
function ChoiceList(props: { label: string; choices: readonly string[]; chosen: readonly string[]; name: (choice: string) => string; onChange: (next: string[]) => void }) {
  const { label, choices, chosen, name, onChange } = props;
  const picked = new Set(chosen);
  const names = [...choices.filter((c) => picked.has(c)).map(name), ...chosen.filter((c) => !choices.includes(c))];
  const summary = names.join(', ') || i18n.t('scoringEditor.noneChosen');
  return (
    <details className="cond-types">
      <summary aria-label={`${label}: ${summary}`}>{summary}</summary>
      {choices.map((c) => (
        <label key={c} className="cond-field">
          <input type="checkbox" checked={picked.has(c)} onChange={(e) => onChange(e.target.checked ? [...chosen, c] : chosen.filter((x) => x !== c))} />
          {name(c)}
        </label>
      ))}
    </details>
  );
}
