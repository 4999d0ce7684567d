import { i18n } from '#i18n';
import { ACTIVITY_TYPES, type ActivityType } from '@/lib/domain/activity';
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
const activityName = (type: ActivityType) => i18n.t(`timeline.type.${type.replace('.', '_') as 'email_received'}`);

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
            <option key={t} value={t}>
              {typeName(t)}
            </option>
          ))}
        </select>
      )}
      {listField && (
        <input
          className="cond-list"
          aria-label={`${label}: ${listName(listField)} (${i18n.t('scoringEditor.listHint')})`}
          title={`${listName(listField)} (${i18n.t('scoringEditor.listHint')})`}
          defaultValue={((record[listField] as string[] | undefined) ?? []).join(', ')}
          onBlur={(e) => set({ [listField]: splitList(e.target.value) })}
        />
      )}
      {condition.type === 'daysInDatabaseAtLeast' && numberInput('days', i18n.t('scoringEditor.days'))}
      {condition.type === 'fieldPresent' && (
        <input aria-label={`${label}: ${i18n.t('scoringEditor.field')}`} title={i18n.t('scoringEditor.field')} defaultValue={condition.field} onBlur={(e) => set({ field: e.target.value.trim() })} />
      )}
      {condition.type === 'activityCount' && (
        <>
          <ActivityTypes label={label} types={condition.types} onChange={(types) => set({ types })} />
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

/** Which activities a rule counts: their names at a glance, ticked in a list that opens. */
function ActivityTypes({ label, types, onChange }: { label: string; types: readonly string[]; onChange: (next: string[]) => void }) {
  const chosen = new Set(types);
  const known = ACTIVITY_TYPES.filter((t) => chosen.has(t));
  // A type this version does not know (a newer teammate's model) is kept and shown as it is.
  const other = types.filter((t) => !(ACTIVITY_TYPES as readonly string[]).includes(t));
  const names = [...known.map(activityName), ...other];
  return (
    <details className="cond-types">
      <summary aria-label={`${label}: ${i18n.t('scoringEditor.list.types')}: ${names.join(', ') || i18n.t('scoringEditor.noTypes')}`}>
        {names.join(', ') || i18n.t('scoringEditor.noTypes')}
      </summary>
      {ACTIVITY_TYPES.map((type) => (
        <label key={type} className="cond-field">
          <input
            type="checkbox"
            checked={chosen.has(type)}
            onChange={(e) => onChange(e.target.checked ? [...types, type] : types.filter((t) => t !== type))}
          />
          {activityName(type)}
        </label>
      ))}
    </details>
  );
}
