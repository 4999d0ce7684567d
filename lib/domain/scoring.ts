// Explainable lead scoring: fit (who the contact is) and engagement (what they did), each 0–100,
// combined into a total and an A1–C3 grade. Pure: the caller passes `now` and the contact's activities.
import type { ScoringModel } from './scoring-model';
import { applyCaps, clampRaw, type CappedDimension, type GroupSpan } from './scoring/caps';
import { EngagementRules } from './scoring/engagement';
import type { EngagementDigit, FitLetter, Grade, GroupContribution, RuleContribution, ScoreResult } from './scoring/explanation';
import { compileFitCondition, type FitFacts, type FitPredicate } from './scoring/fit';
import type { ScoringInput } from './scoring/input';

export * from './scoring-model';
export type * from './scoring/explanation';
export type * from './scoring/input';
export { decayWeight, EXPIRED_WEIGHT } from './scoring/engagement';

export type Scorer = (input: ScoringInput, now: number) => ScoreResult;

/**
 * The combination: total = round((fit × weights.fit + engagement × weights.engagement) / 100), halves
 * rounded up. Weights are integer percentages summing to 100, so this is exact integer arithmetic.
 */
export function combineScores(fit: number, engagement: number, weights: ScoringModel['weights']): number {
  return Math.floor((fit * weights.fit + engagement * weights.engagement + 50) / 100);
}

/** Fit letter A ≥ fitA > B ≥ fitB > C; engagement digit 1 ≥ engagement1 > 2 ≥ engagement2 > 3. */
export function gradeFor(fit: number, engagement: number, grades: ScoringModel['grades']): Grade {
  const letter: FitLetter = fit >= grades.fitA ? 'A' : fit >= grades.fitB ? 'B' : 'C';
  const digit: EngagementDigit = engagement >= grades.engagement1 ? 1 : engagement >= grades.engagement2 ? 2 : 3;
  return `${letter}${digit}`;
}

/** For the lifecycle rules engine: did the score cross `threshold` (reaching it counts as crossing up)? A never-scored contact is below. */
export function crossedThreshold(before: number | null | undefined, after: number, threshold: number): 'up' | 'down' | null {
  const wasAbove = before != null && before >= threshold;
  const isAbove = after >= threshold;
  if (isAbove === wasAbove) return null;
  return isAbove ? 'up' : 'down';
}

interface Layout {
  dimension: 'fit' | 'engagement';
  cap: number;
  spans: GroupSpan[];
  groups: { id: string; label: string }[];
  rules: { id: string; label: string; groupId: string }[];
}

function layoutOf(model: ScoringModel, dimension: 'fit' | 'engagement'): Layout {
  const layout: Layout = { dimension, cap: model[dimension].cap, spans: [], groups: [], rules: [] };
  for (const group of model[dimension].groups) {
    const first = layout.rules.length;
    for (const rule of group.rules) layout.rules.push({ id: rule.id, label: rule.label, groupId: group.id });
    layout.spans.push({ cap: group.cap, first, end: layout.rules.length });
    layout.groups.push({ id: group.id, label: group.label });
  }
  return layout;
}

const emptyCapped = (): CappedDimension => ({ score: 0, uncapped: 0, groupRaw: [], groupPoints: [], rulePoints: [] });

/** Compiles a validated model once (keyword sets, type → rule index, scratch buffers) and returns its scorer. */
export function compileModel(model: ScoringModel): Scorer {
  const fitLayout = layoutOf(model, 'fit');
  const engagementLayout = layoutOf(model, 'engagement');
  const fitRules = model.fit.groups.flatMap((group) => group.rules);
  const fitChecks: FitPredicate[] = fitRules.map((rule) => compileFitCondition(rule.condition));
  const fitPoints = fitRules.map((rule) => rule.points);
  const engagement = new EngagementRules(model.engagement.groups.flatMap((group) => group.rules));
  const fitRaw: number[] = new Array<number>(fitRules.length).fill(0);
  const engagementRaw: number[] = new Array<number>(engagement.size).fill(0);
  const fitCapped = emptyCapped();
  const engagementCapped = emptyCapped();

  return (input, now) => {
    const facts: FitFacts = { contact: input.contact, now, paddedTitle: undefined };
    fitChecks.forEach((check, r) => {
      fitRaw[r] = check(facts) ? clampRaw(fitPoints[r] ?? 0) : 0;
    });
    engagement.score(input.activities, now, engagementRaw);
    for (let r = 0; r < engagementRaw.length; r++) engagementRaw[r] = clampRaw(engagementRaw[r] ?? 0);
    applyCaps(fitLayout.cap, fitLayout.spans, fitRaw, fitCapped);
    applyCaps(engagementLayout.cap, engagementLayout.spans, engagementRaw, engagementCapped);

    const fit = fitCapped.score;
    const engagementScore = engagementCapped.score;
    const total = combineScores(fit, engagementScore, model.weights);
    const grade = gradeFor(fit, engagementScore, model.grades);
    const rules: RuleContribution[] = [];
    const groups: GroupContribution[] = [];
    explainDimension(fitLayout, fitRaw, fitCapped, rules, groups, undefined);
    explainDimension(engagementLayout, engagementRaw, engagementCapped, rules, groups, engagement.tally.activityIds);
    const { weights, grades } = model;
    return {
      fit,
      engagement: engagementScore,
      total,
      grade,
      explanation: {
        rules,
        groups,
        fit: { score: fit, cap: fitLayout.cap, uncapped: fitCapped.uncapped },
        engagement: { score: engagementScore, cap: engagementLayout.cap, uncapped: engagementCapped.uncapped },
        total: {
          fitWeight: weights.fit,
          engagementWeight: weights.engagement,
          formula: `total = round((fit × ${weights.fit} + engagement × ${weights.engagement}) / 100) = round((${fit} × ${weights.fit} + ${engagementScore} × ${weights.engagement}) / 100) = ${total}`,
        },
        grade: {
          fitLetter: grade[0] as FitLetter,
          engagementDigit: Number(grade[1]) as EngagementDigit,
          formula: `fit ${fit}: A ≥ ${grades.fitA}, B ≥ ${grades.fitB}, else C; engagement ${engagementScore}: 1 ≥ ${grades.engagement1}, 2 ≥ ${grades.engagement2}, else 3`,
        },
      },
    };
  };
}

function explainDimension(
  layout: Layout,
  raw: readonly number[],
  capped: CappedDimension,
  rules: RuleContribution[],
  groups: GroupContribution[],
  activityIds: readonly (string[] | undefined)[] | undefined,
): void {
  const { dimension } = layout;
  layout.groups.forEach((group, g) => {
    const { cap } = layout.spans[g] ?? { cap: 0 };
    groups.push({ groupId: group.id, label: group.label, dimension, cap, rawPoints: capped.groupRaw[g] ?? 0, points: capped.groupPoints[g] ?? 0 });
  });
  layout.rules.forEach((rule, r) => {
    const rawPoints = raw[r] ?? 0;
    if (rawPoints === 0) return;
    const contribution: RuleContribution = { ruleId: rule.id, label: rule.label, dimension, groupId: rule.groupId, rawPoints, points: capped.rulePoints[r] ?? 0 };
    const ids = activityIds?.[r];
    if (activityIds !== undefined) contribution.activityIds = ids ?? [];
    rules.push(contribution);
  });
}

const compiled = new WeakMap<ScoringModel, Scorer>();

/** Scores one contact; the model is compiled on first use and cached per model object. */
export function scoreContact(model: ScoringModel, input: ScoringInput, now: number): ScoreResult {
  let scorer = compiled.get(model);
  if (scorer === undefined) {
    scorer = compileModel(model);
    compiled.set(model, scorer);
  }
  return scorer(input, now);
}
