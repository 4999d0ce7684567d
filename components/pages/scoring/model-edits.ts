// Immutable edits of a draft scoring model (the editor's state), kept out of the components.
import { i18n } from '#i18n';
import type { ScoringModelInput } from '@/lib/domain/scoring-model';

export type Draft = ScoringModelInput;
export type DimensionId = 'fit' | 'engagement';

export const newRule = (dimension: DimensionId, taken: Set<string>) => {
  let n = taken.size + 1;
  while (taken.has(`${dimension}.rule-${n}`)) n++;
  const id = `${dimension}.rule-${n}`;
  return dimension === 'fit'
    ? { id, label: i18n.t('scoringEditor.newFitRule'), points: 10, condition: { type: 'titleMatches' as const, keywords: [i18n.t('scoringEditor.newFitKeyword')] } }
    : { id, label: i18n.t('scoringEditor.newEngagementRule'), points: 5, condition: { type: 'activityCount' as const, types: ['email.received' as const], withinDays: 30 } };
};

export const ruleIds = (draft: Draft) =>
  new Set((['fit', 'engagement'] as const).flatMap((d) => draft[d].groups.flatMap((g) => g.rules.map((r) => r.id))));

/** Structural copy then a targeted mutation: drafts are small, and this keeps each edit a one-liner. */
export function edit(draft: Draft, change: (copy: Draft) => void): Draft {
  const copy = structuredClone(draft);
  change(copy);
  return copy;
}

export function moveItem<T>(list: T[], from: number, to: number): void {
  if (to < 0 || to >= list.length) return;
  const [item] = list.splice(from, 1);
  if (item !== undefined) list.splice(to, 0, item);
}

/** "a, b ,c" → ['a','b','c'] (empty items dropped). */
export const splitList = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);
