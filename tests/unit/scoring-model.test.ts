import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_MODEL } from '@/lib/domain/scoring-defaults';
import { parseScoringModel, type ScoringModelInput } from '@/lib/domain/scoring-model';

const valid = (): ScoringModelInput => ({
  id: 'm',
  label: 'Model',
  fit: { cap: 100, groups: [{ id: 'title', label: 'Title', cap: 60, rules: [{ id: 'ceo', label: 'CEO', points: 60, condition: { type: 'titleMatches', keywords: ['ceo'] } }] }] },
  engagement: {
    cap: 100,
    groups: [{ id: 'mail', label: 'Mail', cap: 60, rules: [{ id: 'replies', label: 'Replies', points: 10, condition: { type: 'activityCount', types: ['email.sent'], perEvent: true } }] }],
  },
  weights: { fit: 50, engagement: 50 },
  grades: { fitA: 40, fitB: 20, engagement1: 40, engagement2: 10 },
});

function errorsOf(input: unknown) {
  const result = parseScoringModel(input);
  if (result.ok) throw new Error('expected the model to be rejected');
  return result.errors;
}

describe('parseScoringModel', () => {
  it('accepts a valid model and fills defaults (mqlThreshold 60, perEvent false, min 1)', () => {
    const input = valid();
    input.mqlThreshold = undefined;
    const result = parseScoringModel(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.model.mqlThreshold).toBe(60);
    const condition = result.model.engagement.groups[0]?.rules[0]?.condition;
    expect(condition).toMatchObject({ perEvent: true, min: 1 });
  });

  it('accepts the default model', () => {
    expect(parseScoringModel(DEFAULT_SCORING_MODEL)).toEqual({ ok: true, model: DEFAULT_SCORING_MODEL });
  });

  it('rejects a group with no rules, with its path', () => {
    const input = valid();
    input.fit.groups[0]!.rules = [];
    expect(errorsOf(input)).toContainEqual({ path: 'fit.groups.0.rules', message: 'A group needs at least one rule', key: 'groupNeedsRule', args: [] });
  });

  it('rejects a dimension with no groups', () => {
    const input = valid();
    input.engagement.groups = [];
    expect(errorsOf(input).map((e) => e.path)).toContain('engagement.groups');
  });

  it('rejects negative caps', () => {
    const input = valid();
    input.fit.groups[0]!.cap = -1;
    expect(errorsOf(input)).toContainEqual({ path: 'fit.groups.0.cap', message: 'A cap cannot be negative', key: 'atLeast', args: [0] });
  });

  it('rejects a group cap above its dimension cap', () => {
    const input = valid();
    input.engagement.cap = 50;
    expect(errorsOf(input)).toContainEqual({ path: 'engagement.groups.0.cap', message: 'Group cap 60 is above the engagement cap 50', key: 'groupCapAboveEngagement', args: [60, 50] });
  });

  it('rejects duplicate group and rule ids across dimensions', () => {
    const input = valid();
    input.engagement.groups[0]!.id = 'title';
    input.engagement.groups[0]!.rules[0]!.id = 'ceo';
    const paths = errorsOf(input).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['engagement.groups.0.id', 'engagement.groups.0.rules.0.id']));
  });

  it.each([
    [{ fitA: 20, fitB: 20, engagement1: 40, engagement2: 10 }, 'grades.fitB'],
    [{ fitA: 40, fitB: 20, engagement1: 10, engagement2: 30 }, 'grades.engagement2'],
    [{ fitA: 70, fitB: 20, engagement1: 40, engagement2: 10 }, 'grades.fitA'], // fit can reach only 60
  ])('rejects contradictory grade thresholds %o at %s', (grades, path) => {
    const input = { ...valid(), grades };
    expect(errorsOf(input).map((e) => e.path)).toContain(path);
  });

  it('rejects weights that do not sum to 100 and an unreachable MQL threshold', () => {
    expect(errorsOf({ ...valid(), weights: { fit: 50, engagement: 40 } }).map((e) => e.path)).toContain('weights');
    // Highest total: round((60 × 50 + 60 × 50) / 100) = 60.
    expect(errorsOf({ ...valid(), mqlThreshold: 61 })).toContainEqual({ path: 'mqlThreshold', message: 'mqlThreshold (61) is above the highest reachable total (60)', key: 'mqlUnreachable', args: [61, 60] });
  });

  it('rejects conditions outside the closed union, per dimension, and unknown keys', () => {
    const input = valid() as unknown as { fit: { groups: { rules: { condition: unknown }[] }[] } };
    input.fit.groups[0]!.rules[0]!.condition = { type: 'activityCount', types: ['email.sent'] };
    expect(errorsOf(input).map((e) => e.path)).toContain('fit.groups.0.rules.0.condition.type');
    const typo = valid() as unknown as { engagement: { groups: { rules: { condition: unknown }[] }[] } };
    typo.engagement.groups[0]!.rules[0]!.condition = { type: 'activityCount', types: ['email.sent'], withinDay: 30 };
    expect(errorsOf(typo).map((e) => e.path)).toContain('engagement.groups.0.rules.0.condition');
  });

  it('rejects bad values inside conditions with their paths', () => {
    const input = valid() as unknown as { fit: { groups: { rules: { condition: unknown }[] }[] } };
    const rules = input.fit.groups[0]!.rules;
    rules[0]!.condition = { type: 'titleMatches', keywords: ['ok', '  '] };
    rules.push({ id: 'big', label: 'Big', points: 5, condition: { type: 'companySizeIn', bands: ['huge'] } } as never);
    rules.push({ id: 'es', label: 'Spain', points: 5, condition: { type: 'countryIn', codes: ['XX'] } } as never);
    const paths = errorsOf(input).map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['fit.groups.0.rules.0.condition.keywords.1', 'fit.groups.0.rules.1.condition.bands.0', 'fit.groups.0.rules.2.condition.codes.0']),
    );
  });

  it('rejects non-positive windows and half-lives', () => {
    const input = valid();
    input.engagement.groups[0]!.rules[0]!.condition = { type: 'activityCount', types: ['email.sent'], halfLifeDays: 0, withinDays: -1 };
    const paths = errorsOf(input).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['engagement.groups.0.rules.0.condition.halfLifeDays', 'engagement.groups.0.rules.0.condition.withinDays']));
  });

  it('rejects input that is not an object at all', () => {
    expect(errorsOf(null)[0]?.path).toBe('');
    expect(errorsOf('model')).toHaveLength(1);
  });
});
