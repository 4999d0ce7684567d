import { i18n } from '#i18n';
import { ConditionFields } from './ConditionFields';
import { type DimensionId, type Draft, edit, moveItem, newRule, ruleIds } from './model-edits';

interface Props {
  draft: Draft;
  dimension: DimensionId;
  errorAt: (path: string) => string | undefined;
  onChange: (next: Draft) => void;
}

/** One dimension: its cap, its groups (caps) and their ordered rules. */
export function DimensionEditor({ draft, dimension, errorAt, onChange }: Props) {
  const dim = draft[dimension];
  const change = (mutate: (d: Draft) => void) => onChange(edit(draft, mutate));
  return (
    <fieldset className="dimension" data-testid={`scoring-${dimension}`}>
      <legend>
        {i18n.t(`score.${dimension}`)} ·{' '}
        <NumberField label={`${i18n.t(`score.${dimension}`)} ${i18n.t('scoringEditor.cap')}`} value={dim.cap} error={errorAt(`${dimension}.cap`)} onChange={(v) => change((d) => void (d[dimension].cap = v))} />
      </legend>
      {dim.groups.map((group, g) => (
        <div key={group.id} className="group">
          <div className="group-head">
            <strong>{group.label}</strong>
            <NumberField
              label={`${group.label} ${i18n.t('scoringEditor.cap')}`}
              value={group.cap}
              error={errorAt(`${dimension}.groups.${g}.cap`)}
              onChange={(v) => change((d) => void (d[dimension].groups[g]!.cap = v))}
            />
          </div>
          <ol className="rules">
            {group.rules.map((rule, r) => {
              const at = `${dimension}.groups.${g}.rules.${r}`;
              // Both dimensions' rules share this shape; the condition is checked by the model schema.
              const rules = (d: Draft) => d[dimension].groups[g]!.rules as { label: string; points: number; condition: unknown }[];
              return (
                <li key={rule.id} data-testid="scoring-rule" data-rule={rule.id}>
                  <input aria-label={i18n.t('scoringEditor.ruleName', [rule.label])} defaultValue={rule.label} onBlur={(e) => change((d) => void (rules(d)[r]!.label = e.target.value))} />
                  <NumberField label={`${rule.label}: ${i18n.t('scoringEditor.points')}`} value={rule.points} error={errorAt(`${at}.points`)} onChange={(v) => change((d) => void (rules(d)[r]!.points = v))} />
                  <ConditionFields condition={rule.condition} label={rule.label} onChange={(c) => change((d) => void (rules(d)[r]!.condition = c))} />
                  <span className="rule-actions">
                    <button type="button" aria-label={i18n.t('scoringEditor.moveUp', [rule.label])} disabled={r === 0} onClick={() => change((d) => moveItem(rules(d), r, r - 1))}>
                      ↑
                    </button>
                    <button type="button" aria-label={i18n.t('scoringEditor.moveDown', [rule.label])} disabled={r === group.rules.length - 1} onClick={() => change((d) => moveItem(rules(d), r, r + 1))}>
                      ↓
                    </button>
                    <button type="button" aria-label={i18n.t('scoringEditor.removeRule', [rule.label])} onClick={() => change((d) => void rules(d).splice(r, 1))}>
                      ✕
                    </button>
                  </span>
                  <FieldError message={errorAt(at) ?? errorAt(`${at}.condition`) ?? firstErrorUnder(errorAt, `${at}.condition.`)} />
                </li>
              );
            })}
          </ol>
          <FieldError message={errorAt(`${dimension}.groups.${g}.rules`)} />
          <button type="button" onClick={() => change((d) => void (d[dimension].groups[g]!.rules as unknown[]).push(newRule(dimension, ruleIds(draft))))}>
            {i18n.t('scoringEditor.addRule')}
          </button>
        </div>
      ))}
    </fieldset>
  );
}

const firstErrorUnder = (errorAt: Props['errorAt'], prefix: string) => errorAt(`${prefix}*`);

export function NumberField({ label, value, error, onChange }: { label: string; value: number | undefined; error?: string; onChange: (v: number) => void }) {
  return (
    <span className="number-field">
      <input type="number" aria-label={label} aria-invalid={error !== undefined} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))} />
      <FieldError message={error} />
    </span>
  );
}

export function FieldError({ message }: { message?: string }) {
  return message ? (
    <span className="error-text" role="alert" data-testid="scoring-error">
      {message}
    </span>
  ) : null;
}
