// A model error as the admin reads it: the reason in the UI language, and where it is named by the labels on
// screen (dimension, group, rule, field) instead of the schema's dotted path of ids and indexes.
import { i18n } from '#i18n';
import type { ScoringModelError } from '@/lib/domain/scoring-model';
import type { ScoringErrorKey } from '@/lib/domain/scoring/error-keys';
import type { Draft } from './model-edits';

// The keys take 0 to 2 arguments each: the browser ignores substitutions a message does not use (typed per count).
const translate = i18n.t as unknown as (key: `scoringEditor.error.${ScoringErrorKey}`, substitutions: string[]) => string;

export const errorText = (error: ScoringModelError): string => translate(`scoringEditor.error.${error.key}`, error.args.map(String));

const GRADES = ['fitA', 'fitB', 'engagement1', 'engagement2'] as const;

/** The name of the field a path ends on, inside a group or rule. */
function fieldName(part: string | undefined): string | null {
  switch (part) {
    case 'cap':
      return i18n.t('scoringEditor.cap');
    case 'points':
      return i18n.t('scoringEditor.points');
    case 'condition':
      return i18n.t('scoringEditor.condition');
    case 'label':
      return i18n.t('scoringEditor.place.name');
    case 'id':
      return i18n.t('scoringEditor.place.id');
    default:
      return null;
  }
}

/** A group or rule by its label; by its position when the label is what is wrong (blank). */
const labelOr = (label: string, index: number) => label.trim() || `#${index + 1}`;

/** "Fit › Job title › CEO › Points"; a path the draft no longer has keeps what it can still name. */
export function errorPlace(draft: Draft, path: string): string {
  const parts = path === '' ? [] : path.split('.');
  const [head, ...rest] = parts;
  if (head === undefined) return i18n.t('scoringEditor.place.model');
  if (head === 'weights') return i18n.t('scoringEditor.weights');
  if (head === 'mqlThreshold') return i18n.t('scoringEditor.mql');
  if (head === 'grades') {
    const grade = GRADES.find((g) => g === rest[0]);
    return grade ? i18n.t(`scoringEditor.grade.${grade}`) : i18n.t('scoringEditor.grades');
  }
  if (head !== 'fit' && head !== 'engagement') return fieldName(head) ?? i18n.t('scoringEditor.place.model');
  const names = [i18n.t(`score.${head}`)];
  if (rest[0] !== 'groups') return [...names, fieldName(rest[0]) ?? ''].filter(Boolean).join(' › ');
  const group = draft[head].groups[Number(rest[1])];
  if (group) names.push(labelOr(group.label, Number(rest[1])));
  if (rest[2] === 'rules') {
    const rule = group?.rules[Number(rest[3])];
    if (rule) names.push(labelOr(rule.label, Number(rest[3])));
    const field = fieldName(rest[4]);
    if (field) names.push(field);
  } else {
    const field = fieldName(rest[2]);
    if (field) names.push(field);
  }
  return names.join(' › ');
}
