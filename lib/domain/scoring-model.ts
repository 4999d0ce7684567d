// A lead-scoring model is data: dimensions → groups (with caps) → rules (points + condition).
// It is validated once here so the scorer can trust it and stay branch-light.
import { z } from 'zod';
import { EngagementConditionSchema, FitConditionSchema } from './scoring/conditions';
import { type ExplainedIssue, explained, explainIssue } from './scoring/error-keys';

export * from './scoring/conditions';

export const DIMENSIONS = ['fit', 'engagement'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Stable ids: the explanation, the UI translations and stored overrides refer to rules by them. */
const ScoringIdSchema = z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'Ids are lower-case letters, digits, _ . - (max 64)');
const LabelSchema = z.string().trim().min(1, 'A label is required').max(120);
const Score = z.number().int().min(0).max(100);

const ruleSchema = <C extends z.ZodType>(condition: C) =>
  z.strictObject({ id: ScoringIdSchema, label: LabelSchema, points: z.number().int().min(-100).max(100), condition });

const groupSchema = <C extends z.ZodType>(condition: C) =>
  z.strictObject({
    id: ScoringIdSchema,
    label: LabelSchema,
    cap: z.number().int().min(0, 'A cap cannot be negative').max(100),
    rules: z.array(ruleSchema(condition)).min(1, 'A group needs at least one rule').max(100),
  });

const dimensionSchema = <C extends z.ZodType>(condition: C) =>
  z.strictObject({
    cap: z.number().int().min(0, 'A cap cannot be negative').max(100),
    groups: z.array(groupSchema(condition)).min(1, 'A dimension needs at least one group').max(50),
  });

const ScoringModelShape = z.strictObject({
  id: ScoringIdSchema,
  label: LabelSchema,
  fit: dimensionSchema(FitConditionSchema),
  engagement: dimensionSchema(EngagementConditionSchema),
  /** total = round((fit × weights.fit + engagement × weights.engagement) / 100); the weights sum to 100. */
  weights: z.strictObject({ fit: Score, engagement: Score }),
  /** Grade letter from fit (A ≥ fitA > B ≥ fitB > C), digit from engagement (1 ≥ engagement1 > 2 ≥ engagement2 > 3). */
  grades: z.strictObject({ fitA: Score, fitB: Score, engagement1: Score, engagement2: Score }),
  /** Total at or above which a contact is marketing-qualified (the lifecycle rules watch the crossing). */
  mqlThreshold: Score.default(60),
});

export const ScoringModelSchema = ScoringModelShape.superRefine((model, ctx) => {
  for (const { path, message, key, args } of crossFieldIssues(model)) ctx.addIssue({ code: 'custom', path, message, ...explained(key, ...args) });
});

export type ScoringModel = z.infer<typeof ScoringModelSchema>;
export type ScoringModelInput = z.input<typeof ScoringModelSchema>;
export type FitRule = ScoringModel['fit']['groups'][number]['rules'][number];
export type EngagementRule = ScoringModel['engagement']['groups'][number]['rules'][number];

type Issue = ExplainedIssue & { path: (string | number)[]; message: string };

/** The checks one field alone cannot make: caps against caps, unique ids, thresholds in order and reachable. */
function crossFieldIssues(model: z.infer<typeof ScoringModelShape>): Issue[] {
  const issues: Issue[] = [];
  const groupIds = new Set<string>();
  const ruleIds = new Set<string>();
  const reachable = { fit: 0, engagement: 0 };
  for (const dimension of DIMENSIONS) {
    const { cap, groups } = model[dimension];
    let capSum = 0;
    groups.forEach((group, g) => {
      capSum += group.cap;
      const at = [dimension, 'groups', g];
      if (group.cap > cap) issues.push({ path: [...at, 'cap'], message: `Group cap ${group.cap} is above the ${dimension} cap ${cap}`, key: dimension === 'fit' ? 'groupCapAboveFit' : 'groupCapAboveEngagement', args: [group.cap, cap] });
      if (groupIds.has(group.id)) issues.push({ path: [...at, 'id'], message: `Duplicate group id "${group.id}"`, key: 'duplicateGroupId', args: [group.id] });
      groupIds.add(group.id);
      group.rules.forEach((rule, r) => {
        if (ruleIds.has(rule.id)) issues.push({ path: [...at, 'rules', r, 'id'], message: `Duplicate rule id "${rule.id}"`, key: 'duplicateRuleId', args: [rule.id] });
        ruleIds.add(rule.id);
      });
    });
    reachable[dimension] = Math.min(cap, capSum);
  }
  const { weights, grades } = model;
  if (weights.fit + weights.engagement !== 100) {
    issues.push({ path: ['weights'], message: `Weights must sum to 100 (got ${weights.fit + weights.engagement})`, key: 'weightsSum', args: [weights.fit + weights.engagement] });
  }
  if (grades.fitB >= grades.fitA) issues.push({ path: ['grades', 'fitB'], message: `fitB (${grades.fitB}) must be below fitA (${grades.fitA})`, key: 'fitGradeOrder', args: [grades.fitB, grades.fitA] });
  if (grades.engagement2 >= grades.engagement1) {
    issues.push({ path: ['grades', 'engagement2'], message: `engagement2 (${grades.engagement2}) must be below engagement1 (${grades.engagement1})`, key: 'engagementGradeOrder', args: [grades.engagement2, grades.engagement1] });
  }
  if (grades.fitA > reachable.fit) issues.push({ path: ['grades', 'fitA'], message: `fitA (${grades.fitA}) is above the highest reachable fit (${reachable.fit})`, key: 'fitAUnreachable', args: [grades.fitA, reachable.fit] });
  if (grades.engagement1 > reachable.engagement) {
    issues.push({ path: ['grades', 'engagement1'], message: `engagement1 (${grades.engagement1}) is above the highest reachable engagement (${reachable.engagement})`, key: 'engagement1Unreachable', args: [grades.engagement1, reachable.engagement] });
  }
  const maxTotal = Math.floor((reachable.fit * weights.fit + reachable.engagement * weights.engagement + 50) / 100);
  if (model.mqlThreshold > maxTotal) issues.push({ path: ['mqlThreshold'], message: `mqlThreshold (${model.mqlThreshold}) is above the highest reachable total (${maxTotal})`, key: 'mqlUnreachable', args: [model.mqlThreshold, maxTotal] });
  return issues;
}

/** One reason a model is invalid: where (dotted path), in English, and as a key + arguments the UI translates. */
export type ScoringModelError = ExplainedIssue & { path: string; message: string };
export type ParseScoringModelResult = { ok: true; model: ScoringModel } | { ok: false; errors: ScoringModelError[] };

/** Validates untrusted model data (options page, sync, import); errors carry dotted paths such as "fit.groups.0.cap". */
export function parseScoringModel(input: unknown): ParseScoringModelResult {
  const parsed = ScoringModelSchema.safeParse(input);
  if (parsed.success) return { ok: true, model: parsed.data };
  const errors = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message, ...explainIssue(issue) }));
  return { ok: false, errors };
}
