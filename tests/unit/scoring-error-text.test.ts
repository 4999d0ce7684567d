// The scoring editor's errors in the admin's language: every reason the model can be refused has a key with words
// in both locales, and the place is named by the labels on screen, not by the schema's path of ids.
import { describe, expect, it } from 'vitest';
import { errorPlace, errorText } from '@/components/pages/scoring/error-text';
import type { Draft } from '@/components/pages/scoring/model-edits';
import { SCORING_ERROR_KEYS } from '@/lib/domain/scoring/error-keys';
import { parseScoringModel, type ScoringModelError } from '@/lib/domain/scoring-model';
import { useLocale } from './support/locale';

const draft = (): Draft => ({
  id: 'm',
  label: 'Model',
  fit: { cap: 100, groups: [{ id: 'title', label: 'Job title', cap: 60, rules: [{ id: 'ceo', label: 'CEO', points: 60, condition: { type: 'titleMatches', keywords: ['ceo'] } }] }] },
  engagement: {
    cap: 100,
    groups: [{ id: 'mail', label: 'Mail', cap: 60, rules: [{ id: 'replies', label: 'Replies', points: 10, condition: { type: 'activityCount', types: ['email.sent'], perEvent: true } }] }],
  },
  weights: { fit: 50, engagement: 50 },
  grades: { fitA: 40, fitB: 20, engagement1: 40, engagement2: 10 },
});

function errorsOf(model: unknown): ScoringModelError[] {
  const result = parseScoringModel(model);
  if (result.ok) throw new Error('expected the model to be refused');
  return result.errors;
}

const at = (errors: ScoringModelError[], path: string) => errors.find((e) => e.path === path);

describe('scoring model errors as keys', () => {
  it('gives each value-level refusal a key and the number it names', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- wrong on purpose, field by field
    const model = draft() as any;
    model.id = 'Bad Id';
    model.fit.groups[0].rules[0] = { ...model.fit.groups[0].rules[0], label: ' ', points: Number.NaN, condition: { type: 'countryIn', codes: ['XX'] } };
    model.engagement.groups[0].rules[0].condition = { type: 'activityCount', types: ['email.sent', 'nope'], withinDays: 0, min: 1.5 };
    model.engagement.cap = 101;
    const errors = errorsOf(model);
    expect(at(errors, 'id')).toMatchObject({ key: 'idFormat' });
    expect(at(errors, 'fit.groups.0.rules.0.label')).toMatchObject({ key: 'required' });
    expect(at(errors, 'fit.groups.0.rules.0.points')).toMatchObject({ key: 'number' });
    expect(at(errors, 'fit.groups.0.rules.0.condition.codes.0')).toMatchObject({ key: 'countryCode' });
    expect(at(errors, 'engagement.groups.0.rules.0.condition.types.1')).toMatchObject({ key: 'choice' });
    expect(at(errors, 'engagement.groups.0.rules.0.condition.withinDays')).toMatchObject({ key: 'above', args: [0] });
    expect(at(errors, 'engagement.groups.0.rules.0.condition.min')).toMatchObject({ key: 'wholeNumber' });
    expect(at(errors, 'engagement.cap')).toMatchObject({ key: 'atMost', args: [100] });
  });

  it('keys the lists and the checks across fields', () => {
    const empty = draft();
    empty.fit.groups[0]!.rules[0]!.condition = { type: 'titleMatches', keywords: [] };
    empty.engagement.groups = [];
    expect(at(errorsOf(empty), 'fit.groups.0.rules.0.condition.keywords')).toMatchObject({ key: 'listEmpty' });
    expect(at(errorsOf(empty), 'engagement.groups')).toMatchObject({ key: 'dimensionNeedsGroup' });
    const crowded = draft();
    crowded.fit.groups[0]!.rules = Array.from({ length: 101 }, (_, i) => ({ ...crowded.fit.groups[0]!.rules[0]!, id: `r${i}` }));
    expect(at(errorsOf(crowded), 'fit.groups.0.rules')).toMatchObject({ key: 'groupTooManyRules', args: [100] });
    const punctuation = draft();
    punctuation.fit.groups[0]!.rules[0]!.condition = { type: 'titleMatches', keywords: ['!!'] };
    expect(at(errorsOf(punctuation), 'fit.groups.0.rules.0.condition.keywords.0')).toMatchObject({ key: 'keywordLetter' });

    const crossed = { ...draft(), weights: { fit: 50, engagement: 40 }, grades: { fitA: 40, fitB: 40, engagement1: 40, engagement2: 50 } };
    crossed.engagement.cap = 50;
    const errors = errorsOf(crossed);
    expect(at(errors, 'weights')).toMatchObject({ key: 'weightsSum', args: [90] });
    expect(at(errors, 'grades.fitB')).toMatchObject({ key: 'fitGradeOrder', args: [40, 40] });
    expect(at(errors, 'grades.engagement2')).toMatchObject({ key: 'engagementGradeOrder', args: [50, 40] });
    expect(at(errors, 'engagement.groups.0.cap')).toMatchObject({ key: 'groupCapAboveEngagement', args: [60, 50] });
  });
});

describe('scoring errors in words', () => {
  it('says the reason and the place in Spanish, by the labels on screen', async () => {
    await useLocale('es');
    const errors = errorsOf({ ...draft(), mqlThreshold: 61 });
    expect(errorText(at(errors, 'mqlThreshold')!)).toBe('El umbral de cualificación por marketing (61) supera el total más alto que puede alcanzar un contacto (60).');
    expect(errorPlace(draft(), 'mqlThreshold')).toBe('Cualificado por marketing desde');
    expect(errorPlace(draft(), 'fit.groups.0.rules.0.points')).toBe('Encaje › Job title › CEO › Puntos');
    expect(errorPlace(draft(), 'engagement.groups.0.rules.0.condition.types.1')).toBe('Interacción › Mail › Replies › Condición');
    expect(errorPlace(draft(), 'engagement.groups.0.cap')).toBe('Interacción › Mail › Tope');
    expect(errorPlace(draft(), 'grades.fitB')).toBe('Encaje B desde');
    expect(errorPlace(draft(), '')).toBe('El modelo');
    // A blank name is what is wrong: the rule is named by its place.
    const blank = draft();
    blank.fit.groups[0]!.rules[0]!.label = ' ';
    expect(errorPlace(blank, 'fit.groups.0.rules.0.label')).toBe('Encaje › Job title › #1 › Nombre');
    // A path the draft no longer has (a rule removed since) still names what it can.
    expect(errorPlace(draft(), 'fit.groups.0.rules.5.points')).toBe('Encaje › Job title › Puntos');
  });

  it('in English, with the numbers in their places', async () => {
    await useLocale('en');
    const errors = errorsOf({ ...draft(), weights: { fit: 70, engagement: 40 } });
    expect(errorText(at(errors, 'weights')!)).toBe('Weights must sum to 100 (they add up to 110).');
    expect(errorText({ path: 'fit.cap', message: '', key: 'atMost', args: [100] })).toBe('Must be 100 or less.');
  });

  it('every key has words in both locales, different, with the same arguments', async () => {
    const en = await useLocale('en');
    const es = await useLocale('es');
    const placeholders = (text: string | undefined) => [...(text ?? '').matchAll(/\$\d/g)].map((m) => m[0]).sort();
    for (const key of SCORING_ERROR_KEYS) {
      const name = `scoringEditor_error_${key}`;
      expect(en[name]?.message, key).toBeTruthy();
      expect(es[name]?.message, key).toBeTruthy();
      expect(es[name]?.message, key).not.toBe(en[name]?.message);
      expect(placeholders(es[name]?.message), key).toEqual(placeholders(en[name]?.message));
    }
  });
});
