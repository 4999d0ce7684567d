import { i18n } from '#i18n';
import type { EngagementConditionInput, FitCondition } from '@/lib/domain/scoring-model';
import { splitList } from './model-edits';

type Condition = FitCondition | EngagementConditionInput;

// Which list field each fit condition carries (the others have none, or a number / enum).
const LIST_FIELD: Record<string, string | undefined> = {
  titleMatches: 'keywords',
  personaRoleIs: 'roles',
  industryIs: 'values',
  companySizeIn: 'bands',
  countryIn: 'codes',
  hasTag: 'tags',
  activityCount: 'types',
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

/** The parameters of one rule's condition; values are checked by the model schema, errors shown by the editor. */
export function ConditionFields({ condition, label, onChange }: { condition: Condition; label: string; onChange: (next: Condition) => void }) {
  const set = (patch: object) => onChange({ ...condition, ...patch } as Condition);
  const listField = LIST_FIELD[condition.type];
  const record = condition as unknown as Record<string, unknown>;
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
            <option key={t}>{t}</option>
          ))}
        </select>
      )}
      {listField && (
        <input
          className="cond-list"
          aria-label={`${label}: ${listField} (${i18n.t('scoringEditor.listHint')})`}
          defaultValue={((record[listField] as string[] | undefined) ?? []).join(', ')}
          onBlur={(e) => set({ [listField]: splitList(e.target.value) })}
        />
      )}
      {condition.type === 'daysInDatabaseAtLeast' && numberInput('days', 'days')}
      {condition.type === 'fieldPresent' && (
        <input aria-label={`${label}: field`} defaultValue={condition.field} onBlur={(e) => set({ field: e.target.value.trim() })} />
      )}
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
